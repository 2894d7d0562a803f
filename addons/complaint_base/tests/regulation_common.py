"""Base fixture of the regulated sectors' tests (insurance, banking).

The company counts days on China's calendar in Asia/Shanghai; the shipped
SLA policies, escalation rules and calendar overrides are switched off so
that only the regulation under test (and what a test creates) applies.
Sector fixtures subclass :class:`RegulationCase` and add their users
(``_make_user``), branches and records.
"""

from odoo.tests import TransactionCase, new_test_user

from .sla_common import SHANGHAI, end_of_day, local

__all__ = ["SHANGHAI", "RegulationCase", "end_of_day", "local"]


class RegulationCase(TransactionCase):
    #: extra context of the fixture's environment
    _fixture_context = {"tracking_disable": True}
    #: extra company values of the fixture
    _fixture_company_values = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **cls._fixture_context))
        cls.company = cls.env.company
        cls.company.write(
            {
                "complaint_country_id": cls.env.ref("base.cn").id,
                "complaint_subdivision": False,
                "complaint_tz": "Asia/Shanghai",
                **cls._fixture_company_values,
            }
        )
        cls.env["complaint.sla.policy"].search([]).write({"active": False})
        cls.env["complaint.escalation.rule"].search([]).write({"active": False})
        cls.env["complaint.calendar.override"].search([]).unlink()
        cls.env.registry.clear_cache()

    @classmethod
    def _make_user(cls, login, group, name, **values):
        """A user of complaint group ``group`` (user, handler, reviewer,
        manager) in Asia/Shanghai."""
        return new_test_user(
            cls.env,
            login=login,
            groups=f"complaint_base.group_complaint_{group}",
            name=name,
            tz="Asia/Shanghai",
            **values,
        )
