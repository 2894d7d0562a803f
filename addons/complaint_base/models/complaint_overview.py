from odoo import fields, models

#: columns always shown by the complaint kanban grouped by state: the
#: lifecycle; the ways out of it (invalid, withdrawn, merged) are shown
#: when they hold complaints
LIFECYCLE_STATES = ("new", "accepted", "in_progress", "resolved", "review", "closed")


class ComplaintComplaint(models.Model):
    """Front-line views (BASE-14): the kanban by state shows its columns in
    lifecycle order, the empty ones included."""

    _inherit = "complaint.complaint"

    state = fields.Selection(group_expand="_read_group_expand_states")

    def _read_group_expand_states(self, states, domain):
        values = self._fields["state"].get_values(self.env)
        present = set(states)
        return [s for s in values if s in LIFECYCLE_STATES or s in present]
