from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    complaint_customer_tier = fields.Selection(
        [
            ("important", "Important"),
            ("value", "Value"),
            ("normal", "Normal"),
            ("risk", "Risk"),
        ],
        string="Customer Tier",
        help="Feeds complaint routing and escalation (BASE-13).",
    )
    complaint_ids = fields.One2many("complaint.complaint", "partner_id")
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    def _compute_complaint_count(self):
        data = self.env["complaint.complaint"]._read_group(
            [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
            ["commercial_partner_id"],
            ["__count"],
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.complaint_count = counts.get(partner.commercial_partner_id.id, 0)

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "complaint_base.action_complaint"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        action["context"] = {"default_partner_id": self.id}
        return action
