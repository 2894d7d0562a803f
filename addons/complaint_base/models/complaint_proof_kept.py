from odoo import _, api, models
from odoo.exceptions import UserError


class ComplaintProofKept(models.AbstractModel):
    """Records that are proof stay in the file (BASE-50, BASE-57).

    A model inherits this and says which of its records are proof
    (``_proof_records``: by default all of them): nobody deletes those,
    a manager included; only the system does (the retention's destruction
    and the PIPL flows run as superuser).  A mistaken record is corrected
    or cancelled, with its history, instead."""

    _name = "complaint.proof.kept"
    _description = "Complaint Record Kept as Proof"

    def _proof_records(self):
        """Hook: the records of ``self`` that are proof."""
        return self

    @api.ondelete(at_uninstall=False)
    def _unlink_except_proof(self):
        if self.env.su:
            return
        proof = self.sudo()._proof_records()
        if proof:
            raise UserError(
                _(
                    "%(model)s %(record)s is part of the complaint file and "
                    "cannot be deleted: correct or cancel it instead.",
                    model=self._description,
                    record=proof[0].display_name,
                )
            )
