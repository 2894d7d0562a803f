from odoo import api, fields, models


class ReportComplaintPeriod(models.AbstractModel):
    """QWeb values of the periodic complaint report (PDF)."""

    _name = "report.complaint_base.report_complaint_period"
    _description = "Complaint Periodic Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        if not data.get("period_type") and docids:
            wizard = self.env["complaint.report.wizard"].browse(docids[:1])
            data = {
                "period_type": wizard.period_type,
                "date": fields.Date.to_string(wizard.date),
                "company_id": wizard.company_id.id,
            }
        self.env["complaint.dashboard"]._check_reader()
        company = self.env["res.company"].browse(
            data.get("company_id") or self.env.company.id
        )
        report = self.env["complaint.period.report"]._build_data(
            data.get("period_type") or "month",
            data.get("date") or fields.Date.context_today(self),
            company,
        )
        return {
            "doc_ids": docids,
            "doc_model": "complaint.report.wizard",
            "docs": self.env["complaint.report.wizard"].browse(docids or []),
            "report": report,
            "company": company,
            "res_company": company,
        }
