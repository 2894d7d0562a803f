import functools

from odoo import _, api, models
from odoo.osv import expression


class ComplaintRepairOrderAccess(models.Model):
    """Who sees a work order (BASE-54/55).

    A work order of a complaint follows the complaint's visibility
    (``complaint.child.access``), with one exception: the people the order
    names for the job (the technician, the follow-up owner, the area
    manager who calls back, the maintenance manager and the office director
    who approve the plan) see it even when they may not read the complaint
    (a technician is not in the complaint's team).  Never for a
    confidential complaint: there, only who may read the complaint sees its
    orders.  An order without a complaint follows its own rules (its
    company).  The order's company rule applies to everybody.
    """

    _inherit = "complaint.repair.order"

    @api.model
    def _assigned_domain(self):
        """Orders whose job names the current user (the order's own fields;
        the approvers through the team and the building, looked up as
        superuser so that HR rules do not hide them, never cached)."""
        uid = self.env.uid
        teams = (
            self.env["hr.department"].sudo().search([("manager_id.user_id", "=", uid)])
        )
        buildings = (
            self.env["complaint.property.building"]
            .sudo()
            .with_context(active_test=False)
            .search([("office_director_id", "=", uid)])
        )
        return expression.OR(
            [
                [("technician_user_id", "=", uid)],
                [("user_id", "=", uid)],
                [("area_manager_id", "=", uid)],
                [("team_id", "in", teams.ids)],
                [("building_id", "in", buildings.ids)],
            ]
        )

    @api.model
    def _complaint_visibility_domain(self):
        confidential = (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            ._search([("is_confidential", "=", True)])
        )
        assigned = expression.AND(
            [
                [("complaint_id", "!=", False)],
                [("complaint_id", "not in", confidential)],
                self._assigned_domain(),
            ]
        )
        return expression.OR([super()._complaint_visibility_domain(), assigned])

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if not result or self.env.su:
            return result
        forbidden, _make_error = result
        mine = forbidden.sudo().filtered_domain(
            expression.AND(
                [
                    [("complaint_id.is_confidential", "=", False)],
                    self._assigned_domain(),
                ]
            )
        )
        if not mine:
            return result
        mine = mine.with_env(self.env)
        # the order's own access rights and rules still apply to them
        still = models.BaseModel._check_access(mine, operation)
        rest = (forbidden - mine) | (still[0] if still else mine.browse())
        if not rest:
            return None
        return rest, functools.partial(
            self.env["ir.rule"]._make_access_error, operation, rest
        )

    # ================================================================ PIPL
    def _pi_anonymise_values(self):
        """Personal information of an order: who called, their phone, the
        unit (it names the household: the building is kept for the
        statistics), what they said and signed.  Times, team, type and
        results stay for the KPIs."""
        return dict(
            super()._pi_anonymise_values(),
            **{
                "partner_id": False,
                "phone": False,
                "unit_id": False,
                "location": False,
                "description": _("Anonymised"),
                "plan_note": False,
                "callback_note": False,
                "owner_signature": False,
                "signed_by": False,
            },
        )

    def _pi_anonymise(self):
        """Also the daily progress notes (they may name the household)."""
        orders = super()._pi_anonymise()
        orders.progress_ids.sudo().write({"note": _("Anonymised")})
        return orders
