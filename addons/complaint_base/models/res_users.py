from odoo import models


class ResUsers(models.Model):
    """The registering user is part of the registrations' master snapshot
    (``complaint.complaint._master_snapshot``): a change clears it."""

    _name = "res.users"
    _inherit = ["res.users", "complaint.registry.cached"]
