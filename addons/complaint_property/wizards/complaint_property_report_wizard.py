import datetime as dt

import pytz

from odoo import _, api, fields, models

from ..tools import kpi


class ComplaintPropertyReportWizard(models.TransientModel):
    """Half-monthly summary (半月总结) and quarterly owners' report
    (季度管理报告) of the property office (PROP-10, with the PROP-06/07
    repair KPIs)."""

    _name = "complaint.property.report.wizard"
    _description = "Property Summary Report"

    period = fields.Selection(
        [
            ("half_month", "Half-monthly Summary"),
            ("quarter", "Quarterly Owners' Report"),
            ("month", "Monthly Summary"),
        ],
        required=True,
        default="half_month",
    )
    date = fields.Date(
        string="Any Day of the Period", required=True, default=fields.Date.context_today
    )
    date_from = fields.Date(compute="_compute_dates", store=True, readonly=False)
    date_to = fields.Date(compute="_compute_dates", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    building_ids = fields.Many2many(
        "complaint.property.building",
        "complaint_property_report_wizard_building_rel",
        "wizard_id",
        "building_id",
        string="Buildings",
        help="Leave empty for all buildings.",
    )

    @api.depends("period", "date")
    def _compute_dates(self):
        for wizard in self:
            if wizard.period and wizard.date:
                wizard.date_from, wizard.date_to = kpi.period_bounds(
                    wizard.period, wizard.date
                )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "complaint_property.action_report_property_summary"
        ).report_action(self)

    # ------------------------------------------------------------ data
    def _utc_bounds(self):
        """Naive UTC datetimes of local midnight on date_from and the day
        after date_to."""
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")

        def to_utc(day):
            local = tz.localize(dt.datetime.combine(day, dt.time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return to_utc(self.date_from), to_utc(self.date_to + dt.timedelta(days=1))

    def _scope_domain(self, prefix=""):
        domain = [(f"{prefix}company_id", "=", self.company_id.id)]
        if self.building_ids:
            domain.append((f"{prefix}building_id", "in", self.building_ids.ids))
        return domain

    def _get_summary(self):
        """Everything the report prints, as plain values."""
        self.ensure_one()
        start, end = self._utc_bounds()
        Complaint = self.env["complaint.complaint"]
        Order = self.env["complaint.repair.order"]
        complaints = Complaint.search(
            self._scope_domain()
            + [
                ("sector", "=", "property"),
                ("received_at", ">=", start),
                ("received_at", "<", end),
            ]
        )
        resolved = Complaint.search_count(
            self._scope_domain()
            + [
                ("sector", "=", "property"),
                ("resolved_at", ">=", start),
                ("resolved_at", "<", end),
            ]
        )
        categories = {}
        for complaint in complaints:
            label = complaint.category_id.display_name or _("Unclassified")
            categories[label] = categories.get(label, 0) + 1
        orders = Order.search(
            self._scope_domain()
            + [("received_at", ">=", start), ("received_at", "<", end)]
        )
        type_labels = dict(
            Order._fields["repair_type"]._description_selection(self.env)
        )
        by_type = {label: 0 for label in type_labels.values()}
        for order in orders.filtered(lambda o: o.state != "cancel"):
            by_type[type_labels[order.repair_type]] += 1
        completed = Order.search(
            self._scope_domain()
            + [
                ("completed_at", ">=", start),
                ("completed_at", "<", end),
                ("state", "!=", "cancel"),
            ]
        )
        rows = [
            {
                "team": order.team_id.name or _("No team"),
                "on_time": order.kpi_on_time,
                "reworked": bool(order.rework_count),
                "callback_done": bool(order.callback_at),
            }
            for order in completed
        ]
        by_team = kpi.summarize(rows, key=lambda row: row["team"])
        overall = kpi.summarize(rows).get(None)
        notices = self.env["complaint.property.notice"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("published_at", ">=", start),
                ("published_at", "<", end),
            ]
        )
        actions = self.env["complaint.capa"].search(
            [("complaint_id", "in", complaints.ids)]
        )
        return {
            "period_label": dict(
                self._fields["period"]._description_selection(self.env)
            )[self.period],
            "date_from": self.date_from,
            "date_to": self.date_to,
            "buildings": ", ".join(self.building_ids.mapped("display_name"))
            or _("All buildings"),
            "complaints_received": len(complaints),
            "repair_requests": len(
                complaints.filtered(lambda c: c.property_request_type == "repair")
            ),
            "complaints_resolved": resolved,
            "complaints_open": len(
                complaints.filtered(
                    lambda c: c.state in ("new", "accepted", "in_progress")
                )
            ),
            "complaints_escalated": len(complaints.filtered("prop_escalated")),
            "categories": sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])),
            "orders_received": len(orders.filtered(lambda o: o.state != "cancel")),
            "orders_by_type": list(by_type.items()),
            "kpi_by_team": sorted(by_team.items()),
            "kpi_overall": overall,
            "targets": {
                "on_time": kpi.ON_TIME_TARGET,
                "rework": kpi.REWORK_LIMIT,
                "callback": kpi.CALLBACK_TARGET,
            },
            "notices": [
                {"name": n.name, "published_at": n.published_at} for n in notices
            ],
            "actions": [
                {"name": a.name, "complaint": a.complaint_id.name, "state": a.state}
                for a in actions
            ],
        }
