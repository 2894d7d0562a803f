from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, email_normalize

from ..tools import masking

#: fields a correction request may change
CORRECTABLE_FIELDS = ("contact_name", "phone", "email", "id_number")
#: BASE-57: fields only the request's actions write
DATA_REQUEST_WORKFLOW_FIELDS = {
    "name": "create",
    "state": "action_execute action_refuse",
    "done_by": "action_execute",
    "done_at": "action_execute",
    "result": "action_execute",
    "result_attachment_ids": "action_execute",
    "complaint_ids": "action_execute",
}
#: what the request is about cannot change once it was handled
DATA_REQUEST_FROZEN_FIELDS = (
    "partner_id",
    "lookup_phone",
    "lookup_email",
    "request_type",
    "company_id",
    "requested_on",
    "new_contact_name",
    "new_phone",
    "new_email",
    "new_id_number",
    "refuse_reason",
)
#: a phone number needs this many digits to identify a person
MIN_PHONE_DIGITS = 7


class ComplaintDataRequest(models.Model):
    """A complainant's request about their personal information (BASE-55).

    PIPL art. 45-47: the complainant may obtain a copy (export), have it
    corrected, or have it deleted.  The person is found by their contact,
    their phone number and their e-mail address (complaints registered
    without a contact too), never by their company.  Each request keeps who
    handled it, when, what was done and the file given back, so the company
    can prove it; after a deletion the request keeps complaint numbers only,
    none of the erased data.

    BASE-57: the state, the result and the executor are written by the
    actions only; what the request is about is frozen once handled.
    """

    _name = "complaint.data.request"
    _description = "Personal Information Request"
    _inherit = ["complaint.workflow.guard", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _workflow_fields = DATA_REQUEST_WORKFLOW_FIELDS

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", required=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The person's contact, when they have one. Complaints registered "
        "without a contact are found by the phone number and e-mail address.",
    )
    lookup_phone = fields.Char(
        string="Phone Given",
        compute="_compute_lookup",
        store=True,
        readonly=False,
        help="The person's phone number: complaints registered with it are "
        "concerned, with or without a contact. Cleared once the data is deleted.",
    )
    lookup_email = fields.Char(
        string="E-mail Given",
        compute="_compute_lookup",
        store=True,
        readonly=False,
        help="The person's e-mail address: complaints registered with it are "
        "concerned. Cleared once the data is deleted.",
    )
    request_type = fields.Selection(
        [
            ("export", "Copy of my data (export)"),
            ("correct", "Correct my data"),
            ("delete", "Delete my data"),
        ],
        string="Request",
        required=True,
        default="export",
        tracking=True,
    )
    state = fields.Selection(
        [("draft", "To Do"), ("done", "Done"), ("refused", "Refused")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    requested_on = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    date_deadline = fields.Date(
        string="Answer By",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        help="Company target for the answer: 15 days after the request.",
    )
    new_contact_name = fields.Char(string="Correct Name To")
    new_phone = fields.Char(string="Correct Phone To")
    new_email = fields.Char(string="Correct E-mail To")
    new_id_number = fields.Char(string="Correct ID Number To")
    note = fields.Text(string="Request Details")
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_data_request_rel",
        "request_id",
        "complaint_id",
        string="Complaints Concerned",
        readonly=True,
        context={"active_test": False},
    )
    done_by = fields.Many2one("res.users", readonly=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    result = fields.Text(readonly=True, copy=False, help="What was done.")
    result_attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_data_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Files Given Back",
        readonly=True,
        copy=False,
    )
    refuse_reason = fields.Text(copy=False)

    @api.depends("partner_id")
    def _compute_lookup(self):
        for rec in self:
            partner = rec.partner_id
            rec.lookup_phone = partner.phone or partner.mobile or rec.lookup_phone
            rec.lookup_email = partner.email or rec.lookup_email

    @api.depends("requested_on")
    def _compute_date_deadline(self):
        for rec in self:
            rec.date_deadline = (
                rec.requested_on + relativedelta(days=15) if rec.requested_on else False
            )

    def _workflow_create_values(self, vals_list):
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("complaint.data.request") or "/"
        return super()._workflow_create_values(vals_list)

    def write(self, vals):
        if not self.env.su and set(DATA_REQUEST_FROZEN_FIELDS) & set(vals):
            handled = self.filtered(lambda r: r.state != "draft")
            if handled:
                raise UserError(
                    _(
                        "Request %s was already handled: it is the record of what "
                        "was done and can no longer change.",
                        ", ".join(handled.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(rec.state == "done" for rec in self):
            raise UserError(
                _(
                    "A request that was carried out is a legal record: it cannot be "
                    "deleted."
                )
            )

    # ============================================================ helpers
    def _check_manager(self):
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(
                _(
                    "Only complaint managers can carry out personal information "
                    "requests."
                )
            )

    def _person_partners(self):
        """The person's contact and its addresses (never the colleagues of
        the same company, who are contacts of their own)."""
        partner = self.partner_id.sudo().with_context(active_test=False)
        return partner | partner.child_ids.filtered(lambda p: p.type != "contact")

    def _person_phone_keys(self):
        partner = self.partner_id.sudo()
        numbers = (self.lookup_phone, partner.phone, partner.mobile)
        keys = {masking.phone_digits(number) for number in numbers if number}
        return {key for key in keys if len(key) >= MIN_PHONE_DIGITS}

    def _person_emails(self):
        partner = self.partner_id.sudo()
        emails = {email_normalize(e) for e in (self.lookup_email, partner.email) if e}
        return {email for email in emails if email}

    def _complaint_ids_by_phone(self, keys):
        Complaint = self.env["complaint.complaint"]
        Complaint.flush_model(["phone"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM complaint_complaint WHERE phone IS NOT NULL AND "
                "right(regexp_replace(phone, '\\D', '', 'g'), 11) IN %s",
                tuple(keys),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _find_complaints(self):
        """Every complaint of the person, archived ones included: filed under
        their contact, or registered without a contact with their phone
        number or e-mail address (a complaint filed under another contact is
        that contact's, even with the same number)."""
        self.ensure_one()
        by_contact = []
        if self.partner_id:
            by_contact = [("partner_id", "in", self._person_partners().ids)]
        anonymous = []
        keys = self._person_phone_keys()
        if keys:
            anonymous.append([("id", "in", self._complaint_ids_by_phone(keys))])
        anonymous += [[("email", "=ilike", email)] for email in self._person_emails()]
        if not (by_contact or anonymous):
            raise UserError(
                _(
                    "Say who the request is from: their contact, phone number or "
                    "e-mail address."
                )
            )
        domains = [by_contact] if by_contact else []
        if anonymous:
            domains.append(
                expression.AND([[("partner_id", "=", False)], expression.OR(anonymous)])
            )
        domain = expression.AND(
            [expression.OR(domains), [("company_id", "=", self.company_id.id)]]
        )
        return (
            self.env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search(domain)
        )

    def _finish(self, complaints, result, attachments=None):
        self.ensure_one()
        vals = {
            "state": "done",
            "done_by": self.env.user.id,
            "done_at": fields.Datetime.now(),
            "complaint_ids": [(6, 0, complaints.ids)],
            "result": result,
        }
        if attachments:
            vals["result_attachment_ids"] = [(6, 0, attachments.ids)]
        self._workflow_write(vals)
        self.message_post(body=result, subtype_xmlid="mail.mt_note")

    # ============================================================ actions
    def action_execute(self):
        self._check_manager()
        for rec in self:
            if rec.state != "draft":
                raise UserError(_("Request %s was already handled.", rec.name))
            getattr(rec, f"_execute_{rec.request_type}")()
        return True

    def action_refuse(self):
        self._check_manager()
        for rec in self:
            if not rec.refuse_reason:
                raise UserError(
                    _(
                        "Write why the request is refused: the complainant must be "
                        "told the reason."
                    )
                )
        self.filtered(lambda r: r.state == "draft")._workflow_write(
            {"state": "refused"}
        )
        return True

    # ------------------------------------------------------------ correct
    def _execute_correct(self):
        """PIPL art. 46: correct the complainant's data everywhere (the
        complaints, their sector fields through ``_pi_correct``, the
        contact)."""
        self.ensure_one()
        new = {
            fname: self[f"new_{fname}"]
            for fname in CORRECTABLE_FIELDS
            if self[f"new_{fname}"]
        }
        if not new:
            raise UserError(_("Enter the corrected values first."))
        complaints = self._find_complaints()
        complaints._pi_correct(new)
        partner_vals = {}
        if new.get("contact_name"):
            partner_vals["name"] = new["contact_name"]
        if new.get("phone"):
            partner_vals["phone"] = new["phone"]
        if new.get("email"):
            partner_vals["email"] = new["email"]
        if partner_vals and self.partner_id:
            self.partner_id.sudo().write(partner_vals)
        labels = [
            complaints._fields[fname]._description_string(self.env) for fname in new
        ]
        self._finish(
            complaints,
            _(
                "Corrected %(fields)s on the contact and on %(count)s complaints: "
                "%(numbers)s.",
                fields=", ".join(labels),
                count=len(complaints),
                numbers=", ".join(complaints.mapped("name")) or "-",
            ),
        )
