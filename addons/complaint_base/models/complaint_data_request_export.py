"""The copy of a complainant's data (PIPL art. 45): JSON and Excel."""

import io
import json

from odoo import _, fields, models
from odoo.tools import html2plaintext

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - xlsxwriter is an Odoo requirement
    xlsxwriter = None


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
                "Personal information exported: %(count)s complaints (%(numbers)s), "
                "files %(files)s.",
                count=len(complaints),
                numbers=", ".join(complaints.mapped("name")) or "-",
                files=", ".join(attachments.mapped("name")),
            ),
            attachments,
        )
