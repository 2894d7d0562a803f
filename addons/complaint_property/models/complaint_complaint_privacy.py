from odoo import api, models
from odoo.addons.complaint_base.tools import masking

#: BASE-57: property fields of a complaint set by an action or the
#: escalation rules (PROP-08), never typed.  The trigger facts
#: (``prop_leak_or_crack``...) are the office's judgements: typed.
PROPERTY_WORKFLOW_FIELDS = {
    "prop_escalated": "action_escalate_customer_service escalation-rules",
    "prop_escalated_at": "action_escalate_customer_service escalation-rules",
}


class ComplaintComplaintPropertyPrivacy(models.Model):
    """Workflow fields and personal data of a property complaint.

    * BASE-57: the escalation to customer service is recorded by the
      escalation rules only;
    * PIPL (BASE-55): anonymising a complaint clears its unit (the unit
      names the household through its owner; the building, shared by many
      households, stays for the statistics) and anonymises its work orders,
      memoranda and contact sheets, with their chatter and attachments;
      deleting a complaint deletes them (no orphan keeps the person's data).
    """

    _inherit = "complaint.complaint"
    _workflow_fields = PROPERTY_WORKFLOW_FIELDS

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
