import datetime as dt

from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import periods

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
        after date_to, in the company's complaint time zone (DL-1)."""
        return periods.local_range_to_utc(
            self.date_from,
            self.date_to + dt.timedelta(days=1),
            self.company_id.sudo().complaint_tz,
        )

    def _scope_domain(self, prefix=""):
        domain = [(f"{prefix}company_id", "=", self.company_id.id)]
        if self.building_ids:
            domain.append((f"{prefix}building_id", "in", self.building_ids.ids))
        return domain

    def _get_summary(self):
        """Everything the report prints, as plain values."""
        self.ensure_one()
        start, end = self._utc_bounds()
        complaints = self._period_complaints(start, end)
        period_labels = dict(self._fields["period"]._description_selection(self.env))
        return {
            "period_label": period_labels[self.period],
            "date_from": self.date_from,
            "date_to": self.date_to,
            "buildings": ", ".join(self.building_ids.mapped("display_name"))
            or _("All buildings"),
            **self._summary_complaints(complaints, start, end),
            **self._summary_orders(start, end),
            **self._summary_kpis(start, end),
            "targets": kpi.targets(),
            "notices": self._summary_notices(start, end),
            "actions": self._summary_actions(complaints),
        }

    def _period_complaints(self, start, end):
        """Property complaints received in the period."""
        return self.env["complaint.complaint"].search(
            self._scope_domain()
            + [
                ("sector", "=", "property"),
                ("received_at", ">=", start),
                ("received_at", "<", end),
            ]
        )

    def _summary_complaints(self, complaints, start, end):
        """Complaints received, resolved, open, escalated, by category."""
        resolved = self.env["complaint.complaint"].search_count(
            self._scope_domain()
            + [
                ("sector", "=", "property"),
                ("resolved_at", ">=", start),
                ("resolved_at", "<", end),
            ]
        )
        open_states = ("new", "accepted", "in_progress")
        return {
            "complaints_received": len(complaints),
            "repair_requests": len(
                complaints.filtered(lambda c: c.property_request_type == "repair")
            ),
            "complaints_resolved": resolved,
            "complaints_open": len(
                complaints.filtered(lambda c: c.state in open_states)
            ),
            "complaints_escalated": len(complaints.filtered("prop_escalated")),
            "categories": kpi.ranked_counts(
                c.category_id.display_name or _("Unclassified") for c in complaints
            ),
        }

    def _summary_orders(self, start, end):
        """Work orders received in the period (cancelled ones left out), by
        repair type."""
        Order = self.env["complaint.repair.order"]
        orders = Order.search(
            self._scope_domain()
            + [
                ("received_at", ">=", start),
                ("received_at", "<", end),
                ("state", "!=", "cancel"),
            ]
        )
        type_labels = dict(
            Order._fields["repair_type"]._description_selection(self.env)
        )
        return {
            "orders_received": len(orders),
            "orders_by_type": kpi.counts_in_order(
                type_labels.values(), (type_labels[o.repair_type] for o in orders)
            ),
        }

    def _summary_kpis(self, start, end):
        """PROP-06/07 KPIs of the orders completed in the period, by team
        and overall."""
        completed = self.env["complaint.repair.order"].search(
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
        return {
            "kpi_by_team": sorted(by_team.items()),
            "kpi_overall": kpi.summarize(rows).get(None),
        }

    def _summary_notices(self, start, end):
        notices = self.env["complaint.property.notice"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("published_at", ">=", start),
                ("published_at", "<", end),
            ]
        )
        return [{"name": n.name, "published_at": n.published_at} for n in notices]

    def _summary_actions(self, complaints):
        actions = self.env["complaint.capa"].search(
            [("complaint_id", "in", complaints.ids)]
        )
        return [
            {"name": a.name, "complaint": a.complaint_id.name, "state": a.state}
            for a in actions
        ]
