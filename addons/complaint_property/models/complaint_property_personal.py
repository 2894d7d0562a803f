from odoo import models


class ComplaintPropertyPersonal(models.AbstractModel):
    """A property record that holds a complainant's personal information
    (work order, settlement memorandum, work contact sheet).

    When its complaint is anonymised (PIPL, BASE-55), the record keeps its
    figures but loses the personal fields (``_pi_anonymise_values``), its
    chatter, activities, followers and attachments; when the complaint is
    deleted, the record is deleted with it (``complaint.complaint``).
    """

    _name = "complaint.property.personal"
    _description = "Property record with personal information"

    def _pi_anonymise_values(self):
        """Values that remove the personal information (models override)."""
        return {}

    def _pi_anonymise(self):
        records = self.sudo().with_context(active_test=False, tracking_disable=True)
        if not records:
            return records
        values = {
            name: value
            for name, value in records._pi_anonymise_values().items()
            if name in records._fields
        }
        if values:
            records.write(values)
        records._pi_purge_thread()
        return records

    def _pi_purge_thread(self):
        """Delete the chatter, activities, followers and attachments of the
        records (they quote the complainant, show their signature...)."""
        ids = self.ids
        if not ids:
            return
        domain = [("res_model", "=", self._name), ("res_id", "in", ids)]
        env = self.env
        env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", ids)]
        ).unlink()
        env["mail.followers"].sudo().search(domain).unlink()
        env["mail.activity"].sudo().search(domain).unlink()
        env["ir.attachment"].sudo().search(domain).unlink()
