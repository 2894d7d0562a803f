from odoo import api, fields, models

#: department fields that change who a confidential complaint concerns
CONFIDENTIAL_HR_FIELDS = frozenset({"manager_id", "parent_id", "active"})


class HrDepartment(models.Model):
    _inherit = "hr.department"

    complaint_count = fields.Integer(
        compute="_compute_complaint_count",
        groups="complaint_base.group_complaint_manager",
        string="Complaints About",
    )

    # BASE-54: a new manager or a department moved in the tree changes who
    # a confidential complaint is hidden from, at once
    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        if any(vals.get("parent_id") or vals.get("manager_id") for vals in vals_list):
            self.env["complaint.complaint"]._confidential_refresh()
        return departments

    def write(self, vals):
        res = super().write(vals)
        if CONFIDENTIAL_HR_FIELDS & set(vals):
            self.env["complaint.complaint"]._confidential_refresh()
        return res

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
