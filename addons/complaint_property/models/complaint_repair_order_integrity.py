from odoo import _, fields, models
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import UserError

from ..tools import integrity

#: proof that is not rewritten once recorded (BASE-57): condition -> fields
SIGNATURE_FIELDS = ("owner_signature", "signed_by")
FEE_PROOF_FIELDS = ("fee", "receipt_number") + SIGNATURE_FIELDS
CALLBACK_PROOF_FIELDS = ("callback_method", "callback_note")


class ComplaintRepairOrderIntegrity(models.Model):
    """What a work order's caller may not type (BASE-57): computed
    deadlines and measures, a receipt time in the future, and the proof of
    a step once it is recorded.  Called by the order's ``create`` and
    ``write``."""

    _inherit = "complaint.repair.order"

    def _check_typed_values(self, vals):
        """BASE-57: deadlines, measures and KPI flags are computed, never
        typed; a request is not received in the future."""
        if self.env.su:
            return
        meta = {
            name: (bool(f.compute), f.store, bool(f.inverse), f.readonly)
            for name, f in self._fields.items()
            if name in vals
        }
        computed = integrity.computed_readonly(vals, meta)
        if computed:
            raise UserError(
                _(
                    "Work order: %s are computed from the order's times and "
                    "cannot be set.",
                    ", ".join(
                        self._fields[n]._description_string(self.env) for n in computed
                    ),
                )
            )
        received = vals.get("received_at")
        if received and integrity.is_future(
            fields.Datetime.to_datetime(received), fields.Datetime.now()
        ):
            raise UserError(_("A repair request cannot be received in the future."))

    def _check_proof_kept(self, vals):
        """BASE-57: what proves a step is not rewritten once recorded: the
        receipt time once dispatched, the fee and the owner's signature once
        collected or returned, the callback once recorded, the plan while it
        is approved or waiting for approval."""
        if self.env.su:
            return
        for order in self:
            frozen = []
            if order.state != "draft":
                frozen += forbidden_on_write(vals, ("received_at",))
            elif vals.get("received_at") and integrity.receipt_moved_later(
                order.received_at, fields.Datetime.to_datetime(vals["received_at"])
            ):
                raise UserError(
                    _(
                        "Work order %s: its receipt time can only be corrected to "
                        "an earlier time; a later one would hide the wait before "
                        "dispatch.",
                        order.name,
                    )
                )
            if order.fee_collected_at:
                frozen += forbidden_on_write(vals, FEE_PROOF_FIELDS)
            elif order.state in ("returned", "closed"):
                frozen += forbidden_on_write(vals, SIGNATURE_FIELDS)
            if order.callback_at:
                frozen += forbidden_on_write(vals, CALLBACK_PROOF_FIELDS)
            if order.plan_state in ("to_approve", "approved"):
                frozen += forbidden_on_write(vals, ("plan_note",))
            if order.plan_state == "to_approve":
                frozen += forbidden_on_write(vals, ("expected_date",))
            if frozen:
                raise UserError(
                    _(
                        "Work order %(name)s: %(fields)s already recorded as "
                        "proof and can no longer be changed.",
                        name=order.name,
                        fields=", ".join(
                            order._fields[n]._description_string(self.env)
                            for n in frozen
                        ),
                    )
                )
