from odoo import _, fields, models
from odoo.addons.complaint_base.tools import local_day
from odoo.exceptions import UserError

from ..tools import half_year

DECIDED_STATES = ("resolved", "review", "closed")


class ComplaintBankStatReportFigures(models.Model):
    """The figures of a half-year report (BANK-05): the complaints of the
    branch tree received in the half-year (company time zone), one row per
    complaint for ``tools.half_year.aggregate``; merged complaints are not
    counted again, withdrawn ones are counted apart (BASE-16)."""

    _inherit = "complaint.bank.stat.report"

    # ------------------------------------------------------------ figures
    def _utc_bounds(self):
        """Naive UTC datetimes of the period's start and end (exclusive),
        on the company's complaint time zone (DL-1)."""
        self.ensure_one()
        return local_day.local_day_bounds(
            self.date_from,
            self.date_to,
            local_day.company_tz(self.company_id.sudo()),
            inclusive=True,
        )

    def _complaint_domain(self):
        self.ensure_one()
        start, end = self._utc_bounds()
        return [
            ("sector", "=", "banking"),
            ("company_id", "=", self.company_id.id),
            ("bank_branch_id", "child_of", self.branch_id.id),
            ("received_at", ">=", start),
            ("received_at", "<", end),
            ("state", "!=", "invalid"),
        ]

    def _collect_rows(self):
        """One row per complaint for ``tools.half_year.aggregate``."""
        self.ensure_one()
        complaints = (
            self.env["complaint.complaint"].sudo().search(self._complaint_domain())
        )
        rows = []
        for complaint in complaints:
            decided = bool(complaint.resolved_at) or complaint.state in DECIDED_STATES
            deadline = complaint.resolution_deadline
            resolved = complaint.resolved_at
            reviews = complaint.review_ids
            rows.append(
                {
                    "business_type": complaint.bank_business_type.id or None,
                    "cause": complaint.bank_cause.id or None,
                    "channel": complaint.bank_business_channel.id or None,
                    "decided": decided,
                    "on_time": bool(resolved and deadline and resolved <= deadline),
                    "forwarded": complaint.regulator_forwarded,
                    "mass": complaint.is_mass,
                    # merged into another complaint (BANK-01b, issue 13): the
                    # original counts, the repeat does not
                    "merged": complaint.bank_is_merged or complaint.state == "merged",
                    "withdrawn": complaint.state == "withdrawn",
                    "reviewed": bool(reviews),
                    "review_changed": any(r.result == "changed" for r in reviews),
                }
            )
        return rows

    def action_compute(self):
        """(Re)compute the figures of draft reports."""
        self.check_access("write")
        return self._compute_figures()

    def _compute_figures(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    _("%s was submitted: its figures are frozen.", report.name)
                )
            data = half_year.aggregate(report._collect_rows())
            totals = data["totals"]
            lines = [(5, 0, 0)]
            for dimension, cells in data["by"].items():
                total = sum(cell["count"] for cell in cells.values()) or 1
                for code_id, cell in cells.items():
                    lines.append(
                        (
                            0,
                            0,
                            {
                                "dimension": dimension,
                                "code_id": code_id or False,
                                "complaint_count": cell["count"],
                                "decided_count": cell["decided"],
                                "on_time_count": cell["on_time"],
                                "share": round(100.0 * cell["count"] / total, 1),
                            },
                        )
                    )
            report._workflow_write(
                {
                    "line_ids": lines,
                    "received_count": totals["received"],
                    "decided_count": totals["decided"],
                    "on_time_count": totals["on_time"],
                    "overdue_count": totals["overdue"],
                    "forwarded_count": totals["forwarded"],
                    "mass_count": totals["mass"],
                    "merged_count": totals["merged"],
                    "withdrawn_count": totals["withdrawn"],
                    "review_count": totals["reviewed"],
                    "review_changed_count": totals["review_changed"],
                    "unclassified_count": totals["unclassified"],
                    "on_time_rate": half_year.on_time_rate(totals),
                    "computed_at": fields.Datetime.now(),
                }
            )
        return True
