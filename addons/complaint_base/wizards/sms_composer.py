from odoo import models

from ..models.sms_sms import CTX_TEMPLATE


class SmsComposer(models.TransientModel):
    """The SMS composer with a template: the SMS it queues goes out as that
    template's approved version through the gateway."""

    _inherit = "sms.composer"

    def _action_send_sms(self):
        if self.template_id:
            self = self.with_context(**{CTX_TEMPLATE: self.template_id.id})
        return super()._action_send_sms()
