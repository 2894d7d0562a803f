"""Shared set-up of the SLA tests (tests/test_sla_*.py).

Everything is created here (no demo data): a company calendar in
Asia/Shanghai with the Chinese public holidays, a 40-hour week
(Mon-Fri 08-12 and 13-17), users of each complaint group, an isolated SLA
policy set and no escalation rule unless a test creates one.
"""

import datetime as dt

from odoo.tests import TransactionCase, new_test_user

SHANGHAI = dt.timedelta(hours=8)


def local(*args):
    """Naive UTC datetime of an Asia/Shanghai wall-clock time."""
    return dt.datetime(*args) - SHANGHAI


def end_of_day(year, month, day):
    """23:59:59 Asia/Shanghai of a date, as naive UTC (DL-2)."""
    return local(year, month, day, 23, 59, 59)


class SlaCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.week_40h = cls.env["resource.calendar"].create(
            {
                "name": "SLA test week",
                "tz": "Asia/Shanghai",
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": f"day {wd} {h_from}",
                            "dayofweek": str(wd),
                            "hour_from": h_from,
                            "hour_to": h_to,
                            "day_period": period,
                        },
                    )
                    for wd in range(5)
                    for h_from, h_to, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.write(
            {
                "complaint_country_id": cls.env.ref("base.cn").id,
                "complaint_subdivision": False,
                "complaint_tz": "Asia/Shanghai",
                "complaint_sla_warning_threshold": 80,
                "complaint_autoclose_days": 7,
                "resource_calendar_id": cls.week_40h.id,
            }
        )
        # isolate the tests from shipped and sector configuration
        cls.env["complaint.sla.policy"].search([]).write({"active": False})
        cls.env["complaint.escalation.rule"].search([]).write({"active": False})
        cls.env["complaint.calendar.override"].search([]).unlink()
        cls.env.registry.clear_cache()

        cls.manager = new_test_user(
            cls.env,
            login="sla_manager",
            groups="complaint_base.group_complaint_manager",
            name="Manager Wang",
        )
        cls.handler = new_test_user(
            cls.env,
            login="sla_handler",
            groups="complaint_base.group_complaint_handler",
            name="Handler Li",
        )
        cls.senior = new_test_user(
            cls.env,
            login="sla_senior",
            groups="complaint_base.group_complaint_reviewer",
            name="General Manager Zhao",
        )
        cls.channel_phone = cls.env["complaint.channel"].create(
            {"name": "SLA hotline", "code": "sla_test_phone"}
        )
        cls.channel_web = cls.env["complaint.channel"].create(
            {"name": "SLA web", "code": "sla_test_web"}
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "张伟 Zhang Wei",
                "email": "zhang.wei@example.com",
                "phone": "+86 138 0013 8000",
            }
        )
        cls.policy = cls._make_policy(
            "Test general",
            {
                "acknowledge": (1, "working_days", "received"),
                "first_response": (1, "working_days", "received"),
                "resolution": (3, "working_days", "received"),
                "followup": (3, "calendar_days", "resolved"),
            },
        )

    @classmethod
    def _make_policy(cls, name, targets, **conditions):
        return cls.env["complaint.sla.policy"].create(
            {
                "name": name,
                **conditions,
                "target_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": kind,
                            "amount": amount,
                            "unit": unit,
                            "start_event": start,
                        },
                    )
                    for kind, (amount, unit, start) in targets.items()
                ],
            }
        )

    def _complaint(self, received, **vals):
        values = {
            "subject": "SLA test complaint",
            "partner_id": self.partner.id,
            "channel_id": self.channel_phone.id,
            "received_at": received,
            "severity": "general",
            "user_id": self.handler.id,
        }
        values.update(vals)
        return self.env["complaint.complaint"].create(values)
