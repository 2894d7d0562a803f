"""The copy of a complainant's data (PIPL art. 45): JSON and Excel."""

import json

from odoo import _, fields, models
from odoo.tools import html2plaintext

from ..tools.xlsx import XlsxBook


class ComplaintDataRequest(models.Model):
    _inherit = "complaint.data.request"

    # ------------------------------------------------------------- export
    def _export_payload(self, complaints):
        self.ensure_one()
        partner = self.partner_id
        complaint_rows = []
        for complaint in complaints:
            row = {}
            for fname in complaint._pi_export_fields():
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
            # the messages meant for the complainant, not the internal ones
            messages = complaint.message_ids.filtered(
                lambda m: m.message_type in ("comment", "email")
                and not m.is_internal
                and not m.subtype_id.internal
            )
            row[_("Files")] = ", ".join(messages.attachment_ids.mapped("name"))
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
                _("Phone"): partner.phone or partner.mobile or self.lookup_phone or "",
                _("E-mail"): partner.email or self.lookup_email or "",
                _("Address"): partner.contact_address or "",
            },
            _("Complaints"): complaint_rows,
            _("Exported On"): fields.Datetime.to_string(fields.Datetime.now()),
        }

    def _export_xlsx(self, payload):
        book = XlsxBook()
        sheet = book.sheet(_("Complainant"))
        book.pairs(sheet, 0, payload[_("Complainant")].items(), widths=(18, 50))
        rows = payload[_("Complaints")]
        # the messages are the one list-valued entry of a complaint row; the
        # keys are translated labels, so the structure is read by type
        headers = [
            key
            for key, value in (rows[0] if rows else {}).items()
            if not isinstance(value, list)
        ]
        book.table(
            book.sheet(_("Complaints")),
            0,
            headers,
            ([complaint[header] for header in headers] for complaint in rows),
            widths=dict.fromkeys(range(len(headers)), 22),
        )
        number_key = (
            self.env["complaint.complaint"]
            ._fields["name"]
            ._description_string(self.env)
        )
        lines = [
            [complaint.get(number_key, ""), *message.values()]
            for complaint in rows
            for message in next(
                (v for v in complaint.values() if isinstance(v, list)), []
            )
        ]
        book.table(
            book.sheet(_("Messages")),
            0,
            (_("Complaint"), _("Date"), _("Author"), _("Text")),
            lines,
            widths={3: 80},
        )
        return book.close()

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
                "Personal information exported: %(count)s complaints (%(numbers)s), "
                "files %(files)s.",
                count=len(complaints),
                numbers=", ".join(complaints.mapped("name")) or "-",
                files=", ".join(attachments.mapped("name")),
            ),
            attachments,
        )
