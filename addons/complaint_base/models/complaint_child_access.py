import functools

from odoo import api, models
from odoo.osv import expression


class ComplaintChildAccess(models.AbstractModel):
    """A record that belongs to a complaint is visible only to whoever may
    read that complaint (BASE-54/55, multi-company included).

    Record rules are evaluated as superuser, so a rule on a child model
    cannot reuse the complaint's rules; copying them per model would give
    each rule several homes.  Instead every search of a child model (so
    ``search_read``, ``web_search_read``, ``read_group``, ``name_search``,
    exports) is limited to the complaints the user can search, with the
    complaint's own rules applied in a sub-query, and every access check
    (``read``, ``write``, ``unlink``, chatter and attachments through
    ``mail``) also requires read access to the complaint.  A child whose
    complaint field is empty follows its own rules only.

    Models set ``_complaint_field`` when their link is not ``complaint_id``.
    """

    _name = "complaint.child.access"
    _description = "Record that follows its complaint's visibility"

    #: many2one to complaint.complaint that decides the visibility
    _complaint_field = "complaint_id"

    @api.model
    def _complaint_visibility_domain(self):
        complaints = (
            self.env["complaint.complaint"].with_context(active_test=False)._search([])
        )
        fname = self._complaint_field
        domain = [(fname, "in", complaints)]
        if not self._fields[fname].required:
            domain = expression.OR([[(fname, "=", False)], domain])
        return domain

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain, self._complaint_visibility_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        fname = self._complaint_field
        records = self.sudo().filtered(fname)
        complaints = records[fname].with_env(self.env)
        hidden = complaints - complaints._filtered_access("read")
        if not hidden:
            return None
        forbidden = records.filtered(lambda r: r[fname] in hidden).with_env(self.env)
        return forbidden, functools.partial(
            self.env["ir.rule"]._make_access_error, operation, forbidden
        )
