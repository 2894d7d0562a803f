from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import ComplaintCase

#: base child models and the values that make a record of each
CHILD_MODELS = (
    "complaint.responsibility",
    "complaint.investigation.step",
    "complaint.transfer",
    "complaint.extension",
    "complaint.escalation.log",
    "complaint.crisis",
    "complaint.capa",
    "complaint.sla.pause",
)


class TestChildVisibility(ComplaintCase):
    """BASE-54/55: the records of a complaint (sanctions naming an employee,
    evidence, transfer reasons, extensions, escalations, crises, corrective
    actions, pauses) are visible only to whoever may read the complaint:
    another company's user and an outsider handler see nothing, whatever the
    path; the analysis and the dashboard count only what the reader may
    read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other Insurer"})
        cls.foreign = new_test_user(
            cls.env,
            "t_foreign_reviewer",
            groups="complaint_base.group_complaint_manager",
            name="Foreign Manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.complaint = cls._complaint()
        cls.complaint.user_id = cls.handler
        cls.children = cls._make_children(cls.complaint)

    @classmethod
    def _make_children(cls, complaint):
        env = cls.env
        now = fields.Datetime.now()
        level = env["complaint.escalation.level"].create({"name": "Test", "level": 97})
        values = {
            "complaint.responsibility": {
                "employee_id": env["hr.employee"].create({"name": "Accused"}).id,
                "sanction": "Written warning",
            },
            "complaint.investigation.step": {"name": "Interview the clerk"},
            "complaint.transfer": {"to_team_id": cls.team_b.id, "reason": "Wrong team"},
            "complaint.extension": {
                "requested_deadline": now + timedelta(days=30),
                "reason": "Waiting for the appraisal",
            },
            "complaint.escalation.log": {"level_id": level.id, "to_level": 97},
            "complaint.crisis": {"name": "Press article"},
            "complaint.capa": {"name": "Train the counter staff"},
            "complaint.sla.pause": {"reason": "waiting_complainant", "start": now},
        }
        return {
            model: env[model].create({"complaint_id": complaint.id, **vals})
            for model, vals in values.items()
        }

    def test_base_55_other_company_user_reads_no_child_record(self):
        for model, record in self.children.items():
            Model = self.env[model].with_user(self.foreign)
            with self.subTest(model=model):
                self.assertFalse(Model.search([("id", "=", record.id)]))
                self.assertFalse(Model.search_read([("id", "=", record.id)], ["id"]))
                groups = Model.read_group([("id", "=", record.id)], ["id"], [])
                self.assertFalse(groups and groups[0].get("__count"))
                with self.assertRaises(AccessError):
                    record.with_user(self.foreign).read(["id", "display_name"])

    def test_base_54_outsider_handler_reads_no_child_record(self):
        for model, record in self.children.items():
            Model = self.env[model].with_user(self.outsider)
            with self.subTest(model=model):
                self.assertFalse(
                    Model.search([("complaint_id", "=", self.complaint.id)])
                )
                with self.assertRaises(AccessError):
                    record.with_user(self.outsider).read(["complaint_id"])
        sanction = self.children["complaint.responsibility"]
        self.assertEqual(
            sanction.with_user(self.handler).read(["sanction"])[0]["sanction"],
            "Written warning",
            "the team still reads its case",
        )

    # ------------------------------------------------- analysis, dashboard
    def _confidential_about(self, user):
        employee = self.env["hr.employee"].create(
            {"name": user.name, "user_id": user.id, "department_id": self.department.id}
        )
        return self._complaint(is_confidential=True, employee_id=employee.id)

    def test_base_54_analysis_hides_confidential_rows_about_the_reader(self):
        about_me = self._confidential_about(self.reviewer)
        Report = self.env["complaint.report"].with_user(self.reviewer)
        rows = Report.search([("complaint_id", "in", (about_me | self.complaint).ids)])
        self.assertEqual(rows.complaint_id, self.complaint)
        groups = Report.read_group(
            [("complaint_id", "=", about_me.id)], ["nbr:sum"], ["state"]
        )
        self.assertFalse(groups)
        with self.assertRaises(AccessError):
            self.env["complaint.report"].browse(about_me.id).with_user(
                self.reviewer
            ).read(["name"])
        foreign = self.env["complaint.report"].with_user(self.foreign)
        self.assertFalse(foreign.search([("complaint_id", "=", self.complaint.id)]))

    def test_base_54_dashboard_counts_only_what_the_reader_may_read(self):
        about_me = self._confidential_about(self.reviewer)
        Dashboard = self.env["complaint.dashboard"]
        start = about_me.received_at - timedelta(minutes=1)
        end = about_me.received_at + timedelta(minutes=1)
        ids = self.env.company.ids
        everyone = Dashboard._stats(ids, start, end)["total"]
        mine = Dashboard.with_user(self.reviewer)._stats(ids, start, end)["total"]
        self.assertEqual(
            mine, everyone - 1, "the case about the reviewer is not counted"
        )
        self.assertEqual(
            Dashboard.with_user(self.foreign)._stats(ids, start, end)["total"], 0
        )
        rows = (
            self.env["complaint.period.report"]
            .with_user(self.reviewer)
            ._period_complaints(self.env.company, start, end)
        )
        self.assertNotIn(about_me, rows)
