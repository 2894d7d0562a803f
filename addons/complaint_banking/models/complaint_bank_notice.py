import functools

from odoo import _, api, fields, models
from odoo.addons.complaint_base.tools import masking
from odoo.exceptions import AccessError, ValidationError

from ..tools import integrity

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
#: channels whose recipient is a phone number: stored masked (BASE-55)
PHONE_CHANNELS = ("sms", "phone")
NOTICE_STATES = [
    ("draft", "To Send"),
    ("queued", "Queued (SMS)"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("failed", "Not Delivered"),
]
#: states in which the customer was told (the notice counts, BANK-02)
TOLD_STATES = ("sent", "delivered")
HANDLER_GROUP = "complaint_base.group_complaint_handler"


class ComplaintBankNotice(models.Model):
    """A notice to the customer of a bank complaint, with its proof (BANK-02).

    Acceptance (deadline and contact), extension (new date and reason),
    clock pause, decision letter (findings, basis, reasons, remedies) and
    review result are each logged here with channel, time and proof.  The
    state says "sent" only when the event that proves it happened (BASE-46):
    the e-mail Odoo's mail queued, the call the user recorded (time, note or
    recording), the letter the user confirmed as posted (with the letter or
    the postal receipt attached), the SMS the company's gateway accepted
    (queued, then sent with the provider's message id, then delivered or not
    delivered on the receipt).  Without an SMS gateway an SMS notice is
    refused: nothing would leave the system.

    Once sent, a notice is proof: nobody but the superuser changes it, puts
    it back to draft or deletes it (BANK-02, BASE-57).  The complainant's
    phone number is never copied here in clear (BASE-55): a phone or SMS
    notice keeps it masked and the number itself stays on the complaint.
    """

    _name = "complaint.bank.notice"
    _description = "Bank Complaint Notice"
    _inherit = [
        "complaint.workflow.guard",
        "complaint.child.access",
        "complaint.bank.child",
    ]
    _order = "sent_at desc, id desc"

    #: BASE-57: set by the sending action only
    _workflow_fields = {
        "state": "action_send",
        "sent_at": "action_send",
        "user_id": "action_send",
        "mail_message_id": "action_send",
        "activity_id": "action_send",
        "review_deadline": "action_send",
        "sms_uuid": "action_send",
    }

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
        NOTICE_STATES,
        default="draft",
        required=True,
        index=True,
        copy=False,
    )
    sent_at = fields.Datetime(
        string="Sent At",
        copy=False,
        readonly=True,
        help="When the e-mail was queued, the letter confirmed as posted, or "
        "the call took place.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sent By",
        default=lambda self: self.env.user,
        readonly=True,
        help="Who sent the notice or recorded the call.",
    )
    recipient = fields.Char(
        help="E-mail address or postal address it went to; for SMS and phone "
        "notices the masked number (the number itself stays on the complaint).",
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
        readonly=True,
        help="Decision letter: last day to apply for a review (30 days).",
    )
    extension_id = fields.Many2one("complaint.extension", string="Extension")
    review_id = fields.Many2one("complaint.review", string="Review")
    call_at = fields.Datetime(
        string="Call Time",
        copy=False,
        help="Phone notices: when the call took place (now when left empty).",
    )
    call_record = fields.Text(
        help="Phone notices: who answered and what was said (or the "
        "reference of the recording).",
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
    sms_uuid = fields.Char(
        string="SMS Reference", readonly=True, copy=False, index="btree_not_null"
    )
    sms_tracker_id = fields.Many2one(
        "sms.tracker", string="SMS Proof", compute="_compute_sms_tracker_id"
    )
    sms_message_id = fields.Char(
        string="Provider Message ID", compute="_compute_sms_tracker_id"
    )
    sms_delivered_at = fields.Datetime(
        string="Delivery Receipt", compute="_compute_sms_tracker_id"
    )
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
    @api.depends("sms_uuid", "state")
    def _compute_sms_tracker_id(self):
        Tracker = self.env["sms.tracker"].sudo()
        uuids = [uuid for uuid in self.mapped("sms_uuid") if uuid]
        trackers = Tracker.search([("sms_uuid", "in", uuids)]) if uuids else Tracker
        by_uuid = {tracker.sms_uuid: tracker for tracker in trackers}
        for notice in self:
            tracker = by_uuid.get(notice.sms_uuid, Tracker)
            notice.sms_tracker_id = tracker
            notice.sms_message_id = tracker.provider_message_id
            notice.sms_delivered_at = tracker.delivered_at

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
        Review = self.env["complaint.review"]
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
    def _sms_gateway(self):
        """The SMS gateway of the complaint's company (BASE-46), or nothing."""
        self.ensure_one()
        return self.complaint_id._complaint_sms_gateway()

    def _sms_has_proof(self):
        """The gateway accepted the SMS: its message id is recorded."""
        self.ensure_one()
        return bool(self.sudo().sms_tracker_id.provider_message_id)

    def _missing_proof(self):
        """Error message when the notice lacks its proof, else ``False``."""
        self.ensure_one()
        missing = integrity.notice_missing_proof(
            self.channel,
            self.call_record,
            bool(self.attachment_ids),
            bool(self.mail_message_id),
            self._sms_has_proof(),
        )
        messages = {
            "phone": _(
                "A phone notice needs the call record: who answered and what was "
                "said, or the recording attached."
            ),
            "letter": _(
                "A letter notice needs proof: attach the letter or the postal receipt."
            ),
            "email": _(
                "An e-mail notice is sent only when Odoo's mail has queued the "
                "e-mail to the customer."
            ),
            "sms": _(
                "An SMS notice is sent only when the SMS gateway has accepted it "
                "(its message id is the proof)."
            ),
        }
        return messages.get(missing, False)

    @api.constrains(
        "state",
        "channel",
        "call_record",
        "attachment_ids",
        "mail_message_id",
        "recipient",
    )
    def _check_proof(self):
        for notice in self.filtered(lambda n: n.state in TOLD_STATES):
            if notice.complaint_id.anonymised:
                continue  # the proof was erased under PIPL, the log says so
            missing = notice._missing_proof()
            if missing:
                raise ValidationError(missing)

    # ------------------------------------------------------- integrity
    def _sent_error(self, sent):
        """BANK-02: a sent notice is proof, never rewritten nor deleted."""
        notice = sent[:1].sudo()
        moment = notice.sent_at or notice.write_date
        date = moment and notice.complaint_id._sla_format_datetime(moment)
        return AccessError(
            _(
                "%(notice)s was sent on %(date)s: it is the proof the customer "
                "was told (BANK-02). Its content, channel, recipient and proof "
                "can no longer be changed nor deleted, and its state is set by "
                "its workflow action (action_send) only. Send a new notice if "
                "the customer must be told something else.",
                notice=notice.display_name,
                date=date or "-",
            )
        )

    def _sent_records(self):
        return self.sudo().filtered(lambda n: n.id and n.state != "draft")

    @api.model
    def _mask_recipient(self, vals, channel):
        """BASE-55: the number of an SMS or phone notice is kept masked."""
        if vals.get("recipient") and channel in PHONE_CHANNELS:
            vals["recipient"] = masking.mask_phone(vals["recipient"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            channel = vals.get("channel") or self.env.context.get("default_channel")
            self._mask_recipient(vals, channel)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            sent = self._sent_records()
            if sent:
                raise self._sent_error(sent)
        if vals.get("recipient"):
            channels = {vals["channel"]} if vals.get("channel") else set()
            channels = channels or set(self.mapped("channel"))
            if channels & set(PHONE_CHANNELS):
                vals = self._mask_recipient(dict(vals), "sms")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if not self.env.su:
            sent = self._sent_records()
            if sent:
                raise self._sent_error(sent)

    def _check_access(self, operation):
        """A sent notice is read-only for everyone but the superuser, its
        attachments included (``ir.attachment`` checks write access)."""
        result = super()._check_access(operation)
        if result or self.env.su or operation not in ("write", "unlink"):
            return result
        sent = self._sent_records().with_env(self.env)
        if not sent:
            return None
        return sent, functools.partial(self._sent_error, sent)

    def _check_sender(self):
        """Only complaint handlers (and above) send notices or record calls,
        on notices they may change."""
        if not self.env.su and not self.env.user.has_group(HANDLER_GROUP):
            raise AccessError(
                _(
                    "Only complaint handlers can send a notice to the customer or "
                    "record a call."
                )
            )
        self.check_access("write")

    def action_print(self):
        return self.env.ref(
            "complaint_banking.action_report_bank_notice"
        ).report_action(self)
