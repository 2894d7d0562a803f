from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..tools import profiles

HANDLER_GROUP = "complaint_base.group_complaint_handler"
NOTICE_CHANNELS = [
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("phone", "Phone"),
]


class ComplaintComplaint(models.Model):
    """Bank complaints' notices and lifecycle (BANK-02, BANK-03, BANK-08):
    the customer is told at acceptance, extension, pause and decision; the
    decision letter states findings, basis and reasons; a complaint
    forwarded by the regulator reports its result before closing."""

    _inherit = "complaint.complaint"

    # -------------------------------------------------- BANK-02 notices
    bank_notice_channel = fields.Selection(
        NOTICE_CHANNELS,
        string="Notify By",
        compute="_compute_bank_notice_channel",
        store=True,
        precompute=True,
        readonly=False,
        help="How the customer is told of acceptance, extensions and the " "decision.",
    )
    bank_notice_ids = fields.One2many(
        "complaint.bank.notice", "complaint_id", string="Notices"
    )
    bank_notice_count = fields.Integer(compute="_compute_bank_notice_count")
    bank_acceptance_notified_at = fields.Datetime(
        string="Acceptance Notified", readonly=True, copy=False
    )
    # ----------------------------------------- BANK-08 decision, review
    bank_decision_basis = fields.Text(
        string="Basis of the Decision",
        help="Laws, regulations, contract terms the decision relies on.",
    )
    bank_decision_reasons = fields.Text(string="Reasons of the Decision")
    bank_decision_notified_at = fields.Datetime(
        string="Decision Notified",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the customer received the decision: the 30 days to apply "
        "for a review start the next day.",
    )

    @api.depends("email", "phone", "partner_id", "company_id")
    def _compute_bank_notice_channel(self):
        for rec in self:
            if rec.bank_notice_channel:
                rec.bank_notice_channel = rec.bank_notice_channel
            elif rec.email or rec.partner_id.email:
                rec.bank_notice_channel = "email"
            elif rec.phone or rec.partner_id.mobile or rec.partner_id.phone:
                # BASE-46: without an SMS gateway a mobile means a phone call
                gateway = rec.sudo().company_id.complaint_sms_gateway_id
                rec.bank_notice_channel = "sms" if gateway else "phone"
            else:
                rec.bank_notice_channel = "letter"

    def _compute_bank_notice_count(self):
        for rec in self:
            rec.bank_notice_count = len(rec.bank_notice_ids)

    # ============================================================ notices
    def _bank_send_notice(self, kind, **values):
        """Tell the customer (BANK-02) and log the notice with its proof.

        E-mail notices are sent at once; a phone notice becomes an activity
        "call the customer" and is logged when the handler records the call;
        a letter is printed and logged when the handler confirms it was
        posted.  A notice that cannot go out (an SMS without gateway, no
        e-mail address) stays to send with an activity (BASE-46).
        """
        Notice = self.env["complaint.bank.notice"]
        notices = Notice
        for rec in self:
            vals = {
                "complaint_id": rec.id,
                "kind": kind,
                "channel": values.get("channel") or rec.bank_notice_channel or "letter",
            }
            for key in ("new_deadline", "reason", "extension_id", "review_id"):
                if values.get(key):
                    vals[key] = values[key]
            if kind in ("acceptance", "extension") and "new_deadline" not in vals:
                vals["new_deadline"] = rec.resolution_deadline
            notice = Notice.create(vals)
            notice._send_or_schedule()
            notices |= notice
        return notices

    def _bank_notify_complex(self):
        for rec in self:
            rec._bank_send_notice(
                "extension",
                new_deadline=rec.resolution_deadline,
                reason=rec.bank_complexity_reason,
            )

    def _notify_extension_approved(self, extension):
        """Bank complaints get their own logged extension notice (BANK-02)
        instead of the base extension e-mail."""
        if self.sector != "banking":
            return super()._notify_extension_approved(extension)
        self._bank_send_notice(
            "extension",
            new_deadline=extension.requested_deadline,
            reason=extension.reason,
            extension_id=extension.id,
        )

    def _bank_check_handler(self):
        if not self.env.su and not self.env.user.has_group(HANDLER_GROUP):
            raise AccessError(
                _(
                    "Only complaint handlers can notify the customer or register "
                    "a review application."
                )
            )

    def action_bank_new_notice(self):
        """Open a new notice to record (a call, a letter) or send."""
        self.ensure_one()
        self._bank_check_handler()
        return {
            "type": "ir.actions.act_window",
            "name": _("Notify the Customer"),
            "res_model": "complaint.bank.notice",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_channel": self.bank_notice_channel,
                "default_new_deadline": self.resolution_deadline,
            },
        }

    def action_bank_view_notices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Notices"),
            "res_model": "complaint.bank.notice",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def action_bank_apply_review(self):
        self.ensure_one()
        self._bank_check_handler()
        return {
            "type": "ir.actions.act_window",
            "name": _("Review Application"),
            "res_model": "complaint.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    # ========================================================= lifecycle
    def _after_accept(self):
        """BANK-02: accepting a bank complaint tells the customer the
        deadline and the contact."""
        res = super()._after_accept()
        for rec in self._sector_records("banking"):
            rec._bank_send_notice("acceptance")
        return res

    def _check_pause_reason(self, reason):
        """BANK-01b: only the pauses the regulation accepts."""
        res = super()._check_pause_reason(reason)
        if self.sector == "banking":
            self._bank_check_pause_reason(reason)
        return res

    def _after_pause(self, reason, note):
        """BANK-01b: the customer is told the clock stopped."""
        res = super()._after_pause(reason, note)
        label = self._sla_pause_reason_label(reason)
        for rec in self._sector_records("banking"):
            rec._bank_send_notice("pause", reason=f"{label}: {note}" if note else label)
        return res

    def _bank_check_pause_reason(self, reason):
        self.ensure_one()
        if profiles.pause_allowed(self.bank_profile, reason):
            return
        if not profiles.get_profile(self.bank_profile).pause_reasons:
            raise UserError(
                _(
                    "Complaint %(name)s follows %(profile)s, which has no clock "
                    "pauses: request an extension with a reason instead.",
                    name=self.name,
                    profile=self._bank_profile_label(),
                )
            )
        raise UserError(
            _(
                "Under %(profile)s only external appraisal, testing, evaluation "
                "and mediation stop the clock of complaint %(name)s.",
                profile=self._bank_profile_label(),
                name=self.name,
            )
        )

    def _check_can_resolve(self):
        """BANK-08: the decision letter states findings, basis, reasons."""
        res = super()._check_can_resolve()
        if self.sector != "banking":
            return res
        missing = []
        if is_html_empty(self.findings):
            missing.append(_("the findings"))
        if not (self.bank_decision_basis or "").strip():
            missing.append(_("the basis of the decision"))
        if not (self.bank_decision_reasons or "").strip():
            missing.append(_("the reasons"))
        if missing:
            raise UserError(
                _(
                    "The decision letter of %(name)s must state %(missing)s "
                    "(Banking tab).",
                    name=self.name,
                    missing=", ".join(missing),
                )
            )
        return res

    def _after_resolve(self):
        """Decide: send the decision letter (BANK-08) and, for a complaint
        forwarded by the regulator, open the report of the result (BANK-03)."""
        res = super()._after_resolve()
        for rec in self._sector_records("banking"):
            rec._bank_send_notice("decision")
            if rec.regulator_forwarded and not rec.bank_regulator_report_ids.filtered(
                lambda r: r.kind == "forwarded_result"
            ):
                today = rec._bank_local_date(fields.Datetime.now())
                due = rec.bank_forwarding_deadline or rec._bank_local_date(
                    rec.resolution_deadline
                )
                self.env["complaint.bank.regulator.report"].sudo().create(
                    {
                        "complaint_id": rec.id,
                        "kind": "forwarded_result",
                        "regulator_id": rec.bank_forwarding_office_id.id,
                        "due_date": max(due or today, today),
                        "user_id": (rec.user_id or self.env.user).id,
                    }
                )
        return res

    def _check_can_close(self):
        """BANK-03: the result of a forwarded complaint is reported first."""
        res = super()._check_can_close()
        if (
            self.sector == "banking"
            and self.regulator_forwarded
            and not self.bank_regulator_report_ids.filtered(
                lambda r: r.kind == "forwarded_result" and r.state == "reported"
            )
        ):
            raise UserError(
                _(
                    "Complaint %(name)s was forwarded by %(office)s: report the "
                    "result to the forwarding office before closing it.",
                    name=self.name,
                    office=self.bank_forwarding_office_id.display_name
                    or _("the regulator"),
                )
            )
        return res
