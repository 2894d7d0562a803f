from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ComplaintComplaint(models.Model):
    """Recusal (回避, BASE-18): whoever is complained about, or has a direct
    interest, neither handles nor reviews the case.

    The recused users of a complaint are the user of the complained-about
    employee (``employee_id``), the users of the employees named in its
    responsibilities, the users declared as having a direct interest
    (``recusal_user_ids``) and, for a confidential complaint, everyone it is
    hidden from (BASE-54: the complained department's members and
    managers).  None of them may be its handler, its reviewer or a member
    of its investigation team: a constraint refuses it with a message that
    says who and why, and the automatic assignment skips them.
    """

    _inherit = "complaint.complaint"

    recusal_user_ids = fields.Many2many(
        "res.users",
        "complaint_recusal_user_rel",
        "complaint_id",
        "user_id",
        string="Recused (Direct Interest)",
        help="People with a direct interest in the case (a relative, a party "
        "to the contract...): they neither handle nor review it (BASE-18). "
        "The complained-about employee and the people named in the "
        "responsibilities are recused anyway.",
    )

    def _recused_users(self):
        """Users who may neither handle nor review this complaint."""
        self.ensure_one()
        rec = self.sudo()
        users = rec.employee_id.user_id
        users |= rec.responsibility_ids.employee_id.user_id
        users |= rec.recusal_user_ids
        if rec.is_confidential:
            # BASE-54: the people a confidential complaint is hidden from
            users |= rec.confidential_excluded_user_ids
        return users

    def _get_routing_values(self):
        """The routing never proposes a recused handler (BASE-18): the
        team's automatic assignment, or a person, chooses someone else."""
        values = super()._get_routing_values()
        if values.get("user_id") and values["user_id"] in self._recused_users().ids:
            values["user_id"] = False
        return values

    def _recusal_reason(self, user):
        """Why ``user`` is recused from this complaint, in words."""
        self.ensure_one()
        rec = self.sudo()
        if user == rec.employee_id.user_id:
            return _("the complaint is about them")
        if user in rec.responsibility_ids.employee_id.user_id:
            return _("they are named in its responsibilities")
        if rec.is_confidential and user in rec.confidential_excluded_user_ids:
            return _("the confidential complaint concerns them or their department")
        return _("they have a direct interest in it")

    @api.constrains(
        "user_id",
        "reviewer_id",
        "investigation_user_ids",
        "employee_id",
        "recusal_user_ids",
        "is_confidential",
        "confidential_excluded_user_ids",
    )
    def _check_recusal(self):
        for rec in self:
            rec._check_recusal_roles()

    def _check_recusal_roles(self):
        """Raise when a recused user holds a role on this complaint."""
        self.ensure_one()
        if not (self.user_id or self.reviewer_id or self.investigation_user_ids):
            return
        recused = self._recused_users()
        if not recused:
            return
        roles = [
            (self.user_id, _("handler")),
            (self.reviewer_id, _("reviewer")),
        ] + [(user, _("investigator")) for user in self.investigation_user_ids]
        for user, role in roles:
            if user and user in recused:
                raise ValidationError(
                    _(
                        "%(user)s cannot be the %(role)s of complaint %(name)s: "
                        "%(reason)s (recusal, BASE-18). Choose someone else.",
                        user=user.name,
                        role=role,
                        name=self.name,
                        reason=self._recusal_reason(user),
                    )
                )


class ComplaintResponsibility(models.Model):
    _inherit = "complaint.responsibility"

    @api.constrains("employee_id", "complaint_id")
    def _check_recusal(self):
        """BASE-18: naming someone responsible recuses them from the case."""
        for complaint in self.complaint_id:
            complaint._check_recusal_roles()
