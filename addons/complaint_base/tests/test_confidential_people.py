from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import ComplaintCase

REVIEWER = "complaint_base.group_complaint_reviewer"
MANAGER = "complaint_base.group_complaint_manager"


class TestConfidentialPeople(ComplaintCase):
    """BASE-54: a confidential complaint is hidden from the people it
    concerns, and none of them follows it, is notified about it or gets an
    activity on it; HR changes apply at once.

    Tree: Branch (manager: branch head) > Counter (manager: counter head,
    who sits in Branch) > Night shift.  The complaint is about Counter and
    its clerk.  Everyone concerned is a reviewer, so without the
    confidentiality they would read every complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.u_clerk = new_test_user(cls.env, "t_c_clerk", groups=REVIEWER, name="Clerk")
        cls.u_counter_head = new_test_user(
            cls.env, "t_c_head", groups=REVIEWER, name="Counter Head"
        )
        cls.u_branch_head = new_test_user(
            cls.env, "t_c_branch", groups=MANAGER, name="Branch Head"
        )
        cls.u_night = new_test_user(cls.env, "t_c_night", groups=REVIEWER, name="Night")
        cls.u_bystander = new_test_user(
            cls.env, "t_c_by", groups=REVIEWER, name="Bystander"
        )
        cls.branch = Department.create({"name": "Branch"})
        cls.counter = Department.create({"name": "Counter", "parent_id": cls.branch.id})
        cls.night = Department.create(
            {"name": "Night shift", "parent_id": cls.counter.id}
        )
        cls.e_branch_head = Employee.create(
            {
                "name": "Branch Head",
                "user_id": cls.u_branch_head.id,
                "department_id": cls.branch.id,
            }
        )
        cls.e_counter_head = Employee.create(
            {
                "name": "Counter Head",
                "user_id": cls.u_counter_head.id,
                "department_id": cls.branch.id,  # sits in the parent department
            }
        )
        cls.branch.manager_id = cls.e_branch_head
        cls.counter.manager_id = cls.e_counter_head
        cls.e_clerk = Employee.create(
            {
                "name": "Clerk",
                "user_id": cls.u_clerk.id,
                "department_id": cls.counter.id,
            }
        )
        cls.e_night = Employee.create(
            {"name": "Night", "user_id": cls.u_night.id, "department_id": cls.night.id}
        )
        cls.e_bystander = Employee.create(
            {
                "name": "Bystander",
                "user_id": cls.u_bystander.id,
                "department_id": cls.department_b.id,
            }
        )
        cls.concerned = (
            cls.u_clerk | cls.u_counter_head | cls.u_branch_head | cls.u_night
        )
        cls.complaint = cls._complaint(
            is_confidential=True,
            department_id=cls.counter.id,
            employee_id=cls.e_clerk.id,
        )

    def _sees(self, user, complaint=None):
        complaint = complaint or self.complaint
        Complaint = self.env["complaint.complaint"].with_user(user)
        return bool(Complaint.search([("id", "=", complaint.id)]))

    # ------------------------------------------------------------ the rule
    def test_base_54_people_concerned_up_and_down_the_tree(self):
        excluded = self.complaint.confidential_excluded_user_ids
        self.assertEqual(excluded, self.concerned)
        self.assertNotIn(self.handler, excluded)
        self.assertNotIn(self.u_bystander, excluded)

    def test_base_54_each_person_concerned_cannot_read_it(self):
        for user in self.concerned:
            with self.subTest(user=user.name):
                self.assertFalse(self._sees(user))
                with self.assertRaises(AccessError):
                    self.complaint.with_user(user).read(["subject"])
        self.assertTrue(self._sees(self.u_bystander))
        self.assertTrue(self._sees(self.handler))
        self.complaint.is_confidential = False
        self.assertTrue(self._sees(self.u_clerk), "only confidential cases are hidden")

    def test_base_54_sub_department_member_and_manager_in_parent_department(self):
        self.assertFalse(self._sees(self.u_night), "member of a sub-department")
        self.assertFalse(self._sees(self.u_counter_head), "manager sitting in Branch")
        self.assertFalse(self._sees(self.u_branch_head), "manager up the tree")

    def test_base_54_moved_employee_loses_and_regains_access_at_once(self):
        self.assertTrue(self._sees(self.u_bystander))
        self.e_bystander.department_id = self.night
        self.assertFalse(self._sees(self.u_bystander), "moved in: hidden at once")
        self.e_bystander.department_id = self.department_b
        self.assertTrue(self._sees(self.u_bystander), "moved out: visible again")

    def test_base_54_new_manager_and_new_sub_department_apply_at_once(self):
        self.counter.manager_id = self.e_bystander
        self.assertFalse(self._sees(self.u_bystander))
        newcomer = new_test_user(self.env, "t_c_new", groups=REVIEWER, name="New")
        annex = self.env["hr.department"].create(
            {"name": "Annex", "parent_id": self.department_b.id}
        )
        self.env["hr.employee"].create(
            {"name": "New", "user_id": newcomer.id, "department_id": annex.id}
        )
        self.assertTrue(self._sees(newcomer))
        annex.parent_id = self.counter
        self.assertFalse(self._sees(newcomer), "department moved under Counter")

    def test_base_54_people_named_in_responsibilities(self):
        self.complaint.message_subscribe(partner_ids=self.u_bystander.partner_id.ids)
        self.assertTrue(self._sees(self.u_bystander))
        self.complaint.write(
            {
                "responsibility_ids": [
                    (
                        0,
                        0,
                        {
                            "employee_id": self.e_bystander.id,
                            "responsibility_type": "main",
                        },
                    )
                ]
            }
        )
        self.assertFalse(self._sees(self.u_bystander))
        self.assertNotIn(
            self.u_bystander.partner_id, self.complaint.message_partner_ids
        )

    # ---------------------------------------------------- notifications
    def test_base_54_major_notice_never_reaches_the_department_head(self):
        complaint = self._complaint(
            is_confidential=True,
            department_id=self.counter.id,
            employee_id=self.e_clerk.id,
            serious_harm=True,
        )
        self.assertEqual(complaint.severity, "major")
        head = self.u_counter_head.partner_id
        self.assertNotIn(head, complaint.message_partner_ids)
        messages = self.env["mail.message"].search(
            [("model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertNotIn(head, messages.partner_ids)
        self.assertFalse(
            self.env["mail.notification"].search(
                [
                    ("res_partner_id", "=", head.id),
                    ("mail_message_id", "in", messages.ids),
                ]
            )
        )

    def test_base_54_existing_follower_removed_when_marked_confidential(self):
        complaint = self._complaint(department_id=self.counter.id)
        complaint.message_subscribe(partner_ids=self.u_counter_head.partner_id.ids)
        self.assertIn(self.u_counter_head.partner_id, complaint.message_partner_ids)
        complaint.is_confidential = True
        self.assertNotIn(self.u_counter_head.partner_id, complaint.message_partner_ids)

    def test_base_54_escalation_and_sla_warning_skip_people_concerned(self):
        level = self.env["complaint.escalation.level"].create(
            {
                "name": "Branch escalation",
                "level": 91,
                "user_ids": [(6, 0, (self.u_counter_head | self.u_bystander).ids)],
                "partner_ids": [(6, 0, self.u_branch_head.partner_id.ids)],
            }
        )
        self.complaint._notify_escalation(
            "Escalated", level, summary="Escalated complaint", subscribe=True
        )
        escalated = self.complaint.activity_ids.filtered(
            lambda a: a.summary == "Escalated complaint"
        )
        self.assertEqual(escalated.user_id, self.u_bystander)
        followers = self.complaint.message_partner_ids
        self.assertNotIn(self.u_counter_head.partner_id, followers)
        self.assertNotIn(self.u_branch_head.partner_id, followers)
        last = self.complaint.message_ids[0]
        self.assertNotIn(self.u_branch_head.partner_id, last.partner_ids)
        # SLA warning to the team leader, who heads the branch
        self.complaint.activity_ids.unlink()
        self.team_a.leader_id = self.u_branch_head
        self.complaint.write({"user_id": False})
        if not self.complaint.resolution_deadline:
            self.complaint.resolution_deadline = self.complaint.received_at + timedelta(
                days=5
            )
        self.complaint._sla_send_warning()
        self.assertNotIn(self.u_branch_head, self.complaint.activity_ids.user_id)

    def test_base_54_plan_and_extension_approvals_skip_people_concerned(self):
        self.complaint.write(
            {
                "severity": "important",
                "plan_measures": "<p>Refund</p>",
                "plan_owner_id": self.handler.id,
                "user_id": self.handler.id,
            }
        )
        self.complaint.with_user(self.handler).action_submit_plan()
        approvers = self.complaint.activity_ids.filtered(
            lambda a: (a.summary or "").startswith("Approve")
        ).user_id
        self.assertTrue(approvers)
        self.assertNotIn(self.u_branch_head, approvers, "a manager concerned")
        self.complaint.activity_ids.unlink()
        if not self.complaint.resolution_deadline:
            self.complaint.resolution_deadline = self.complaint.received_at + timedelta(
                days=5
            )
        extension = (
            self.env["complaint.extension"]
            .with_user(self.handler)
            .create(
                {
                    "complaint_id": self.complaint.id,
                    "requested_deadline": self.complaint.resolution_deadline
                    + timedelta(days=2),
                    "reason": "Waiting for the bank statement",
                }
            )
        )
        extension.action_submit()
        approvers = self.complaint.activity_ids.filtered(
            lambda a: (a.summary or "").startswith("Approve")
        ).user_id
        self.assertTrue(approvers)
        self.assertNotIn(self.u_branch_head, approvers)

    def test_base_54_activities_and_recipients_never_name_people_concerned(self):
        handler_view = self.complaint.with_user(self.handler)
        self.assertFalse(
            handler_view.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.u_counter_head.id
            )
        )
        with self.assertRaises(UserError):
            self.env["mail.activity"].with_user(self.handler).create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("complaint.complaint"),
                    "res_id": self.complaint.id,
                    "user_id": self.u_clerk.id,
                    "summary": "Ask the clerk",
                }
            )
        message = handler_view.message_post(
            body="FYI",
            partner_ids=(self.u_clerk.partner_id | self.u_bystander.partner_id).ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(message.partner_ids, self.u_bystander.partner_id)
        self.assertNotIn(self.u_clerk.partner_id, self.complaint.message_partner_ids)

    def test_base_54_an_activity_cannot_be_handed_to_people_concerned(self):
        Activity = self.env["mail.activity"].with_user(self.handler)
        activity = Activity.create(
            {
                "res_model_id": self.env["ir.model"]._get_id("complaint.complaint"),
                "res_id": self.complaint.id,
                "user_id": self.u_bystander.id,
                "summary": "Check the ledger",
            }
        )
        with self.assertRaises(UserError):
            activity.write({"user_id": self.u_clerk.id})
        other = self._complaint()
        elsewhere = Activity.create(
            {
                "res_model_id": self.env["ir.model"]._get_id("complaint.complaint"),
                "res_id": other.id,
                "user_id": self.u_counter_head.id,
                "summary": "Call back",
            }
        )
        with self.assertRaises(UserError):
            elsewhere.write({"res_id": self.complaint.id})
        self.assertEqual(activity.user_id, self.u_bystander)
        self.assertEqual(elsewhere.res_id, other.id)

    def test_base_54_a_message_created_directly_cannot_address_them(self):
        Message = self.env["mail.message"].with_user(self.handler)
        vals = {
            "model": "complaint.complaint",
            "res_id": self.complaint.id,
            "body": "Secret findings",
            "message_type": "comment",
        }
        with self.assertRaises(UserError):
            Message.create(dict(vals, partner_ids=[(4, self.u_clerk.partner_id.id)]))
        message = Message.create(
            dict(vals, partner_ids=[(4, self.u_bystander.partner_id.id)])
        )
        with self.assertRaises(UserError):
            message.write({"partner_ids": [(4, self.u_counter_head.partner_id.id)]})
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.u_clerk)
            .search(
                [("model", "=", "complaint.complaint"), ("body", "ilike", "Secret")]
            )
        )

    def test_base_18_people_concerned_neither_handle_nor_investigate(self):
        handler_view = self.complaint.with_user(self.handler)
        with self.assertRaises(UserError):
            handler_view.write({"user_id": self.u_counter_head.id})
        with self.assertRaises(UserError):
            handler_view.write({"investigation_user_ids": [(4, self.u_branch_head.id)]})
        self.assertNotIn(self.u_branch_head, self.complaint.investigation_user_ids)

    def test_base_54_only_a_manager_lifts_the_confidentiality(self):
        """Lifting it shows the case to the people it concerns; who it
        concerns is a handler's correction."""
        registrar_view = self.complaint.with_user(self.registrar)
        for user in (self.registrar, self.handler):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.complaint.with_user(user).write({"is_confidential": False})
        with self.assertRaises(AccessError):
            registrar_view.write({"department_id": self.department_b.id})
        self.assertTrue(self.complaint.is_confidential)
        self.assertFalse(self._sees(self.u_clerk))
        self.complaint.with_user(self.manager).write({"is_confidential": False})
        self.assertTrue(self._sees(self.u_clerk))

    def test_base_54_a_person_concerned_learns_nothing_from_a_repeat(self):
        """The clerk registers a new complaint of the same complainant on the
        same matter: it is not linked to the confidential one (whose number
        and subject the link would show); anyone else's is."""
        by_clerk = self._complaint(user=self.u_clerk)
        self.assertFalse(by_clerk.sudo().parent_id)
        by_bystander = self._complaint(user=self.u_bystander)
        self.assertEqual(by_bystander.sudo().parent_id, self.complaint)
