from odoo import api, models
from odoo.addons.complaint_base.tools import masking


class ComplaintComplaintPropertyPrivacy(models.Model):
    """Personal data of a property complaint (PIPL, BASE-55).

    Anonymising a complaint clears its unit (the unit
    names the household through its owner; the building, shared by many
    households, stays for the statistics) and anonymises its work orders,
    memoranda and contact sheets, with their chatter and attachments;
    deleting a complaint deletes them (no orphan keeps the person's data).
    (The workflow fields of the escalation are declared with it, in
    ``complaint_complaint_escalation.py``.)
    """

    _inherit = "complaint.complaint"

    def _property_personal_records(self):
        """Property records that carry the complainant's data."""
        complaints = self.sudo().with_context(active_test=False)
        return [
            complaints.repair_order_ids,
            complaints.memorandum_ids,
            complaints.contact_sheet_ids,
        ]

    def _pi_anonymise_values(self):
        values = super()._pi_anonymise_values()
        values["unit_id"] = False
        return values

    def _pi_anonymise(self):
        records = super()._pi_anonymise()
        for children in records._property_personal_records():
            children._pi_anonymise()
        return records

    def _pi_correct(self, new_values):
        """PIPL art. 46: a corrected phone also corrects the masked copy the
        complaint's work orders keep."""
        records = super()._pi_correct(new_values)
        if "phone" in new_values:
            orders = records.sudo().repair_order_ids.filtered("phone")
            orders.write({"phone": masking.mask_phone(new_values["phone"]) or False})
        return records

    @api.ondelete(at_uninstall=False)
    def _unlink_property_records(self):
        """A deleted complaint takes its work orders (and their progress),
        memoranda and contact sheets with it, chatter and attachments
        included (destruction by deletion, BASE-53/55)."""
        for children in self._property_personal_records():
            children.sudo().unlink()
