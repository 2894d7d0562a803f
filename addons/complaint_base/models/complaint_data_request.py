import io
import json

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from .complaint_privacy_mixin import FINISHED_STATES, MAINTENANCE_CTX

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - xlsxwriter is an Odoo requirement
    xlsxwriter = None

#: complaint fields given to the complainant on an export request
EXPORT_FIELDS = (
    "name",
    "received_at",
    "subject",
    "contact_name",
    "phone",
    "email",
    "id_number",
    "legal_basis",
    "state",
    "demand",
    "description",
    "resolution",
    "reply_at",
    "resolution_deadline",
    "satisfaction",
    "followup_comment",
)
#: fields a correction request may change
CORRECTABLE_FIELDS = ("contact_name", "phone", "email", "id_number")


class ComplaintDataRequest(models.Model):
    """A complainant's request about their personal information (BASE-55).

    PIPL art. 45-47: the complainant may obtain a copy (export), have it
    corrected, or have it deleted.  Each request keeps who handled it, when,
    what was done and the file given back, so the company can prove it.
    """

    _name = "complaint.data.request"
    _description = "Personal Information Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", required=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    request_type = fields.Selection(
        [
            ("export", "Copy of my data (export)"),
            ("correct", "Correct my data"),
            ("delete", "Delete my data"),
        ],
        string="Request",
        required=True,
        default="export",
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "To Do"), ("done", "Done"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    requested_on = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    date_deadline = fields.Date(
        string="Answer By",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        help="Company target for the answer: 15 days after the request.",
    )
    new_contact_name = fields.Char(string="Correct Name To")
    new_phone = fields.Char(string="Correct Phone To")
    new_email = fields.Char(string="Correct E-mail To")
    new_id_number = fields.Char(string="Correct ID Number To")
    note = fields.Text(string="Request Details")
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_data_request_rel",
        "request_id",
        "complaint_id",
        string="Complaints Concerned",
        readonly=True,
        context={"active_test": False},
    )
    done_by = fields.Many2one("res.users", readonly=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    result = fields.Text(readonly=True, copy=False, help="What was done.")
    result_attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_data_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Files Given Back",
        readonly=True,
        copy=False,
    )
    refuse_reason = fields.Text(copy=False)

    @api.depends("requested_on")
    def _compute_date_deadline(self):
        for rec in self:
            rec.date_deadline = (
                rec.requested_on + relativedelta(days=15) if rec.requested_on else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("complaint.data.request") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(rec.state == "done" for rec in self):
            raise UserError(
                _(
                    "A request that was carried out is a legal record: it cannot be "
                    "deleted."
                )
            )

    # ============================================================ helpers
    def _check_manager(self):
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(
                _(
                    "Only complaint managers can carry out personal information "
                    "requests."
                )
            )

    def _find_complaints(self):
        """Every complaint of the complainant, archived ones included."""
        self.ensure_one()
        return (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    # the person and their own sub-contacts, never the
                    # colleagues of the same company
                    ("partner_id", "child_of", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )

    def _finish(self, complaints, result, attachments=None):
        self.ensure_one()
        vals = {
            "state": "done",
            "done_by": self.env.user.id,
            "done_at": fields.Datetime.now(),
            "complaint_ids": [(6, 0, complaints.ids)],
            "result": result,
        }
        if attachments:
            vals["result_attachment_ids"] = [(6, 0, attachments.ids)]
        self.write(vals)
        self.message_post(body=result, subtype_xmlid="mail.mt_note")

    # ============================================================ actions
    def action_execute(self):
        self._check_manager()
        for rec in self:
            if rec.state != "draft":
                raise UserError(_("Request %s was already handled.", rec.name))
            getattr(rec, f"_execute_{rec.request_type}")()
        return True

    def action_refuse(self):
        self._check_manager()
        for rec in self:
            if not rec.refuse_reason:
                raise UserError(
                    _(
                        "Write why the request is refused: the complainant must be "
                        "told the reason."
                    )
                )
        self.filtered(lambda r: r.state == "draft").write({"state": "refused"})
        return True

    # ------------------------------------------------------------- export
    def _export_payload(self, complaints):
        self.ensure_one()
        partner = self.partner_id
        complaint_rows = []
        for complaint in complaints:
            row = {}
            for fname in EXPORT_FIELDS:
                if fname not in complaint._fields:
                    continue
                value = complaint[fname]
                field = complaint._fields[fname]
                if field.type == "html":
                    value = html2plaintext(value or "")
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value, "")
                elif field.type in ("datetime", "date"):
                    value = fields.Datetime.to_string(value) if value else ""
                row[field._description_string(self.env)] = value or ""
            messages = complaint.message_ids.filtered(
                lambda m: m.message_type in ("comment", "email")
                and not m.subtype_id.internal
            )
            date_key, author_key, text_key = _("Date"), _("Author"), _("Text")
            row[_("Messages")] = [
                {
                    date_key: fields.Datetime.to_string(m.date),
                    author_key: m.author_id.name or m.email_from or "",
                    text_key: html2plaintext(m.body or ""),
                }
                for m in messages.sorted("date")
            ]
            complaint_rows.append(row)
        return {
            _("Complainant"): {
                _("Name"): partner.name or "",
                _("Phone"): partner.phone or partner.mobile or "",
                _("E-mail"): partner.email or "",
                _("Address"): partner.contact_address or "",
            },
            _("Complaints"): complaint_rows,
            _("Exported On"): fields.Datetime.to_string(fields.Datetime.now()),
        }

    def _export_xlsx(self, payload):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(_("Complainant"))
        for row, (key, value) in enumerate(payload[_("Complainant")].items()):
            sheet.write(row, 0, key, bold)
            sheet.write(row, 1, value)
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 50)
        sheet = workbook.add_worksheet(_("Complaints"))
        rows = payload[_("Complaints")]
        # the messages are the one list-valued entry of a complaint row; the
        # keys are translated labels, so the structure is read by type
        headers = [
            key
            for key, value in (rows[0] if rows else {}).items()
            if not isinstance(value, list)
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, 22)
        for row, complaint in enumerate(rows, start=1):
            for col, header in enumerate(headers):
                sheet.write(row, col, complaint[header])
        sheet = workbook.add_worksheet(_("Messages"))
        for col, header in enumerate(
            (_("Complaint"), _("Date"), _("Author"), _("Text"))
        ):
            sheet.write(0, col, header, bold)
        line = 1
        number_key = (
            self.env["complaint.complaint"]
            ._fields["name"]
            ._description_string(self.env)
        )
        for complaint in rows:
            messages = next((v for v in complaint.values() if isinstance(v, list)), [])
            for message in messages:
                sheet.write(line, 0, complaint.get(number_key, ""))
                for col, value in enumerate(message.values(), start=1):
                    sheet.write(line, col, value)
                line += 1
        sheet.set_column(3, 3, 80)
        workbook.close()
        return buffer.getvalue()

    def _execute_export(self):
        """PIPL art. 45: give the complainant a copy (JSON and Excel)."""
        self.ensure_one()
        complaints = self._find_complaints()
        payload = self._export_payload(complaints)
        stem = f"{self.name.replace('/', '-')}"
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.create(
            [
                {
                    "name": f"{stem}.json",
                    "raw": json.dumps(payload, ensure_ascii=False, indent=2).encode(),
                    "mimetype": "application/json",
                    "res_model": self._name,
                    "res_id": self.id,
                },
                {
                    "name": f"{stem}.xlsx",
                    "raw": self._export_xlsx(payload),
                    "mimetype": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                    "res_model": self._name,
                    "res_id": self.id,
                },
            ]
        )
        self._finish(
            complaints,
            _(
                "Personal information of %(partner)s exported: %(count)s complaints, "
                "files %(files)s.",
                partner=self.partner_id.display_name,
                count=len(complaints),
                files=", ".join(attachments.mapped("name")),
            ),
            attachments,
        )

    # ------------------------------------------------------------ correct
    def _execute_correct(self):
        """PIPL art. 46: correct the complainant's data everywhere."""
        self.ensure_one()
        new = {
            fname: self[f"new_{fname}"]
            for fname in CORRECTABLE_FIELDS
            if self[f"new_{fname}"]
        }
        if not new:
            raise UserError(_("Enter the corrected values first."))
        complaints = self._find_complaints()
        complaints.with_context(**{MAINTENANCE_CTX: True}).write(new)
        partner_vals = {}
        if new.get("contact_name"):
            partner_vals["name"] = new["contact_name"]
        if new.get("phone"):
            partner_vals["phone"] = new["phone"]
        if new.get("email"):
            partner_vals["email"] = new["email"]
        if partner_vals:
            self.partner_id.sudo().write(partner_vals)
        labels = [
            complaints._fields[fname]._description_string(self.env) for fname in new
        ]
        self._finish(
            complaints,
            _(
                "Corrected %(fields)s of %(partner)s on the contact and on "
                "%(count)s complaints.",
                fields=", ".join(labels),
                partner=self.partner_id.display_name,
                count=len(complaints),
            ),
        )

    # ------------------------------------------------------------- delete
    def _execute_delete(self):
        """PIPL art. 47: delete (anonymise) the complainant's data; where a
        law still requires keeping the record, lock it (store only)."""
        self.ensure_one()
        complaints = self._find_complaints()
        unfinished = complaints.filtered(lambda c: c.state not in FINISHED_STATES)
        if unfinished:
            raise UserError(
                _(
                    "These complaints are still being handled; finish them before "
                    "deleting the complainant's data: %s.",
                    ", ".join(unfinished.mapped("name")),
                )
            )
        today = fields.Date.context_today(self)
        must_keep = complaints.filtered(
            lambda c: c.legal_basis == "legal_obligation"
            and c.retention_until
            and c.retention_until >= today
            and not c.anonymised
        )
        to_anonymise = complaints - must_keep
        numbers_kept = ", ".join(must_keep.mapped("name")) or "-"
        numbers_gone = ", ".join(to_anonymise.mapped("name")) or "-"
        to_anonymise.filtered(lambda c: not c.anonymised)._pi_anonymise()
        must_keep._pi_lock(
            _(
                "The complainant asked for the deletion of their data (%s); the "
                "law requires keeping this record until the end of its retention "
                "period: locked, store only.",
                self.name,
            )
        )
        self._finish(
            complaints,
            _(
                "Deletion for %(partner)s: anonymised %(gone)s; locked until the end "
                "of the legal retention (store only) %(kept)s.",
                partner=self.partner_id.display_name,
                gone=numbers_gone,
                kept=numbers_kept,
            ),
        )
