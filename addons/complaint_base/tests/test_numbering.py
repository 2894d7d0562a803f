"""BASE-05 numbers from per-company monthly sequences, and the one-pass
registration (issue 14: speed and scale)."""

from datetime import datetime
from unittest.mock import patch

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestNumbering(ComplaintCase):
    def _at(self, year, month, day=3, **vals):
        return self._complaint(received_at=datetime(year, month, day, 2, 0), **vals)

    def test_base_05_numbers_come_from_a_monthly_sequence_per_company(self):
        first = self._at(2021, 3)
        self.assertEqual(first.name, "21030001")
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "complaint.complaint"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(sequence), 1)
        self.assertEqual(sequence.implementation, "standard", "no row lock")
        self.assertTrue(sequence.use_date_range)
        march = sequence.date_range_ids.filtered(
            lambda r: r.date_from == datetime(2021, 3, 1).date()
        )
        self.assertEqual(march.date_to, datetime(2021, 3, 31).date())
        march.invalidate_recordset(["number_next_actual"])
        self.assertEqual(march.number_next_actual, 2)
        other = self.env["res.company"].create({"name": "Numbering Co"})
        self.env.user.company_ids |= other
        theirs = self._at(2021, 3, company_id=other.id)
        self.assertEqual(theirs.name, "21030001", "each company counts its own")

    def test_base_05_a_rolled_back_registration_leaves_a_gap(self):
        first = self._at(2021, 4)
        with self.assertRaises(ValueError), self.env.cr.savepoint():
            self._at(2021, 4)
            raise ValueError("registration failed after taking its number")
        after = self._at(2021, 4)
        self.assertEqual((first.name, after.name), ("21040001", "21040003"))
        self.assertFalse(
            self.env["complaint.complaint"].search([("name", "=", "21040002")]),
            "the number of the failed registration is never given again",
        )

    def test_base_05_numbers_never_go_back_after_the_migration(self):
        # a month counted by the legacy counter continues after it
        self.env["complaint.number.counter"].sudo().create(
            {"company_id": self.company.id, "period": "2105", "last_serial": 41}
        )
        self.assertEqual(self._at(2021, 5).name, "21050042")
        # a month whose numbers exist (imported) without a counter
        self.env["complaint.complaint"].sudo().create(
            {"subject": "imported", "name": "21060007", "received_at": "2021-06-02"}
        )
        self.assertEqual(self._at(2021, 6).name, "21060008")

    def test_base_05_the_month_is_the_company_time_zone_month(self):
        # 1 August 02:00 UTC is still 31 July in New York
        self.company.complaint_tz = "America/New_York"
        self.assertEqual(self._at(2021, 8, 1).name[:4], "2107")
        self.company.complaint_tz = "Asia/Shanghai"
        self.assertEqual(self._at(2021, 8, 1).name[:4], "2108")

    def test_base_05_batch_takes_consecutive_numbers_in_one_query(self):
        Complaint = self.env["complaint.complaint"]
        batch = Complaint.create(
            [
                {"subject": f"b{i}", "received_at": datetime(2021, 9, 2, 3, 0)}
                for i in range(3)
            ]
        )
        self.assertEqual(batch.mapped("name"), ["21090001", "21090002", "21090003"])


@tagged("post_install", "-at_install")
class TestOnePassRegistration(ComplaintCase):
    def test_base_20_registration_is_decided_before_the_insert(self):
        Complaint = type(self.env["complaint.complaint"])
        writes = []
        original = Complaint.write

        def spy(records, vals):
            writes.append((records, dict(vals)))
            return original(records, vals)

        with patch.object(Complaint, "write", spy):
            complaint = self._complaint(user=self.registrar)
        self.assertEqual(writes, [], "no second write of the new complaint")
        # routing, deadlines and the watcher's next check came with the INSERT
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.department_id, self.department)
        self.assertTrue(complaint.resolution_deadline)
        self.assertTrue(complaint.sla_next_check)
        self.assertEqual(complaint.accountable_user_id, self.registrar)
        self.assertEqual(len(complaint.message_ids), 1, "one creation message")

    def test_base_08_a_repeat_says_so_in_its_creation_message(self):
        first = self._complaint()
        second = self._complaint()
        self.assertEqual(second.parent_id, first)
        creation = second.message_ids.filtered(lambda m: "created" in m.body)
        self.assertEqual(len(creation), 1, "one creation message")
        self.assertIn("Repeat of complaint", creation.body)
        self.assertIn(first.name, creation.body)
        self.assertEqual(first.repeat_count, 1)
        self.assertIn(second.name, first.message_ids[0].body)

    def test_base_08_repeats_registered_together_are_linked(self):
        batch = self.env["complaint.complaint"].create(
            [
                {
                    "subject": f"same {i}",
                    "partner_id": self.partner.id,
                    "category_id": self.cat_l3.id,
                    "channel_id": self.phone.id,
                }
                for i in range(3)
            ]
        )
        self.assertFalse(batch[0].parent_id)
        self.assertEqual(batch[1:].parent_id, batch[0])
        self.assertEqual(batch[0].repeat_count, 2)

    def test_base_20_routed_handler_follows_the_complaint(self):
        complaint = self._complaint(category_id=self.cat_billing.id)
        self.assertEqual(complaint.user_id, self.handler2)
        self.assertIn(self.handler2.partner_id, complaint.message_partner_ids)
