"""SLA policies: which policy applies (most specific wins), shipped
defaults, recomputation of the deadlines (DL-6)."""

from odoo.tests import tagged

from .sla_common import SlaCase, end_of_day, local


@tagged("post_install", "-at_install")
class TestSlaPolicy(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["complaint.category"]
        cls.cat_service = Category.create({"name": "服务 Service"})
        cls.cat_attitude = Category.create(
            {"name": "态度 Attitude", "parent_id": cls.cat_service.id}
        )
        cls.cat_rude = Category.create(
            {"name": "粗鲁 Rude", "parent_id": cls.cat_attitude.id}
        )
        cls.policy_major = cls._make_policy(
            "Major", {"resolution": (7, "working_days", "received")}, severity="major"
        )
        cls.policy_major_phone = cls._make_policy(
            "Major by phone",
            {"resolution": (2, "working_days", "received")},
            severity="major",
            channel_id=cls.channel_phone.id,
        )
        cls.policy_service = cls._make_policy(
            "Service category",
            {"resolution": (10, "working_days", "received")},
            category_id=cls.cat_service.id,
        )

    def test_policy_most_specific_wins(self):
        """Policy specificity: "major + hotline" (2 conditions) beats
        "major" (1) beats the catch-all (0)."""
        major_web = self._complaint(
            local(2026, 11, 16, 10, 0), severity="major", channel_id=self.channel_web.id
        )
        self.assertEqual(major_web.sla_policy_id, self.policy_major)
        major_phone = self._complaint(local(2026, 11, 16, 10, 0), severity="major")
        self.assertEqual(major_phone.sla_policy_id, self.policy_major_phone)
        # Tue 17, Wed 18
        self.assertEqual(major_phone.resolution_deadline, end_of_day(2026, 11, 18))
        general = self._complaint(local(2026, 11, 16, 10, 0))
        self.assertEqual(general.sla_policy_id, self.policy)

    def test_policy_category_matches_children(self):
        """Policy specificity: a category condition covers its
        sub-categories (complaint filed under 服务 / 态度 / 粗鲁)."""
        complaint = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(complaint.sla_policy_id, self.policy_service)
        other_root = self.env["complaint.category"].create({"name": "产品 Product"})
        complaint.category_id = other_root
        self.assertEqual(complaint.sla_policy_id, self.policy)

    def test_policy_cached_until_a_policy_or_target_changes(self):
        """Policy specificity: the policies and targets read once per
        registry (issue 14) follow every change of a target or a policy; a
        policy deleted with its category (in SQL, unseen by the cache)
        matches no complaint any more and breaks no registration."""
        first = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(first.resolution_deadline, end_of_day(2026, 11, 30))
        self.policy_service.target_ids.write({"amount": 2})
        second = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(second.resolution_deadline, end_of_day(2026, 11, 18))
        self.policy_service.write({"severity": "major"})
        third = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(third.sla_policy_id, self.policy)
        self.policy_service.write({"severity": False})
        again = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(again.sla_policy_id, self.policy_service)
        (first | second | third | again).unlink()
        self.cat_service.child_ids.child_ids.unlink()
        self.cat_service.child_ids.unlink()
        self.cat_service.unlink()
        self.assertFalse(self.policy_service.exists())
        fourth = self._complaint(local(2026, 11, 16, 10, 0))
        self.assertEqual(fourth.sla_policy_id, self.policy)

    def test_policy_tie_broken_by_sequence(self):
        """Policy specificity: equally specific policies -> lowest sequence."""
        self.policy_service.sequence = 20
        tier_policy = self._make_policy(
            "Important customers",
            {"resolution": (1, "working_days", "received")},
            customer_tier="important",
            sequence=5,
        )
        self.partner.complaint_customer_tier = "important"
        complaint = self._complaint(
            local(2026, 11, 16, 10, 0), category_id=self.cat_rude.id
        )
        self.assertEqual(complaint.sla_policy_id, tier_policy)
        tier_policy.sequence = 30
        complaint._recompute_sla_deadlines()
        self.assertEqual(complaint.sla_policy_id, self.policy_service)

    def test_policy_company_condition(self):
        """Policy specificity: a policy of another company never applies."""
        other = self.env["res.company"].create({"name": "深圳分公司"})
        self._make_policy(
            "Other company, major",
            {"resolution": (1, "working_days", "received")},
            severity="major",
            channel_id=self.channel_phone.id,
            company_id=other.id,
        )
        complaint = self._complaint(local(2026, 11, 16, 10, 0), severity="major")
        self.assertEqual(complaint.sla_policy_id, self.policy_major_phone)

    def test_dl_6_recomputed_when_inputs_change(self):
        """DL-6: changing the severity or the receipt time recomputes the
        deadlines."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0), channel_id=False)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 19))
        complaint.severity = "major"  # 7 working days
        self.assertEqual(complaint.sla_policy_id, self.policy_major)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 25))
        complaint.received_at = local(2026, 11, 17, 10, 0)
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 26))

    def test_dl_6_never_shortened_once_told(self):
        """DL-6: once the complainant was told the date, a change that would
        bring it forward keeps the promised date; a later one still applies."""
        complaint = self._complaint(
            local(2026, 11, 16, 10, 0), severity="major", channel_id=False
        )
        promised = complaint.resolution_deadline
        complaint.deadline_notified = True
        complaint.severity = "general"  # would be 3 working days
        self.assertEqual(complaint.resolution_deadline, promised)
        # major again, received two days later: 7 working days from Wednesday
        # 11-18 is later than the promise, so it applies
        complaint.write(
            {"received_at": local(2026, 11, 18, 10, 0), "severity": "major"}
        )
        self.assertEqual(complaint.resolution_deadline, end_of_day(2026, 11, 27))

    def test_dl_6_followup_deadline_starts_at_resolution(self):
        """DL-6 / BASE-41: the follow-up deadline appears when the complaint
        is resolved (3 calendar days) and its start event is the resolution."""
        complaint = self._complaint(local(2026, 11, 16, 10, 0))
        self.assertFalse(complaint.followup_deadline)
        complaint.write(
            {"state": "resolved", "resolved_at": local(2026, 11, 17, 15, 0)}
        )
        self.assertEqual(complaint.followup_deadline, end_of_day(2026, 11, 20))
        self.assertFalse(complaint.sla_next_check, "nothing to watch once resolved")

    def test_shipped_default_policies_follow_the_seeds(self):
        """Shipped defaults: general 3, important 5, major 7 working days;
        acknowledge and first response 1 working day; follow-up 3 days after
        resolution (seeds 001, 002, 004)."""
        expected = {
            "complaint_base.sla_policy_general": 3,
            "complaint_base.sla_policy_important": 5,
            "complaint_base.sla_policy_major": 7,
        }
        for xmlid, days in expected.items():
            policy = self.env.ref(xmlid)
            targets = {t.kind: t for t in policy.target_ids}
            self.assertEqual(targets["resolution"].amount, days)
            self.assertEqual(targets["resolution"].unit, "working_days")
            for kind in ("acknowledge", "first_response"):
                self.assertEqual(
                    (
                        targets[kind].amount,
                        targets[kind].unit,
                        targets[kind].start_event,
                    ),
                    (1, "working_days", "received"),
                )
            self.assertEqual(
                (targets["followup"].amount, targets["followup"].start_event),
                (3, "resolved"),
            )
        (
            self.env.ref("complaint_base.sla_policy_general")
            | self.env.ref("complaint_base.sla_policy_important")
            | self.env.ref("complaint_base.sla_policy_major")
        ).active = True
        self.policy.active = False
        self.policy_major.active = False
        self.policy_major_phone.active = False
        self.policy_service.active = False
        important = self._complaint(local(2026, 11, 16, 10, 0), severity="important")
        self.assertEqual(
            important.sla_policy_id, self.env.ref("complaint_base.sla_policy_important")
        )
        # Tue 17 .. Mon 23
        self.assertEqual(important.resolution_deadline, end_of_day(2026, 11, 23))
