from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.exceptions import UserError, ValidationError

from ..tools import profiles

NOTICE_KINDS = [
    ("acceptance", "Acceptance"),
    ("extension", "Extension"),
    ("pause", "Clock Pause"),
    ("decision", "Decision Letter"),
    ("review_result", "Review Result"),
]
NOTICE_CHANNELS = [
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("phone", "Phone"),
]


class ComplaintBankNotice(models.Model):
    """A notice to the customer of a bank complaint, with its proof (BANK-02).

    Acceptance (deadline and contact), extension (new date and reason),
    clock pause, decision letter (findings, basis, reasons, remedies) and
    review result are each logged here with channel, time and proof: the
    e-mail sent (a message of the complaint), the letter (its PDF), the SMS
    text and number (recorded even without an SMS gateway: the bank's SMS
    platform sends it), or the call record of a phone call.
    """

    _name = "complaint.bank.notice"
    _description = "Bank Complaint Notice"
    _order = "sent_at desc, id desc"

    complaint_id = fields.Many2one(
        "complaint.complaint",
        string="Complaint",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="complaint_id.partner_id", string="Customer")
    kind = fields.Selection(NOTICE_KINDS, required=True, index=True)
    channel = fields.Selection(NOTICE_CHANNELS, required=True, default="email")
    state = fields.Selection(
        [("draft", "To Send"), ("sent", "Sent")],
        default="draft",
        required=True,
        index=True,
        copy=False,
    )
    sent_at = fields.Datetime(
        string="Sent At",
        copy=False,
        help="When the notice was sent, or when the call took place.",
    )
    user_id = fields.Many2one(
        "res.users", string="Sent By", default=lambda self: self.env.user
    )
    recipient = fields.Char(
        help="E-mail address, mobile number or postal address it went to."
    )
    subject = fields.Char()
    content = fields.Html(sanitize_style=True)
    new_deadline = fields.Datetime(
        string="Deadline Told",
        help="Decision date given to the customer (acceptance, extension).",
    )
    reason = fields.Text(help="Reason given (extension, clock pause).")
    review_deadline = fields.Datetime(
        string="Review Possible Until",
        help="Decision letter: last day to apply for a review (30 days).",
    )
    extension_id = fields.Many2one("complaint.extension", string="Extension")
    review_id = fields.Many2one("complaint.bank.review", string="Review")
    call_record = fields.Text(
        help="Phone notices: time, number called, who answered and what was "
        "said (or the reference of the recording).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "complaint_bank_notice_attachment_rel",
        "notice_id",
        "attachment_id",
        string="Proof",
        help="The letter sent, a postal receipt, an SMS platform receipt or "
        "a call recording.",
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="E-mail Sent", readonly=True, copy=False
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)
    has_proof = fields.Boolean(compute="_compute_has_proof")
    contact_name = fields.Char(compute="_compute_contact")
    contact_phone = fields.Char(compute="_compute_contact")
    new_deadline_display = fields.Char(compute="_compute_displays")
    review_deadline_display = fields.Char(compute="_compute_displays")
    received_display = fields.Char(compute="_compute_displays")
    customer_name = fields.Char(compute="_compute_displays")
    reviewing_branch_name = fields.Char(compute="_compute_displays")
    review_result_label = fields.Char(compute="_compute_displays")

    # ---------------------------------------------------------- computes
    @api.depends(
        "channel", "call_record", "attachment_ids", "mail_message_id", "recipient"
    )
    def _compute_has_proof(self):
        for notice in self:
            notice.has_proof = not notice._missing_proof()

    @api.depends(
        "complaint_id.user_id",
        "complaint_id.bank_branch_id",
        "complaint_id.company_id",
    )
    def _compute_contact(self):
        for notice in self:
            complaint = notice.complaint_id
            branch = complaint.bank_branch_id
            user = branch.bank_complaint_contact_id or complaint.user_id
            notice.contact_name = user.name or complaint.company_id.name or ""
            notice.contact_phone = (
                branch.bank_complaint_phone
                or complaint.company_id.phone
                or user.partner_id.phone
                or ""
            )

    @api.depends("new_deadline", "review_deadline", "complaint_id", "review_id")
    def _compute_displays(self):
        Review = self.env["complaint.bank.review"]
        results = dict(Review._fields["result"]._description_selection(self.env))
        for notice in self:
            complaint = notice.complaint_id
            fmt = complaint._sla_format_datetime
            notice.new_deadline_display = (
                fmt(notice.new_deadline) if notice.new_deadline else ""
            )
            notice.review_deadline_display = (
                fmt(notice.review_deadline) if notice.review_deadline else ""
            )
            notice.received_display = (
                fmt(complaint.received_at) if complaint.received_at else ""
            )
            notice.customer_name = (
                complaint.partner_id.name or complaint.contact_name or ""
            )
            reviewing = notice.review_id.superior_branch_id or (
                complaint.bank_superior_branch_id
                or self.env["hr.department"]._bank_head_offices(complaint.company_id)[
                    :1
                ]
            )
            notice.reviewing_branch_name = (
                reviewing.name or complaint.company_id.name or ""
            )
            notice.review_result_label = results.get(notice.review_id.result, "")

    @api.depends("kind", "complaint_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for notice in self:
            notice.display_name = _(
                "%(kind)s notice of %(name)s",
                kind=kinds.get(notice.kind, ""),
                name=notice.complaint_id.name or "",
            )

    # ------------------------------------------------------------ proof
    def _missing_proof(self):
        """Error message when the notice lacks its proof, else ``False``."""
        self.ensure_one()
        if self.channel == "phone" and not (self.call_record or "").strip():
            return _(
                "A phone notice needs the call record: time, number called, who "
                "answered and what was said."
            )
        if self.channel == "letter" and not self.attachment_ids:
            return _(
                "A letter notice needs proof: attach the letter or the postal receipt."
            )
        if self.channel == "email" and not (
            self.mail_message_id or self.attachment_ids
        ):
            return _(
                "An e-mail notice needs the e-mail sent or an attachment as proof."
            )
        if self.channel == "sms" and not (self.recipient or "").strip():
            return _("An SMS notice needs the mobile number it was sent to.")
        return False

    @api.constrains(
        "state",
        "channel",
        "call_record",
        "attachment_ids",
        "mail_message_id",
        "recipient",
    )
    def _check_proof(self):
        for notice in self.filtered(lambda n: n.state == "sent"):
            missing = notice._missing_proof()
            if missing:
                raise ValidationError(missing)

    def write(self, vals):
        protected = {
            "kind",
            "channel",
            "complaint_id",
            "content",
            "sent_at",
            "recipient",
        }
        if protected & set(vals) and any(n.state == "sent" for n in self):
            if not self.env.user.has_group("complaint_base.group_complaint_manager"):
                raise UserError(
                    _("A sent notice is proof: only a complaint manager can change it.")
                )
        return super().write(vals)

    # ---------------------------------------------------------- content
    def _default_recipient(self):
        self.ensure_one()
        complaint = self.complaint_id
        partner = complaint.partner_id
        if self.channel == "email":
            return complaint.email or partner.email or False
        if self.channel in ("sms", "phone"):
            return complaint.phone or partner.mobile or partner.phone or False
        address = partner and partner._display_address(without_company=True)
        return (address or "").replace("\n", ", ").strip(", ") or False

    def _short_text(self):
        """Text of an SMS or phone script, in the customer's language."""
        self.ensure_one()
        complaint = self.complaint_id
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        result = ""
        if self.review_id:
            result = dict(
                self.review_id._fields["result"]._description_selection(self.env)
            ).get(self.review_id.result, "")
        params = {
            "company": complaint.company_id.name,
            "number": complaint.name,
            "deadline": self.new_deadline_display or "-",
            "reason": self.reason or "-",
            "contact": self.contact_name or "-",
            "phone": self.contact_phone or "-",
            "review_deadline": self.review_deadline_display or "-",
            "result": result or "-",
            "kind": kinds.get(self.kind, ""),
        }
        if self.kind == "acceptance":
            return _(
                "[%(company)s] We have accepted your complaint %(number)s and will "
                "give you our decision by %(deadline)s. Contact: %(contact)s, "
                "%(phone)s.",
                **params,
            )
        if self.kind == "extension":
            return _(
                "[%(company)s] Complaint %(number)s: the decision period is "
                "extended to %(deadline)s. Reason: %(reason)s. Contact: "
                "%(contact)s, %(phone)s.",
                **params,
            )
        if self.kind == "pause":
            return _(
                "[%(company)s] Complaint %(number)s: %(reason)s is under way; "
                "this time does not count towards the decision period. We will "
                "tell you the new date. Contact: %(contact)s, %(phone)s.",
                **params,
            )
        if self.kind == "decision":
            return _(
                "[%(company)s] Complaint %(number)s is decided; the decision "
                "letter gives the findings, basis and reasons. If you disagree "
                "you may apply for a review by %(review_deadline)s, or turn to "
                "mediation, arbitration or the courts. Contact: %(contact)s, "
                "%(phone)s.",
                **params,
            )
        return _(
            "[%(company)s] The review of complaint %(number)s is decided: "
            "%(result)s. Contact: %(contact)s, %(phone)s.",
            **params,
        )

    def _template(self):
        self.ensure_one()
        return self.env.ref(
            f"complaint_banking.mail_template_bank_notice_{self.kind}",
            raise_if_not_found=False,
        )

    def _render_content(self):
        """Fill subject and content from the kind's template (e-mail,
        letter) or the short text (SMS, phone script), unless typed."""
        self.ensure_one()
        lang = self.complaint_id.partner_id.lang or self.env.lang
        notice = self.with_context(lang=lang)
        vals = {}
        if self.channel in ("email", "letter") and self._template():
            template = notice._template()
            if not self.subject:
                vals["subject"] = template._render_field("subject", self.ids)[self.id]
            if not self.content or self.content == "<p><br></p>":
                vals["content"] = template._render_field(
                    "body_html", self.ids, compute_lang=True
                )[self.id]
        elif not self.content or self.content == "<p><br></p>":
            vals["content"] = notice._short_text()
        if not self.subject and "subject" not in vals:
            vals["subject"] = self.display_name
        if vals:
            self.write(vals)

    # ------------------------------------------------------------ sending
    def _schedule_call(self):
        """Phone notices: the handler calls and then records the call."""
        for notice in self:
            notice._render_content()
            complaint = notice.complaint_id
            user = complaint.user_id or self.env.user
            activity = complaint.activity_schedule(
                "mail.mail_activity_data_call",
                user_id=user.id,
                summary=_("Call the customer: %s", notice.display_name),
                note=notice.content,
            )
            notice.activity_id = activity
        return True

    def action_send(self):
        """Send the notice (e-mail, letter, SMS) or record the call (phone),
        then log it as sent with its proof."""
        for notice in self:
            if notice.state == "sent":
                raise UserError(_("%s was already sent.", notice.display_name))
            vals = {"sent_at": notice.sent_at or fields.Datetime.now()}
            if notice.channel != "phone":
                vals["sent_at"] = fields.Datetime.now()
            if not notice.recipient:
                vals["recipient"] = notice._default_recipient()
            if notice.kind == "decision" and not notice.review_deadline:
                amount, unit = profiles.REVIEW_APPLICATION_PERIOD
                vals["review_deadline"] = dl.compute_deadline(
                    vals["sent_at"],
                    amount,
                    unit,
                    notice.complaint_id._get_sla_calendar(),
                )
            notice.write(vals)
            notice._render_content()
            getattr(notice, f"_send_{notice.channel}")()
            notice.write({"state": "sent"})
            notice._apply_to_complaint()
        return True

    def _send_email(self):
        complaint = self.complaint_id
        partners = complaint.partner_id
        if not partners and self.recipient:
            found = complaint._mail_find_partner_from_emails(
                [self.recipient], records=complaint, force_create=True
            )
            partners = self.env["res.partner"].concat(*[p for p in found if p])
        if not partners:
            raise UserError(
                _(
                    "Complaint %s has no e-mail address: notify by SMS, letter or "
                    "phone instead.",
                    complaint.name,
                )
            )
        message = complaint.message_post(
            body=self.content,
            subject=self.subject,
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.mail_message_id = message

    def _send_sms(self):
        if not (self.recipient or "").strip():
            raise UserError(
                _(
                    "Complaint %s has no mobile number: enter the number the SMS "
                    "goes to, or notify by letter.",
                    self.complaint_id.name,
                )
            )
        self.complaint_id.message_post(
            body=_(
                "SMS to %(number)s (%(kind)s): %(text)s",
                number=self.recipient,
                kind=self.display_name,
                text=self.content,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _send_letter(self):
        report = self.env.ref("complaint_banking.action_report_bank_notice")
        content, fmt = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.display_name}.{fmt}",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf" if fmt == "pdf" else "text/html",
            }
        )
        self.attachment_ids = [(4, attachment.id)]
        self.complaint_id.message_post(
            body=_(
                "Letter sent to %(address)s: %(kind)s.",
                address=self.recipient or "-",
                kind=self.display_name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _send_phone(self):
        if not (self.call_record or "").strip():
            raise UserError(
                _(
                    "Write the call record (time, number, who answered, what was "
                    "said) before logging the phone notice."
                )
            )
        self.complaint_id.message_post(
            body=_(
                "Phone notice (%(kind)s) to %(number)s: %(record)s",
                kind=self.display_name,
                number=self.recipient or "-",
                record=self.call_record,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.activity_id.exists():
            self.activity_id.action_feedback(feedback=self.call_record)

    def _apply_to_complaint(self):
        """What the complaint learns from a sent notice."""
        self.ensure_one()
        complaint = self.complaint_id.sudo()
        if self.kind == "acceptance":
            complaint.write(
                {"deadline_notified": True, "bank_acceptance_notified_at": self.sent_at}
            )
        elif self.kind == "extension" and self.new_deadline:
            complaint.write({"deadline_notified": True})
        elif self.kind == "decision":
            complaint.write({"bank_decision_notified_at": self.sent_at})
        elif self.kind == "review_result" and self.review_id:
            self.review_id.sudo().result_notified_at = self.sent_at

    def action_print(self):
        return self.env.ref(
            "complaint_banking.action_report_bank_notice"
        ).report_action(self)
