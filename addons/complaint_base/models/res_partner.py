from odoo import _, fields, models

#: contact fields that identify or describe a person
PARTNER_PERSONAL_FIELDS = (
    "phone",
    "mobile",
    "email",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "vat",
    "website",
    "function",
    "title",
    "comment",
    "ref",
    "image_1920",
)


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
        # internal judgement (e.g. "risk"): never shown to the customer
        groups="base.group_user",
        help="Feeds complaint routing and escalation (BASE-13).",
    )
    complaint_ids = fields.One2many(
        "complaint.complaint", "partner_id", groups="base.group_user"
    )
    complaint_count = fields.Integer(
        compute="_compute_complaint_count", groups="base.group_user"
    )

    def write(self, vals):
        res = super().write(vals)
        if self._complaint_users().filtered(lambda user: not user.share):
            # an internal user's contact is in the registrations' master
            # snapshot (``complaint.complaint._master_snapshot``, as their
            # author); a portal user's is not (``res.users``)
            self.env.registry.clear_cache()
        return res

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

    # ================================================ PIPL deletion (BASE-55)
    def _complaint_users(self):
        """The users of these contacts, archived ones included (read as the
        superuser)."""
        return self.sudo().with_context(active_test=False).user_ids

    def _complaint_pi_archive(self):
        """Store only: archive the contacts (and their portal access) while a
        locked complaint still names them."""
        partners = self.sudo().with_context(active_test=False)
        portal_users = partners._complaint_users().filtered("share")
        portal_users.write({"active": False})
        partners.filtered(lambda p: not p._complaint_users() - portal_users).write(
            {"active": False}
        )
        return partners

    def _complaint_pi_anonymise(self):
        """Erase the contacts of a person who asked for the deletion of their
        data: identifiers, address, image, chatter, followed documents; their
        portal access is closed.  Contacts of employees (internal users) are
        kept: returns the contacts anonymised."""
        partners = self.sudo().with_context(active_test=False, tracking_disable=True)
        partners = partners.filtered(
            lambda p: not p._complaint_users().filtered(lambda u: not u.share)
        )
        if not partners:
            return partners
        for user in partners._complaint_users():
            user.write({"active": False, "login": f"anonymised-{user.id}"})
        values = dict.fromkeys(PARTNER_PERSONAL_FIELDS, False)
        values = {k: v for k, v in values.items() if k in partners._fields}
        values.update({"name": _("Anonymised contact"), "active": False})
        partners.write(values)
        env = self.env(su=True)
        env["mail.followers"].search([("partner_id", "in", partners.ids)]).unlink()
        messages = env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        messages.attachment_ids.unlink()
        messages.unlink()
        return partners
