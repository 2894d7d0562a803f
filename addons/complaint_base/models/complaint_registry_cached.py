from odoo import api, models


class ComplaintRegistryCached(models.AbstractModel):
    """Master data some registration code reads through the registry's
    cache (``tools.ormcache``: the SLA policies and their targets, the
    escalation rules, the registrations' master snapshot of categories,
    channels, teams, companies and working calendars, and the
    banking teller's branch from employees and departments): any change to
    such a record clears the cache, in this worker and, through Odoo's
    signalling, in the others.  Deleting a record they point to clears it
    too (``base.unlink``)."""

    _name = "complaint.registry.cached"
    _description = "Complaint Master Data Read Through the Registry Cache"

    #: the fields whose change clears the cache (``None``: any field)
    _registry_cache_fields = None

    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        res = super().write(vals)
        if self._registry_cache_fields is None or (
            self._registry_cache_fields & set(vals)
        ):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
