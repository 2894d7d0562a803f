from odoo.tests import TransactionCase, new_test_user


class ComplaintCase(TransactionCase):
    """Shared fixture: teams, a category tree, users of every group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.registrar = new_test_user(
            cls.env,
            "t_registrar",
            groups="complaint_base.group_complaint_user",
            name="Registrar",
            tz="Asia/Shanghai",
        )
        cls.handler = new_test_user(
            cls.env,
            "t_handler",
            groups="complaint_base.group_complaint_handler",
            name="Handler",
            tz="Asia/Shanghai",
        )
        cls.handler2 = new_test_user(
            cls.env,
            "t_handler2",
            groups="complaint_base.group_complaint_handler",
            name="Handler Two",
            tz="Asia/Shanghai",
        )
        cls.reviewer = new_test_user(
            cls.env,
            "t_reviewer",
            groups="complaint_base.group_complaint_reviewer",
            name="Reviewer",
            tz="Asia/Shanghai",
        )
        cls.manager = new_test_user(
            cls.env,
            "t_manager",
            groups="complaint_base.group_complaint_manager",
            name="Manager",
            tz="Asia/Shanghai",
        )
        cls.outsider = new_test_user(
            cls.env,
            "t_outsider",
            groups="complaint_base.group_complaint_handler",
            name="Outsider",
            tz="Asia/Shanghai",
        )
        Team = cls.env["complaint.team"]
        cls.team_a = Team.create(
            {
                "name": "Team A",
                "leader_id": cls.handler.id,
                "member_ids": [(6, 0, [cls.handler.id, cls.registrar.id])],
            }
        )
        cls.team_b = Team.create(
            {"name": "Team B", "member_ids": [(6, 0, [cls.handler2.id])]}
        )
        cls.arbitration = cls.env.ref("complaint_base.team_arbitration")
        cls.arbitration.leader_id = cls.manager
        cls.department = cls.env["hr.department"].create({"name": "Counter Dept"})
        cls.department_b = cls.env["hr.department"].create({"name": "Billing Dept"})
        Category = cls.env["complaint.category"]
        cls.cat_l1 = Category.create(
            {
                "name": "Service",
                "team_id": cls.team_a.id,
                "department_id": cls.department.id,
            }
        )
        cls.cat_l2 = Category.create({"name": "Attitude", "parent_id": cls.cat_l1.id})
        cls.cat_l3 = Category.create({"name": "Counter", "parent_id": cls.cat_l2.id})
        cls.cat_l4 = Category.create({"name": "Rude words", "parent_id": cls.cat_l3.id})
        cls.cat_billing = Category.create(
            {
                "name": "Billing",
                "team_id": cls.team_b.id,
                "department_id": cls.department_b.id,
                "user_id": cls.handler2.id,
            }
        )
        cls.phone = cls.env.ref("complaint_base.channel_phone")
        cls.partner = cls.env["res.partner"].create(
            {"name": "赵敏", "phone": "+86 138 0013 8000", "email": "zm@example.cn"}
        )

    @classmethod
    def _complaint(cls, user=None, **vals):
        values = {
            "subject": "Rude clerk",
            "partner_id": cls.partner.id,
            "channel_id": cls.phone.id,
            "category_id": cls.cat_l3.id,
            "description": "<p>The clerk was rude.</p>",
        }
        values.update(vals)
        env = cls.env(user=user) if user else cls.env
        return env["complaint.complaint"].create(values)

    def _sms_composer(self, user, complaint, vals, **context):
        """The SMS composer ``user`` opens on ``complaint`` (one recipient,
        its chatter), created with ``vals``."""
        return (
            self.env["sms.composer"]
            .with_user(user)
            .with_context(
                default_res_model="complaint.complaint",
                default_res_id=complaint.id,
                default_composition_mode="comment",
                **context,
            )
            .create(vals)
        )
