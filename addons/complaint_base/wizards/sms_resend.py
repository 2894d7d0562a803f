from odoo import api, models

from ..tools import masking


class SmsResendRecipient(models.TransientModel):
    """BASE-55: a failed SMS notice's number, shown again when the notice is
    resent, is masked like the notification it comes from."""

    _inherit = "sms.resend.recipient"

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if "sms_number" not in fnames or self.env.su or not result:
            return result
        lines = self.sudo().browse([vals["id"] for vals in result])
        notification_of = {line.id: line.notification_id.id for line in lines}
        hidden = (
            self.env["mail.notification"]
            .browse(set(notification_of.values()))
            ._complaint_numbers_hidden()
        )
        for vals in result:
            if notification_of[vals["id"]] in hidden and vals.get("sms_number"):
                vals["sms_number"] = masking.mask_phone(vals["sms_number"])
        return result


class SmsResend(models.TransientModel):
    """The resend wizard of a complaint's failed SMS notice shows the
    numbers masked to a user who does not handle the complaint, and resends
    to the real number (BASE-55)."""

    _inherit = "sms.resend"

    @api.model
    def default_get(self, fields):
        result = super().default_get(fields)
        commands = result.get("recipient_ids") or []
        values = [command[2] for command in commands if len(command) == 3]
        notifications = self.env["mail.notification"].browse(
            [vals["notification_id"] for vals in values]
        )
        hidden = notifications._complaint_numbers_hidden()
        for vals in values:
            if vals["notification_id"] in hidden and vals.get("sms_number"):
                vals["sms_number"] = masking.mask_phone(vals["sms_number"])
        return result

    def action_resend(self):
        for line in self.sudo().recipient_ids:
            real = line.notification_id.sms_number
            if real and line.sms_number == masking.mask_phone(real):
                line.sms_number = real
        return super().action_resend()
