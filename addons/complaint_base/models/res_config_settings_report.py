from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Settings of reports, retention and personal information."""

    _inherit = "res.config.settings"

    complaint_retention_years = fields.Integer(
        related="company_id.complaint_retention_years", readonly=False
    )
    complaint_archive_days = fields.Integer(
        related="company_id.complaint_archive_days", readonly=False
    )
    complaint_report_recipient_ids = fields.Many2many(
        related="company_id.complaint_report_recipient_ids", readonly=False
    )
    complaint_report_monthly = fields.Boolean(
        related="company_id.complaint_report_monthly", readonly=False
    )
    complaint_report_quarterly = fields.Boolean(
        related="company_id.complaint_report_quarterly", readonly=False
    )
    complaint_report_yearly = fields.Boolean(
        related="company_id.complaint_report_yearly", readonly=False
    )
