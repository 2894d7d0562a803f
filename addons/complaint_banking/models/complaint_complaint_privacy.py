from odoo import _, models

#: the bank records of a complaint, with the fields that quote the customer
BANK_CHILDREN = {
    "bank_notice_ids": ("recipient", "subject", "content", "reason", "call_record"),
    # the review's texts are cleared by complaint_base (complaint.review)
    "review_ids": (),
    "bank_regulator_report_ids": ("content",),
}


class ComplaintComplaint(models.Model):
    """PIPL for bank complaints (BASE-55, issue 11).

    * anonymisation clears the banking fields that describe the person or
      their case (the regulator's forwarding request names the customer, the
      decision's basis and reasons quote their contract and account), and the
      bank records of the complaint: notices (address, number, text, call
      record, letters), review applications and findings, reports to the
      regulator, with their chatter and attachments;
    * deleting a complaint deletes its bank records through the ORM first, so
      their messages, activities, followers and attachments go with them
      instead of staying behind as orphans.
    """

    _inherit = "complaint.complaint"

    def _pi_anonymise_values(self):
        values = super()._pi_anonymise_values()
        values.update(
            {
                "bank_forwarding_request": False,
                "bank_decision_basis": False,
                "bank_decision_reasons": False,
                # a complex case keeps a reason (constraint), not the customer's
                "bank_complexity_reason": _("Anonymised"),
            }
        )
        return values

    def _pi_anonymise(self):
        records = super()._pi_anonymise()
        records._bank_anonymise_children()
        return records

    def _bank_children(self):
        """The bank records of the complaints, as superuser."""
        complaints = self.sudo().with_context(active_test=False)
        return [complaints.mapped(field) for field in BANK_CHILDREN]

    def _bank_anonymise_children(self):
        anonymised = _("Anonymised")
        for field, children in zip(BANK_CHILDREN, self._bank_children(), strict=True):
            if not children:
                continue
            values = {}
            for name in BANK_CHILDREN[field]:
                required = children._fields[name].required
                values[name] = anonymised if required else False
            children.with_context(tracking_disable=True).write(values)
            children._bank_erase_traces()

    def unlink(self):
        self.check_access("unlink")
        for children in reversed(self._bank_children()):
            children._bank_erase_traces()
            children.unlink()
        return super().unlink()
