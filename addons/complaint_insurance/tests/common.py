"""Shared set-up of the insurance tests: no demo data, explicit dates.

The company counts days on China's calendar in Asia/Shanghai; the shipped
SLA policies and escalation rules are switched off so that only the
insurance rules (and what a test creates) apply.
"""

import datetime as dt

from odoo import fields
from odoo.addons.complaint_base.tests.regulation_common import (
    SHANGHAI,
    RegulationCase,
    end_of_day,
    local,
)

# the base fixtures' time helpers (Asia/Shanghai wall clock -> naive UTC)
__all__ = ["SHANGHAI", "end_of_day", "local"]


#: Wednesday 2026-09-30, 10:00 in Shanghai; National Day holidays follow
#: (Oct 1-7 off, Saturday Oct 10 is a make-up working day).
RECEIVED = local(2026, 9, 30, 10, 0)


class InsuranceCase(RegulationCase):
    # messages are asserted in English, whatever languages are installed
    _fixture_context = {"tracking_disable": True, "lang": "en_US"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, group, name):
            return cls._make_user(login, group, name, lang="en_US")

        cls.registrar = user("ins_registrar", "user", "坐席 Agent Wu")
        cls.handler = user("ins_handler", "handler", "Handler Li")
        cls.branch_handler = user("ins_branch_handler", "handler", "Jiangsu Handler Xu")
        cls.reviewer = user("ins_reviewer", "reviewer", "Reviewer Zhou")
        cls.manager = user("ins_manager", "manager", "Head Office Manager Wang")
        cls.branch_manager = user(
            "ins_branch_manager", "handler", "Branch Manager Qian"
        )

        Team = cls.env["complaint.team"]
        cls.team_hq = Team.create(
            {
                "name": "HQ complaints",
                "leader_id": cls.handler.id,
                "member_ids": [(6, 0, [cls.handler.id, cls.registrar.id])],
            }
        )
        cls.team_js = Team.create(
            {
                "name": "Jiangsu complaints",
                "leader_id": cls.branch_handler.id,
                "member_ids": [(6, 0, [cls.branch_handler.id])],
            }
        )
        Branch = cls.env["complaint.insurance.branch"]
        cls.head_office = Branch.search(
            [("is_head_office", "=", True), ("company_id", "=", cls.company.id)]
        ) or Branch.create(
            {"name": "Head Office", "code": "T00", "is_head_office": True}
        )
        cls.branch_js = Branch.create(
            {
                "name": "Jiangsu",
                "code": "T32",
                "parent_id": cls.head_office.id,
                "handler_id": cls.branch_handler.id,
                "manager_id": cls.branch_manager.id,
                "team_id": cls.team_js.id,
            }
        )
        cls.branch_sh = Branch.create(
            {"name": "Shanghai", "code": "T31", "parent_id": cls.head_office.id}
        )
        cls.channel_phone = cls.env.ref("complaint_base.channel_phone")
        cls.channel_regulator = cls.env.ref("complaint_base.channel_regulator")
        cls.cat_claims_l3 = cls.env.ref(
            "complaint_insurance.ins_cat_claims_timeliness_payment"
        )
        cls.cat_claims_l4 = cls.env.ref(
            "complaint_insurance.ins_cat_claims_timeliness_payment_payment_late"
        )
        Partner = cls.env["res.partner"]
        cls.partner = Partner.create(
            {
                "name": "张伟 Zhang Wei",
                "email": "zhang.wei@example.cn",
                "phone": "+86 138 0013 8000",
                "complaint_customer_tier": "normal",
            }
        )

    @classmethod
    def _complaint(cls, user=None, **vals):
        values = {
            "subject": "Claim paid late",
            "sector": "insurance",
            "partner_id": cls.partner.id,
            "channel_id": cls.channel_phone.id,
            "category_id": cls.cat_claims_l3.id,
            "received_at": RECEIVED,
            "description": "<p>赔款结案后两周仍未到账。</p>",
            "policy_number": "PDAA202632010000123456",
        }
        if user:
            # an agent registers while the complainant is on the line: only a
            # handler back-dates a registration (BASE-57)
            values["received_at"] = fields.Datetime.now()
        values.update(vals)
        env = cls.env(user=user) if user else cls.env
        return env["complaint.complaint"].create(values)

    @classmethod
    def _regulator_case(cls, case_no="BJ12378-2026-0930-001", **vals):
        values = {
            "channel_id": cls.channel_regulator.id,
            "regulator_case_no": case_no,
            "regulator_forward_date": dt.date(2026, 9, 30),
        }
        values.update(vals)
        return cls._complaint(**values)
