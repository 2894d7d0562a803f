from odoo import models


class ComplaintBankChild(models.AbstractModel):
    """A bank record of a complaint (notice, review, report to the
    regulator): what PIPL erasure and complaint deletion remove with it."""

    _name = "complaint.bank.child"
    _description = "Bank Record of a Complaint"

    def _bank_erase_traces(self):
        """Delete the chatter, activities, followers and attachments of the
        records (PIPL, BASE-55): nothing of the person stays behind."""
        records = self.sudo().with_context(active_test=False)
        if not records:
            return
        domain = [("res_model", "=", self._name), ("res_id", "in", records.ids)]
        env = records.env
        attachments = env["ir.attachment"].search(domain)
        if "attachment_ids" in records._fields:
            attachments |= records.attachment_ids
        env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "in", records.ids)]
        ).unlink()
        env["mail.activity"].search(domain).unlink()
        env["mail.followers"].search(domain).unlink()
        attachments.unlink()
