from odoo import models


class ResourceCalendar(models.Model):
    """A working calendar is part of the registrations' master snapshot
    (``complaint.complaint._master_snapshot``): a change clears it."""

    _name = "resource.calendar"
    _inherit = ["resource.calendar", "complaint.registry.cached"]
