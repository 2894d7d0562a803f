import base64

from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import local_day
from odoo.addons.complaint_base.tools.xlsx import XlsxBook
from odoo.exceptions import UserError

from ..tools import insurance_rules as rules


class ComplaintRegulatorReportWizard(models.TransientModel):
    """Regulator-ready XLSX of the 12378 cases of a period (INS-02).

    One row per forwarded case received in the period: the regulator's case
    number, the dates, each deadline (acceptance or report to the audit
    department; decision) with the date it was met and whether it was met or
    missed, and the result reported back to the regulator.
    """

    _name = "complaint.regulator.report.wizard"
    _description = "Regulator Case Report"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    attachment_id = fields.Many2one("ir.attachment", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    # ------------------------------------------------------------ data
    def _get_cases(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The end of the period is before its start."))
        Complaint = self.env["complaint.complaint"].with_company(self.company_id)
        start, end = local_day.local_day_bounds(
            self.date_from,
            self.date_to,
            local_day.company_tz(self.company_id.sudo()),
            inclusive=True,
        )
        return Complaint.search(
            [
                ("sector", "=", "insurance"),
                ("regulator_forwarded", "=", True),
                ("company_id", "=", self.company_id.id),
                ("received_at", ">=", start),
                ("received_at", "<", end),
            ],
            order="received_at, id",
        )

    def _status_labels(self):
        return {
            "met": _("Met"),
            "missed": _("Missed"),
            "open": _("Open"),
            "overdue": _("Overdue"),
            "none": "-",
        }

    def _columns(self):
        """(header, width) of the report's columns."""
        return [
            (_("Complaint No."), 12),
            (_("Regulator Case No."), 18),
            (_("Forwarded On"), 12),
            (_("Received"), 17),
            (_("Complainant"), 18),
            (_("Policy No."), 18),
            (_("Involves a Violation"), 10),
            (_("First Task"), 30),
            (_("First Task Deadline"), 17),
            (_("First Task Done"), 17),
            (_("First Task"), 10),
            (_("Decision Deadline"), 17),
            (_("Decided"), 17),
            (_("Decision"), 10),
            (_("Reported to Regulator On"), 17),
            (_("Result Reported to Regulator"), 50),
            (_("Status"), 12),
        ]

    def _case_row(self, case, now):
        """The report row of one 12378 case, as strings."""
        fmt = case._sla_format_datetime
        labels = self._status_labels()
        states = dict(case._fields["state"]._description_selection(self.env))
        if case.involves_violation:
            task = _("Report to the audit department within 3 working days")
            task_deadline, task_done = (
                case.audit_report_deadline,
                case.audit_reported_at,
            )
        else:
            task = _("Accept in the system within 1 working day")
            task_deadline, task_done = case.ack_deadline, case.accepted_at
        decided = case.reply_at or case.resolved_at
        return [
            case.name,
            case.regulator_case_no or "",
            fields.Date.to_string(case.regulator_forward_date) or "",
            fmt(case.received_at),
            case.partner_id.name or case.contact_name or "",
            case.policy_number or "",
            _("Yes") if case.involves_violation else _("No"),
            task,
            fmt(task_deadline),
            fmt(task_done) if task_done else "",
            labels[rules.deadline_status(task_deadline, task_done, now)],
            fmt(case.resolution_deadline),
            fmt(decided) if decided else "",
            labels[rules.deadline_status(case.resolution_deadline, decided, now)],
            fmt(case.regulator_reply_at) if case.regulator_reply_at else "",
            case.regulator_reply or "",
            states.get(case.state, case.state),
        ]

    # ------------------------------------------------------------ XLSX
    def _build_xlsx(self, cases):
        now = fields.Datetime.now()
        book = XlsxBook()
        sheet = book.sheet(_("12378 Cases"))
        book.title(
            sheet,
            _(
                "12378 cases of %(company)s received %(start)s to %(end)s",
                company=self.company_id.name,
                start=self.date_from,
                end=self.date_to,
            ),
        )
        columns = self._columns()
        rows = [[value or "" for value in self._case_row(c, now)] for c in cases]
        book.table(
            sheet,
            2,
            [header for header, _width in columns],
            rows,
            widths={col: width for col, (_header, width) in enumerate(columns)},
        )
        sheet.freeze_panes(3, 2)
        sheet.autofilter(2, 0, 2 + len(rows), len(columns) - 1)
        counts = {}
        for values in rows:
            for col in (10, 13):  # status of the first task, of the decision
                counts[col, values[col]] = counts.get((col, values[col]), 0) + 1
        summary = book.sheet(_("Summary"))
        book.pairs(summary, 0, [(_("Cases"), len(cases))], widths=(22, 22))
        statuses = [v for k, v in self._status_labels().items() if k != "none"]
        book.table(
            summary,
            2,
            [_("Deadline"), _("First Task"), _("Decision")],
            [
                [label, counts.get((10, label), 0), counts.get((13, label), 0)]
                for label in statuses
            ],
            widths={0: 22, 1: 22, 2: 22},
        )
        return book.close()

    def action_export(self):
        """Build the XLSX, keep it as an attachment and download it."""
        self.ensure_one()
        cases = self._get_cases()
        if not cases:
            raise UserError(
                _("No case forwarded by the regulator was received in this period.")
            )
        name = _(
            "12378-cases-%(start)s-%(end)s.xlsx", start=self.date_from, end=self.date_to
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(self._build_xlsx(cases)),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        self.write({"attachment_id": attachment.id, "case_count": len(cases)})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
