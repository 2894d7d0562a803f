from odoo import _, fields, models

from ..tools import deadline as dl


class ComplaintComplaint(models.Model):
    """Deadline extensions (BASE-26): the approved ones, the cap they may
    reach and the notice to the complainant."""

    _inherit = "complaint.complaint"

    extension_deadline = fields.Datetime(
        string="Extended To",
        copy=False,
        readonly=True,
        help="Resolution date of the last approved extension.",
    )
    extension_ids = fields.One2many(
        "complaint.extension", "complaint_id", string="Extensions", readonly=True
    )
    extension_count = fields.Integer(compute="_compute_extension_count")
    last_extension_id = fields.Many2one(
        "complaint.extension",
        compute="_compute_extension_count",
        string="Last Approved Extension",
    )

    def _compute_extension_count(self):
        for rec in self:
            rec.extension_count = len(rec.extension_ids)
            approved = rec.extension_ids.filtered(lambda e: e.state == "approved")
            rec.last_extension_id = approved.sorted(
                lambda e: (e.approved_at or e.create_date, e.id)
            )[-1:]

    def _notify_extension_approved(self, extension):
        """Tell the complainant the new date and the reason (BASE-26).

        Base: the bilingual e-mail template, or a note asking the handler to
        phone or write when there is no e-mail address.  Sector addons with
        their own notices (banking, BANK-02) override this.
        """
        self.ensure_one()
        template = self.env.ref(
            "complaint_base.mail_template_complaint_extension",
            raise_if_not_found=False,
        )
        if template and (self.partner_id or self.email):
            self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            return
        self.message_post(
            body=_(
                "Extension approved: resolve by %(new)s. Reason: "
                "%(reason)s. No e-mail address: tell the complainant by "
                "phone or letter.",
                new=self._sla_format_datetime(extension.requested_deadline),
                reason=extension.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _get_extension_cap(self):
        """``(amount, unit)``: longest total resolution time, counted from
        receipt, that extensions may reach; ``None``: no cap.  Banking
        overrides this per regulation profile."""
        self.ensure_one()
        policy = self.sla_policy_id or self._get_sla_policy()
        return policy._get_extension_cap() if policy else None

    def _format_extension_cap(self):
        """The cap as an officer reads it, e.g. "60 working days"."""
        self.ensure_one()
        cap = self._get_extension_cap()
        if not cap:
            return ""
        amount, unit = cap
        units = dict(
            self.env["complaint.sla.target"]
            ._fields["unit"]
            ._description_selection(self.env)
        )
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        return f"{amount} {units.get(unit, unit)}"

    def _get_extension_limit_deadline(self):
        """Latest resolution date extensions may reach (naive UTC) or
        ``None``."""
        self.ensure_one()
        cap = self._get_extension_cap()
        if not cap:
            return None
        amount, unit = cap
        calendar = self._get_sla_calendar()
        limit = dl.compute_deadline(self.received_at, amount, unit, calendar)
        return self._add_sla_pause(
            limit, unit, self.received_at, calendar, amount=amount
        )

    def action_open_extension_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Request an Extension"),
            "res_model": "complaint.extension",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "complaint_base.complaint_extension_view_form_wizard"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_view_extensions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Extensions"),
            "res_model": "complaint.extension",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }
