from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools import integrity
from .complaint_repair_order import COMPLETED_STATES

#: BASE-57: the fee is recorded as collected by its action only
FEE_WORKFLOW_FIELDS = {"fee_collected_at": "action_collect_fee"}


class ComplaintRepairOrderFee(models.Model):
    """Paid service (PROP-05): a repair of the owner's own part is paid,
    against a receipt and the owner's signature on the work order."""

    _inherit = "complaint.repair.order"
    _workflow_fields = FEE_WORKFLOW_FIELDS

    fee = fields.Monetary(string="Fee", tracking=True)
    receipt_number = fields.Char(tracking=True, copy=False)
    owner_signature = fields.Binary(
        string="Owner's Signature", copy=False, attachment=True
    )
    signed_by = fields.Char(string="Signed By", copy=False)
    fee_collected_at = fields.Datetime(
        string="Fee Collected", readonly=True, copy=False, tracking=True
    )

    _sql_constraints = [
        ("fee_positive", "CHECK(fee >= 0)", "A repair fee cannot be negative."),
    ]

    def action_collect_fee(self):
        """Paid service (PROP-05): never collect without a receipt and the
        owner's signature on the work order."""
        self.check_access("write")
        for order in self:
            if order.responsibility != "owner":
                raise UserError(_("Work order %s is not a paid service.", order.name))
            if order.state not in ("on_site",) + COMPLETED_STATES:
                raise UserError(
                    _("Collect the fee of %s once the repair is done.", order.name)
                )
            if order.fee <= 0:
                raise UserError(_("Enter the fee of %s first.", order.name))
            if not (order.receipt_number or "").strip():
                raise UserError(
                    _("Issue a receipt and enter its number: no fee without receipt.")
                )
            if not integrity.is_signed(order.owner_signature, order.signed_by):
                raise UserError(
                    _(
                        "The owner must sign the work order before the fee is "
                        "collected."
                    )
                )
            order._workflow_write({"fee_collected_at": fields.Datetime.now()})
        return True
