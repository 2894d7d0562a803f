from dateutil.relativedelta import relativedelta
from werkzeug.urls import url_encode

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..controllers.period_report import XLSX_ROUTE
from ..models.complaint_report_period import PERIOD_TYPES, REPORT_XMLID
from ..tools import periods


class ComplaintReportWizard(models.TransientModel):
    """Print, download or send the periodic complaint report (BASE-51)."""

    _name = "complaint.report.wizard"
    _description = "Complaint Periodic Report Wizard"

    period_type = fields.Selection(
        PERIOD_TYPES, string="Period", required=True, default="month"
    )
    date = fields.Date(
        string="Any Day of the Period",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=1),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    period_label = fields.Char(string="Report On", compute="_compute_period_label")
    recipient_ids = fields.Many2many(
        related="company_id.complaint_report_recipient_ids", string="Recipients"
    )

    @api.depends("period_type", "date")
    def _compute_period_label(self):
        Report = self.env["complaint.period.report"]
        for wizard in self:
            if wizard.period_type and wizard.date:
                start, end = periods.period_bounds(wizard.period_type, wizard.date)
                wizard.period_label = _(
                    "%(period)s (%(start)s to %(end)s)",
                    period=Report._period_label(wizard.period_type, start),
                    start=start,
                    end=end - relativedelta(days=1),
                )
            else:
                wizard.period_label = False

    def _data(self):
        self.ensure_one()
        return self.env["complaint.period.report"]._build_data(
            self.period_type, self.date, self.company_id
        )

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref(REPORT_XMLID).report_action(
            self,
            data={
                "period_type": self.period_type,
                "date": fields.Date.to_string(self.date),
                "company_id": self.company_id.id,
            },
        )

    def action_download_xlsx(self):
        """Download the Excel report from a read-only route (served by a
        read replica when there is one; nothing is stored)."""
        self.ensure_one()
        query = url_encode(
            {
                "period_type": self.period_type,
                "date": fields.Date.to_string(self.date),
                "company_id": self.company_id.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"{XLSX_ROUTE}?{query}",
            "target": "download",
        }

    def action_send(self):
        self.ensure_one()
        if not self.company_id.complaint_report_recipient_ids:
            raise UserError(
                _(
                    "No recipients are configured: set them in Complaints > "
                    "Configuration > Settings (Complaint Report Recipients)."
                )
            )
        self.env["complaint.period.report"]._send_report(
            self.company_id, self.period_type, self.date
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The report %s was sent.", self.period_label),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
