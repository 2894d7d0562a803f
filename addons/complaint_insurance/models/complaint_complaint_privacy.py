import logging

from odoo import _, api, models

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
    "recheck_result",
    "rectification_report",
)


class ComplaintComplaint(models.Model):
    """Personal information in the insurance part of the file (BASE-55).

    * ``_pi_anonymise_values()`` also clears the policy, claim and regulator
      case numbers and the texts that quote the case;
    * ``_pi_anonymise()`` also anonymises the comfort fund requests and the
      liability disputes: their texts, chatter, activities, followers and
      attachments (the amounts, states and branches stay for the figures);
    * deleting a complaint (the *delete* method of a destruction request)
      deletes these child records with it, through the ORM so that their
      chatter and attachments go too, and logs their references; outside
      the destruction (which runs as superuser) their own deletion rules
      apply: a submitted comfort fund request or a dispute keeps the
      complaint from being deleted.
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
        records = super()._pi_anonymise()
        funds, disputes = records._insurance_child_records()
        placeholder = _("Anonymised")
        ctx = {"tracking_disable": True, "mail_notrack": True}
        if funds:
            funds.with_context(**ctx).write(
                {"reason": placeholder, "refuse_reason": False}
            )
        if disputes:
            disputes.with_context(**ctx).write(
                {"reason": placeholder, "decision": False}
            )
        for children in (funds, disputes):
            self._pi_purge_threads(children)
        return records

    @api.model
    def _pi_purge_threads(self, records):
        """Remove the messages, followers, activities and attachments of
        ``records`` (they may quote the complainant)."""
        if not records:
            return
        env = self.env
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        env["mail.followers"].sudo().search(domain).unlink()
        env["mail.activity"].sudo().search(domain).unlink()
        env["ir.attachment"].sudo().search(domain).unlink()
        env["mail.message"].sudo().search(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        ).unlink()

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
