"""Deletion of a complainant's data (PIPL art. 47)."""

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools import masking
from ..tools.privacy_rules import FINISHED_STATES

#: the person's identifiers on a request, cleared once their data is erased
REQUEST_PERSONAL_FIELDS = (
    "lookup_phone",
    "lookup_email",
    "new_contact_name",
    "new_phone",
    "new_email",
    "new_id_number",
)


class ComplaintDataRequest(models.Model):
    _inherit = "complaint.data.request"

    # ------------------------------------------------------------- delete
    def _execute_delete(self):
        """PIPL art. 47: delete (anonymise) the complainant's data: the
        complaints, their child records, chatter and attachments, the sector
        fields, the contact; where a law still requires keeping a record,
        lock it (store only).  The log keeps numbers only."""
        self.ensure_one()
        identity = self._person_identity()
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
        contact = self._erase_contact(keep=bool(must_keep))
        self._erase_request_traces(identity)
        self._finish(
            complaints,
            _(
                "Deletion request %(request)s: anonymised %(gone)s; locked until the "
                "end of the legal retention (store only) %(kept)s; contact "
                "%(contact)s.",
                request=self.name,
                gone=numbers_gone,
                kept=numbers_kept,
                contact=contact,
            ),
        )

    def _erase_contact(self, keep):
        """Anonymise the person's contact, or archive it while a locked
        complaint still names it.  Returns what was done, for the log."""
        partners = self._person_partners() if self.partner_id else None
        if not partners:
            return _("none")
        if keep:
            partners._complaint_pi_archive()
            return _("archived (a locked complaint still names it)")
        if not partners._complaint_pi_anonymise():
            return _("kept (it belongs to an employee)")
        return _("anonymised and archived")

    def _person_identity(self):
        """``(partners, phone keys, e-mails)`` of the person, read before
        anything is erased."""
        partners = self._person_partners() if self.partner_id else self.partner_id
        return partners, self._person_phone_keys(), self._person_emails()

    def _erase_request_traces(self, identity):
        """The person's identifiers on this request and on their earlier
        requests, and the copies of their data exported before."""
        partners, keys, emails = identity
        Request = self.sudo().with_context(active_test=False)
        candidates = Request.search(
            [
                ("id", "!=", self.id),
                "|",
                "|",
                ("partner_id", "in", partners.ids),
                ("lookup_email", "!=", False),
                ("lookup_phone", "!=", False),
            ]
        )
        earlier = candidates.filtered(
            lambda r: r.partner_id in partners
            or email_normalize(r.lookup_email or "") in emails
            or masking.phone_digits(r.lookup_phone) in keys
        )
        requests = Request.browse(self.id) | earlier
        requests.result_attachment_ids.unlink()
        requests.message_ids.attachment_ids.unlink()
        requests.write(dict.fromkeys(REQUEST_PERSONAL_FIELDS, False))
