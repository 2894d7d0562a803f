from odoo import models


class Base(models.AbstractModel):
    """Deleting a record a master record points to clears the registry
    cache (issue 14).

    The database empties or deletes such a reference by itself (``ON
    DELETE SET NULL`` or ``CASCADE``), without a ``write`` on the master
    record that would clear the registrations' master snapshot
    (``complaint.complaint._master_snapshot``): a deleted department or
    user must not stay the default of a category in the snapshot."""

    _inherit = "base"

    def unlink(self):
        referenced = (
            self
            and "complaint.complaint" in self.env
            and self._name
            in self.env["complaint.complaint"]._master_referenced_models()
        )
        res = super().unlink()
        if referenced:
            self.env.registry.clear_cache()
        return res
