from odoo import fields, models


class ResCompany(models.Model):
    """Company settings of the periodic reports (BASE-51) and of the
    retention of complaint records (BASE-53, BASE-55)."""

    _inherit = "res.company"

    complaint_retention_years = fields.Integer(
        string="Complaint Retention (years)",
        default=5,
        help="Closed complaints are kept this many years after closing; then "
        "their personal information is locked (store only) and a destruction "
        "request is prepared for approval (BASE-53, BASE-55).",
    )
    complaint_archive_days = fields.Integer(
        string="Archive Closed Complaints After (days)",
        default=30,
        help="Closed and invalid complaints are archived automatically this "
        "many days after closing. 0 disables the automatic archiving.",
    )
    complaint_report_recipient_ids = fields.Many2many(
        "res.partner",
        "res_company_complaint_report_partner_rel",
        "company_id",
        "partner_id",
        string="Complaint Report Recipients",
        help="Receive the monthly, quarterly and yearly complaint reports by "
        "e-mail (PDF and Excel).",
    )
    complaint_report_monthly = fields.Boolean(
        string="Send Monthly Complaint Report", default=True
    )
    complaint_report_quarterly = fields.Boolean(
        string="Send Quarterly Complaint Report", default=True
    )
    complaint_report_yearly = fields.Boolean(
        string="Send Yearly Complaint Report", default=True
    )
    complaint_report_last_month = fields.Char(
        string="Last Monthly Report Sent", readonly=True, copy=False
    )
    complaint_report_last_quarter = fields.Char(
        string="Last Quarterly Report Sent", readonly=True, copy=False
    )
    complaint_report_last_year = fields.Char(
        string="Last Yearly Report Sent", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "complaint_retention_years_positive",
            "CHECK(complaint_retention_years >= 1)",
            "Complaint records must be kept at least one year: set a retention "
            "period of one year or more.",
        ),
        (
            "complaint_archive_days_positive",
            "CHECK(complaint_archive_days >= 0)",
            "The archiving delay cannot be negative.",
        ),
    ]
