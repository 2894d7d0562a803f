from odoo import models

from ..models.sms_sms import CTX_TEMPLATE
from ..tools import masking


class SmsComposer(models.TransientModel):
    """The SMS composer with a template: the SMS it queues goes out as that
    template's approved version through the gateway.

    BASE-55: on a complaint whose identifiers the user sees masked, the
    composer shows the recipient's number masked too.  The text message
    still goes to the real number, read on the server when it is sent
    (``_message_sms`` reads the complaint's number field)."""

    _inherit = "sms.composer"

    def _action_send_sms(self):
        if self.template_id:
            self = self.with_context(**{CTX_TEMPLATE: self.template_id.id})
        return super()._action_send_sms()

    def _complaint_masked(self):
        """Whether this composer writes to one complaint whose identifiers
        the user may not see."""
        self.ensure_one()
        if self.res_model != "complaint.complaint" or not self.res_id:
            return False
        if not self.comment_single_recipient:
            return False
        complaint = self.env["complaint.complaint"].browse(self.res_id)
        return not complaint._pi_visible_for(self.env.user)

    def _complaint_mask_number(self, fname):
        """Mask the number shown in ``fname`` where the user sees the
        complaint masked."""
        for composer in self.filtered(fname):
            if composer._complaint_masked():
                composer[fname] = masking.mask_phone(composer[fname])

    def _compute_recipient_single_stored(self):
        res = super()._compute_recipient_single_stored()
        self._complaint_mask_number("recipient_single_number_itf")
        return res

    def _compute_recipient_single_non_stored(self):
        res = super()._compute_recipient_single_non_stored()
        self._complaint_mask_number("recipient_single_number")
        return res

    def _compute_recipient_single_valid(self):
        """A masked number is judged on the real one it stands for."""
        res = super()._compute_recipient_single_valid()
        for composer in self:
            if composer.recipient_single_number_itf and composer._complaint_masked():
                records = composer._get_records()
                real = composer._complaint_real_number(records)
                composer.recipient_single_valid = bool(
                    real and records._phone_format(number=real)
                )
        return res

    def _complaint_real_number(self, records):
        """The number the text goes to, read on the server."""
        return records._sms_get_recipients_info(force_field=self.number_field_name)[
            records.id
        ]["number"]

    def _action_send_sms_comment_single(self, records=None):
        """A masked number left as shown is not a correction: it must not be
        written back over the real one."""
        if self.recipient_single_number_itf and self._complaint_masked():
            shown = self.recipient_single_number_itf
            records = records if records is not None else self._get_records()
            if shown == masking.mask_phone(self._complaint_real_number(records)):
                self.recipient_single_number_itf = False
        return super()._action_send_sms_comment_single(records=records)
