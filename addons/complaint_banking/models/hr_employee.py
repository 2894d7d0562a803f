from odoo import models

#: employee fields that decide a user's branch (``_bank_user_branch``)
BRANCH_FIELDS = frozenset({"user_id", "department_id", "company_id", "active", "name"})


class HrEmployee(models.Model):
    """A user's branch is cached per process
    (``complaint.complaint._bank_user_branch``): an employee created or
    deleted, or moved to another user, department or company, clears it."""

    _name = "hr.employee"
    _inherit = ["hr.employee", "complaint.registry.cached"]
    _registry_cache_fields = BRANCH_FIELDS
