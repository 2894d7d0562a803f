from odoo import api, models

#: employee fields that decide a user's branch (``_bank_user_branch``)
BRANCH_FIELDS = frozenset({"user_id", "department_id", "company_id", "active", "name"})


class HrEmployee(models.Model):
    """A user's branch is cached per process
    (``complaint.complaint._bank_user_branch``): an employee created or
    deleted, or moved to another user, department or company, clears it."""

    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        self.env.registry.clear_cache()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if BRANCH_FIELDS & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
