import functools

from odoo import api, models
from odoo.osv import expression


class ComplaintRepairOrderChild(models.AbstractModel):
    """A record that belongs to a work order (daily progress line, KPI row)
    is visible only to whoever may read the order (BASE-54/55).

    Record rules are evaluated as superuser, so a rule on the child cannot
    reuse the order's visibility (complaint sub-query, assigned people):
    every search of the child (``search_read``, ``read_group``, exports...)
    is limited to the orders the user can search, and every access check
    also requires read access to the order.
    """

    _name = "complaint.repair.order.child"
    _description = "Record that follows its work order's visibility"

    #: many2one to complaint.repair.order that decides the visibility
    _order_field = "order_id"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            orders = self.env["complaint.repair.order"]._search([])
            domain = expression.AND([domain, [(self._order_field, "in", orders)]])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        fname = self._order_field
        records = self.sudo().filtered(fname)
        orders = records[fname].with_env(self.env)
        hidden = orders - orders._filtered_access("read")
        if not hidden:
            return None
        forbidden = records.filtered(lambda r: r[fname] in hidden).with_env(self.env)
        return forbidden, functools.partial(
            self.env["ir.rule"]._make_access_error, operation, forbidden
        )
