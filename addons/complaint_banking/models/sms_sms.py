from odoo import models


class SmsSms(models.Model):
    """A bank notice sent by SMS follows its gateway's answer (BASE-46):
    "sent" when the gateway accepted it, "not delivered" when it refused,
    then delivered or not on the receipt (``sms.tracker``)."""

    _inherit = "sms.sms"

    def _complaint_mark_sent(self, gateway, message_id, unlink=True):
        res = super()._complaint_mark_sent(gateway, message_id, unlink=unlink)
        self.env["complaint.bank.notice"]._sms_update(self.uuid)
        return res

    def _complaint_mark_failed(self, gateway, failure_type, reason, unlink=False):
        res = super()._complaint_mark_failed(
            gateway, failure_type, reason, unlink=unlink
        )
        self.env["complaint.bank.notice"]._sms_update(self.uuid)
        return res


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    def _complaint_record_receipt(self, receipt):
        res = super()._complaint_record_receipt(receipt)
        self.env["complaint.bank.notice"]._sms_update(self.sms_uuid)
        return res
