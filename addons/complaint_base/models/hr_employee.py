from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_base.group_complaint_manager",
        string="Complaints About",
    )

    def _compute_complaint_count(self):
        data = self.env["complaint.complaint"]._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
        )
        counts = {emp.id: count for emp, count in data}
        for emp in self:
            emp.complaint_count = counts.get(emp.id, 0)

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
