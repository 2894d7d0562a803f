from odoo import _, models
from odoo.addons.complaint_base.tools.workflow_guard import forbidden_on_write
from odoo.exceptions import UserError


class ComplaintInsuranceFrozen(models.AbstractModel):
    """Values that a recorded step freezes (BASE-57, INS-05, INS-07).

    ``complaint.workflow.guard`` keeps the fields an action owns (state,
    approver, dates) out of every ``create``/``write``.  Some fields are
    typed by a person but become part of the record once a step is done:
    the amount, reason and complaint of a submitted comfort fund request,
    the facts of a liability dispute once raised, the head office's
    decision once arbitrated.  A model returns them, per record, from
    ``_frozen_fields()`` (field name -> why it is frozen); any ``write``
    that carries one of them is refused unless it runs as superuser (the
    action methods and the privacy flows, after their own checks).
    """

    _name = "complaint.insurance.frozen"
    _description = "Values frozen by a recorded workflow step"

    def _frozen_fields(self):
        """Field name -> reason, for one record (sub-models override)."""
        self.ensure_one()
        return {}

    def _check_frozen(self, vals):
        if self.env.su:
            return
        for rec in self:
            frozen = rec._frozen_fields()
            names = forbidden_on_write(vals, frozen)
            if names:
                labels = ", ".join(
                    f"“{rec._fields[name]._description_string(self.env)}”"
                    for name in names
                )
                raise UserError(
                    _(
                        "%(record)s: %(fields)s can no longer be changed, %(reason)s",
                        record=rec.display_name,
                        fields=labels,
                        reason=frozen[names[0]],
                    )
                )

    def write(self, vals):
        self._check_frozen(vals)
        return super().write(vals)
