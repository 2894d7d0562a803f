import logging

from odoo import _, models

_logger = logging.getLogger(__name__)

#: insurance fields that identify the complainant or quote the case; the
#: anonymisation clears them (PIPL, BASE-55).  The line of business, the
#: branches and the dates stay: the statistics count them.
INSURANCE_PI_FIELDS = (
    "policy_number",
    "claim_number",
    "regulator_case_no",
    "audit_report",
    "regulator_reply",
    "rectification_report",
)


class ComplaintComplaint(models.Model):
    """Personal information in the insurance part of the file (BASE-55).

    * ``_pi_anonymise_values()`` also clears the policy, claim and regulator
      case numbers and the texts that quote the case;
    * ``_pi_anonymise()`` also clears the texts of the comfort fund requests
      and the liability disputes (the base erases their chatter);
    * the destruction by deletion (base ``_pi_destroy``) deletes them
      through the ORM with the complaint (``complaint_id`` is
      ``ondelete="cascade"``: they are part of the file); any other
      deletion of a complaint deletes them through the ORM too, as the
      caller, and logs their references, so their own deletion rules hold:
      a submitted comfort fund request or a dispute keeps a manager from
      deleting the complaint.
    """

    _inherit = "complaint.complaint"

    def _pi_anonymise_values(self):
        vals = super()._pi_anonymise_values()
        vals.update(dict.fromkeys(INSURANCE_PI_FIELDS, False))
        return vals

    def _insurance_child_records(self):
        """The insurance records that belong to these complaints' files."""
        complaints = self.sudo().with_context(active_test=False)
        return complaints.comfort_fund_request_ids, complaints.liability_dispute_ids

    def _pi_anonymise(self):
        """The base erases the chatter, followers, activities and attachments
        of every child record (``_pi_erase_traces``); the free text of the
        insurance ones is cleared here.  Amounts, states and branches stay
        for the figures."""
        records = super()._pi_anonymise()
        funds, disputes = records._insurance_child_records()
        placeholder = _("Anonymised")
        ctx = {"tracking_disable": True, "mail_notrack": True}
        funds.with_context(**ctx).write({"reason": placeholder, "refuse_reason": False})
        disputes.with_context(**ctx).write({"reason": placeholder, "decision": False})
        return records

    def unlink(self):
        funds, disputes = self._insurance_child_records()
        if funds or disputes:
            _logger.info(
                "Deleting complaints %s with their comfort fund requests %s and "
                "%s liability dispute(s)",
                ", ".join(self.sudo().mapped("name")),
                ", ".join(funds.mapped("name")) or "-",
                len(disputes),
            )
            # as the caller: their deletion rules hold outside a destruction
            funds.with_env(self.env).unlink()
            disputes.with_env(self.env).unlink()
        return super().unlink()
