"""Shared set-up of the banking tests: everything is created here (no demo
data): a calendar in Asia/Shanghai with the Chinese public holidays, a bank
branch tree with its senior managers, users of each complaint group."""

from odoo.addons.complaint_base.tests.regulation_common import (
    SHANGHAI,
    RegulationCase,
    end_of_day,
    local,
)

# the base fixtures' time helpers (Asia/Shanghai wall clock -> naive UTC)
__all__ = ["SHANGHAI", "end_of_day", "local"]


#: Friday 2026-09-18, 10:00 in Shanghai: the receipt of the "done when" case
RECEIVED = local(2026, 9, 18, 10, 0)


class BankCase(RegulationCase):
    # e-mails stay queued in the outgoing queue, as in production until the
    # transaction commits: a queued e-mail counts as sent (BASE-46)
    _fixture_context = {"tracking_disable": True, "mail_notify_force_send": False}
    _fixture_company_values = {
        "complaint_bank_profile": "cbirc_2020",
        "complaint_bank_mediation_org": "上海银行业纠纷调解中心",
        # no SMS gateway unless a test configures one (BASE-46)
        "complaint_sms_gateway_id": False,
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, group, name):
            return cls._make_user(login, group, name, email=f"{login}@bank.example.cn")

        cls.manager = user("bk_manager", "manager", "Manager Zhou")
        cls.head_manager = user("bk_head", "manager", "Head-office Senior Wang")
        cls.branch_manager = user("bk_branch", "manager", "Branch Senior Li")
        cls.sub_manager = user("bk_sub", "reviewer", "Sub-branch Senior Chen")
        cls.handler = user("bk_handler", "handler", "Handler Zhao")
        cls.registrar = user("bk_registrar", "user", "Teller Sun")

        Department = cls.env["hr.department"]
        cls.head_office = Department.create(
            {
                "name": "Test Head Office",
                "is_bank_branch": True,
                "bank_branch_level": "head_office",
                "bank_senior_manager_id": cls.head_manager.id,
                "bank_complaint_phone": "400-820-0000",
            }
        )
        cls.branch = Department.create(
            {
                "name": "Test Shanghai Branch",
                "parent_id": cls.head_office.id,
                "is_bank_branch": True,
                "bank_branch_level": "branch",
                "bank_senior_manager_id": cls.branch_manager.id,
                "bank_complaint_phone": "021-5888 1234",
            }
        )
        cls.sub_branch = Department.create(
            {
                "name": "Test Pudong Sub-branch",
                "parent_id": cls.branch.id,
                "is_bank_branch": True,
                "bank_branch_level": "sub_branch",
                "bank_senior_manager_id": cls.sub_manager.id,
                "bank_complaint_contact_id": cls.handler.id,
                "bank_complaint_phone": "021-5888 6688",
            }
        )
        cls.counter = Department.create(
            {"name": "Test Pudong Counter", "parent_id": cls.sub_branch.id}
        )
        cls.other_branch = Department.create(
            {
                "name": "Test Beijing Branch",
                "parent_id": cls.head_office.id,
                "is_bank_branch": True,
                "bank_branch_level": "branch",
                "bank_senior_manager_id": cls.head_manager.id,
            }
        )
        cls.env["hr.employee"].create(
            {
                "name": "Teller Sun",
                "user_id": cls.registrar.id,
                "department_id": cls.counter.id,
            }
        )
        cls.channel_phone = cls.env.ref("complaint_base.channel_phone")
        cls.channel_regulator = cls.env.ref("complaint_base.channel_regulator")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "李娜",
                "email": "lina@example.cn",
                "mobile": "138 1234 5678",
                "street": "上海市浦东新区世纪大道100号",
            }
        )
        cls.sms_customer = cls.env["res.partner"].create(
            {"name": "张伟", "mobile": "136 9876 5432"}
        )
        cls.regulator = cls.env["res.partner"].create(
            {"name": "国家金融监督管理总局上海监管局", "is_company": True}
        )
        cls.category = cls.env["complaint.category"].create({"name": "Bank cards"})
        ref = cls.env.ref
        cls.code_cards = ref("complaint_banking.bank_code_b03")
        cls.code_loans = ref("complaint_banking.bank_code_b02")
        cls.code_payment = ref("complaint_banking.bank_code_b04")
        cls.cause_terms = ref("complaint_banking.bank_code_c08")
        cls.cause_systems = ref("complaint_banking.bank_code_c02")
        cls.cause_attitude = ref("complaint_banking.bank_code_c01")

    @classmethod
    def _complaint(cls, received=RECEIVED, user=None, **vals):
        values = {
            "sector": "banking",
            "subject": "Annual fee charged without consent",
            "partner_id": cls.customer.id,
            "channel_id": cls.channel_phone.id,
            "received_at": received,
            "description": "<p>The annual fee was charged although waived.</p>",
            "bank_receiving_branch_id": cls.sub_branch.id,
            "user_id": cls.handler.id,
        }
        values.update(vals)
        env = cls.env(user=user) if user else cls.env
        return env["complaint.complaint"].create(values)

    @classmethod
    def _decide(cls, complaint):
        """Accept and decide a complaint with a complete decision letter."""
        if complaint.state == "new":
            complaint.action_accept()
        complaint.write(
            {
                "findings": "<p>The card contract waives the fee after 6 uses; the "
                "customer used the card 8 times.</p>",
                "resolution": "<p>The fee of CNY 600 is refunded.</p>",
                "bank_decision_basis": "Credit card contract art. 7",
                "bank_decision_reasons": "The waiver condition was met.",
            }
        )
        complaint.action_resolve()
        return complaint
