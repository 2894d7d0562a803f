"""Erasing a complaint's personal data everywhere it went (BASE-53/55).

A complaint's data also lives in its child records (responsibilities,
investigation steps, transfers, extensions, escalation logs, pauses, crises
and the sector records), in their chatter and tracking values, their
followers, activities and attachments.  Anonymisation (``_pi_anonymise``,
retention expiry or a deletion request) clears the free text of the child
records and erases those traces; destruction by deletion
(``_pi_destroy``) deletes the child records through the ORM first, so no
message, follower, activity, attachment or tracking value is left behind.

The child records are found through the registry: every concrete model with
a stored many2one to complaint.complaint that is not ``ondelete="set
null"`` (such a record lives on its own; its addon anonymises it through
``_pi_anonymise``).
"""

from odoo import _, models

#: free text of the base child records that may quote the complainant;
#: ``None`` = cleared, a string = replaced (required fields)
CHILD_TEXT_FIELDS = {
    "complaint.investigation.step": {"name": "anonymised", "result": None},
    "complaint.transfer": {"reason": "anonymised"},
    "complaint.responsibility": {"sanction": None},
    "complaint.extension": {"reason": "anonymised", "refuse_reason": None},
    "complaint.escalation.log": {"note": None},
    "complaint.sla.pause": {"note": None},
    "complaint.crisis": {"note": None},
}
#: child records that belong to the organisation more than to the case:
#: their text and history stay when a complaint is anonymised
KEPT_ON_ANONYMISE = frozenset({"complaint.capa"})
#: how deep child records of child records are followed
MAX_DEPTH = 3


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # ======================================================== discovery
    def _pi_child_fields(self, model_name):
        """``[(model, field name)]``: stored many2one fields to
        ``model_name`` of concrete models whose records belong to it."""
        result = []
        for name in self.env.registry:
            Model = self.env[name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            for field in Model._fields.values():
                if (
                    field.type == "many2one"
                    and field.comodel_name == model_name
                    and field.store
                    and field.ondelete != "set null"
                    and not (name == model_name)
                ):
                    result.append((name, field.name))
        return result

    def _pi_dependants(self):
        """Child records of these complaints (and their own children), as
        superuser, the deepest first: ``[records, ...]``."""
        levels = []
        parents = [self.sudo().with_context(active_test=False)]
        seen = set()
        for _depth in range(MAX_DEPTH):
            found = []
            for parent in parents:
                if not parent:
                    continue
                for model, fname in self._pi_child_fields(parent._name):
                    Child = self.env[model].sudo().with_context(active_test=False)
                    children = Child.search([(fname, "in", parent.ids)])
                    children = children.filtered(lambda r: (r._name, r.id) not in seen)
                    seen.update((r._name, r.id) for r in children)
                    if children:
                        found.append(children)
            if not found:
                break
            levels.append(found)
            parents = found
        return [records for level in reversed(levels) for records in level]

    # ============================================================ traces
    def _pi_erase_traces(self, records_list=None):
        """Delete the chatter (messages with their tracking values,
        notifications and queued text messages), ratings, followers,
        activities and attachments of these complaints and of
        ``records_list``."""
        env = self.env(su=True)
        targets = [self.sudo()] + list(records_list or [])
        for records in targets:
            if not records:
                continue
            domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            env["mail.activity"].search(domain).unlink()
            env["mail.followers"].search(domain).unlink()
            messages = env["mail.message"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            )
            attachments = messages.attachment_ids
            if "sms.sms" in env:  # queued text messages carry the number
                env["sms.sms"].search(
                    [("mail_message_id", "in", messages.ids)]
                ).unlink()
            if "rating.rating" in env:  # ratings carry the person's feedback
                env["rating.rating"].search(domain).unlink()
            messages.unlink()
            attachments |= env["ir.attachment"].search(domain)
            for field in records._fields.values():
                if field.type == "many2many" and field.comodel_name == "ir.attachment":
                    attachments |= records[field.name]
            attachments.unlink()

    # ======================================================== anonymise
    def _pi_anonymise_children(self):
        """Clear the free text of the child records and erase their traces
        (their chatter quotes the complainant too)."""
        dependants = [
            records
            for records in self._pi_dependants()
            if records._name not in KEPT_ON_ANONYMISE
        ]
        anonymised = _("Anonymised")
        for records in dependants:
            spec = CHILD_TEXT_FIELDS.get(records._name, {})
            values = {
                name: anonymised if value else False
                for name, value in spec.items()
                if name in records._fields
            }
            if values:
                records.with_context(tracking_disable=True).write(values)
        self._pi_erase_traces(dependants)

    # ========================================================== destroy
    def _pi_destroy(self):
        """Delete these complaints for good (destruction by deletion): their
        child records first, through the ORM and as superuser, with every
        trace; then the complaints.  Returns the number deleted."""
        records = self.sudo().with_context(active_test=False, tracking_disable=True)
        count = len(records)
        dependants = records._pi_dependants()
        records._pi_erase_traces(dependants)
        for children in dependants:
            children.exists().unlink()
        records.unlink()
        return count
