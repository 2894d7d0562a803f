import logging

from odoo import _, api, fields, models

from ..tools import periods
from .complaint_report_period import ENABLED_FIELD, LAST_SENT_FIELD, REPORT_XMLID

_logger = logging.getLogger(__name__)
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ComplaintPeriodReport(models.AbstractModel):
    """Sending the periodic reports: PDF and Excel e-mailed to the company's
    recipients, on demand or by the daily scheduled action.  This is the
    write side (mail, attachments, last period sent): it runs on the primary
    database, the figures it sends are computed by read-only methods."""

    _inherit = "complaint.period.report"

    def _filename(self, data, ext):
        return (
            _("Complaint report %(period)s", period=data["period_label"]).replace(
                "/", "-"
            )
            + f".{ext}"
        )

    def _render_pdf(self, data):
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            .with_company(data["company_id"])
            ._render_qweb_pdf(REPORT_XMLID, res_ids=None, data=self._report_args(data))
        )
        return pdf

    def _report_args(self, data):
        return {
            "period_type": data["period_type"],
            "date": data["date_from"],
            "company_id": data["company_id"],
        }

    # ============================================================ sending
    def _send_report(self, company, period_type, day):
        """E-mail the PDF and Excel report of one period to the company's
        recipients; returns the ``mail.mail`` (empty without recipients)."""
        partners = company.complaint_report_recipient_ids
        if not partners:
            return self.env["mail.mail"]
        lang = partners[:1].lang or company.partner_id.lang or self.env.lang
        self = self.with_context(lang=lang)
        data = self._build_data(period_type, day, company)
        body = self.env["ir.qweb"]._render(
            "complaint_base.period_report_mail_body", {"data": data}
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": _(
                        "%(company)s: complaint report %(period)s",
                        company=company.name,
                        period=data["period_label"],
                    ),
                    "body_html": body,
                    "email_from": company.email_formatted
                    or self.env.user.email_formatted,
                    "recipient_ids": [(6, 0, partners.ids)],
                    "auto_delete": False,
                }
            )
        )
        attachments = self._report_attachments(data, mail.mail_message_id.id)
        mail.attachment_ids = [(6, 0, attachments.ids)]
        return mail

    def _report_attachments(self, data, message_id):
        """The PDF and the Excel file of ``data``, attached to a message."""
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": self._filename(data, "pdf"),
                        "raw": self._render_pdf(data),
                        "mimetype": "application/pdf",
                        "res_model": "mail.message",
                        "res_id": message_id,
                    },
                    {
                        "name": self._filename(data, "xlsx"),
                        "raw": self._render_xlsx(data),
                        "mimetype": XLSX_MIMETYPE,
                        "res_model": "mail.message",
                        "res_id": message_id,
                    },
                ]
            )
        )

    @api.model
    def _cron_send_period_reports(self, today=None):
        """Send each finished period's report once (scheduled daily)."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        mails = self.env["mail.mail"]
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("complaint_report_recipient_ids", "!=", False)])
        )
        for company in companies:
            for period_type in periods.PERIOD_TYPES:
                if not company[ENABLED_FIELD[period_type]]:
                    continue
                start, _end = periods.last_complete_period(period_type, today)
                key = periods.period_key(period_type, start)
                if company[LAST_SENT_FIELD[period_type]] == key:
                    continue
                mails |= self._send_report(company, period_type, start)
                company.write({LAST_SENT_FIELD[period_type]: key})
                _logger.info(
                    "Complaint %s report %s sent for %s", period_type, key, company.name
                )
        return mails
