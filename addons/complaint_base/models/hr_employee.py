from odoo import api, fields, models

#: employee fields that change who a confidential complaint concerns
CONFIDENTIAL_HR_FIELDS = frozenset(
    {"department_id", "user_id", "parent_id", "active", "work_contact_id"}
)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_base.group_complaint_manager",
        string="Complaints About",
    )

    # BASE-54: a move, a new user or a new manager changes who a
    # confidential complaint is hidden from, at once
    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        self.env["complaint.complaint"]._confidential_refresh()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if CONFIDENTIAL_HR_FIELDS & set(vals):
            self.env["complaint.complaint"]._confidential_refresh()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["complaint.complaint"]._confidential_refresh()
        return res

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
