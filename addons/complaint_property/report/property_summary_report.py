from odoo import api, models


class ReportPropertySummary(models.AbstractModel):
    _name = "report.complaint_property.report_property_summary"
    _description = "Property Summary Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["complaint.property.report.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "complaint.property.report.wizard",
            "docs": wizards,
            "summaries": {wizard.id: wizard._get_summary() for wizard in wizards},
        }
