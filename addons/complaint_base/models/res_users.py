from odoo import models


class ResUsers(models.Model):
    """An internal registering user is part of the registrations' master
    snapshot (``complaint.complaint._master_snapshot``): a change to an
    internal user clears it.  Portal users are left out of the snapshot,
    so that a portal user editing their account clears nothing: the
    registry cache of every worker is not theirs to empty.  Deleting a
    user clears it too (``base.unlink``: categories and teams point to
    users)."""

    _inherit = "res.users"

    def write(self, vals):
        internal = bool(self.filtered(lambda user: not user.share))
        res = super().write(vals)
        if internal or self.filtered(lambda user: not user.share):
            self.env.registry.clear_cache()
        return res
