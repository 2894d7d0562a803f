from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_base.group_complaint_manager",
        string="Complaints About",
    )

    def _compute_complaint_count(self):
        data = self.env["complaint.complaint"]._read_group(
            [("department_id", "in", self.ids)], ["department_id"], ["__count"]
        )
        counts = {dep.id: count for dep, count in data}
        for dep in self:
            dep.complaint_count = counts.get(dep.id, 0)

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action["domain"] = [("department_id", "=", self.id)]
        action["context"] = {"default_department_id": self.id}
        return action
