import uuid

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools import masking
from ..tools.privacy_rules import (
    EXPORT_FIELDS,
    LEGAL_BASES,
    LOCK_WRITABLE_FIELDS,
    MAINTENANCE_CTX,
    PI_GRANTING_FIELDS,
)


class ComplaintComplaint(models.Model):
    """Personal information of a complaint (BASE-55, PIPL).

    * ``legal_basis``: why the complainant's data is processed (PIPL art. 13);
    * phone and ID number are masked (``138****8000``) for users who do not
      handle the case: the form shows the ``*_masked`` fields and ``read()``
      never sends the clear value to them;
    * a locked complaint (retention over, deletion requested) is only
      stored: no change, no message;
    * ``_pi_anonymise()``: removes the personal information but keeps the
      figures used by the statistics.  Retention is in
      ``complaint_complaint_retention``."""

    _inherit = "complaint.complaint"

    legal_basis = fields.Selection(
        LEGAL_BASES,
        string="Legal Basis",
        required=True,
        default="legal_obligation",
        tracking=True,
        help="Legal basis for processing the complainant's personal "
        "information (PIPL art. 13).",
    )
    pi_locked = fields.Boolean(
        string="Personal Data Locked",
        readonly=True,
        copy=False,
        tracking=True,
        help="Retention expired or deletion requested while the law requires "
        "keeping the record: it is only stored, no longer processed, and its "
        "personal information is masked for everyone (PIPL art. 47).",
    )
    pi_locked_at = fields.Datetime(string="Locked On", readonly=True, copy=False)
    anonymised = fields.Boolean(readonly=True, copy=False)
    anonymised_at = fields.Datetime(string="Anonymised On", readonly=True, copy=False)
    pi_visible = fields.Boolean(
        string="Can See Personal Data",
        compute="_compute_pi_visible",
        help="Technical: the current user handles this case and sees the "
        "complainant's phone and ID number in clear.",
    )
    phone_masked = fields.Char(string="Phone (masked)", compute="_compute_masked")
    id_number_masked = fields.Char(
        string="ID Number (masked)",
        compute="_compute_masked",
        groups="complaint_base.group_complaint_handler",
    )

    # ========================================================== computes

    @api.depends_context("uid")
    @api.depends(
        "user_id",
        "accountable_user_id",
        "reviewer_id",
        "plan_owner_id",
        "investigation_user_ids",
        "team_id",
        "state",
        "pi_locked",
    )
    def _compute_pi_visible(self):
        visible = self._pi_visible_records()
        for rec in self:
            rec.pi_visible = rec in visible

    @api.model
    def _pi_visible_domain(self, user=None):
        """BASE-55: the one definition of who sees the complainant's
        identifiers in clear, as a domain (searchable, and evaluated in
        memory by ``_pi_visible_records``).

        The handler, the accountable user (the registrant until a handler
        accepts, BASE-21), the investigation team, the members and leader of
        the handling team, the plan owner and the assigned reviewer;
        reviewers while the complaint is in closing review.  Nobody once the
        record is locked or anonymised.  Sector addons extend this with
        ``super()`` (``expression.OR`` with their own people).
        """
        user = user or self.env.user
        uid = user.id
        people = [
            [("user_id", "=", uid)],
            [("accountable_user_id", "=", uid)],
            [("reviewer_id", "=", uid)],
            [("plan_owner_id", "=", uid)],
            [("investigation_user_ids", "in", [uid])],
            [("team_id.member_ids", "in", [uid])],
            [("team_id.leader_id", "=", uid)],
        ]
        if user.has_group("complaint_base.group_complaint_reviewer"):
            people.append([("state", "=", "review")])
        return expression.AND(
            [
                [("pi_locked", "=", False), ("anonymised", "=", False)],
                expression.OR(people),
            ]
        )

    def _pi_visible_records(self, user=None):
        """The records of ``self`` whose identifiers ``user`` (default: the
        current user) sees in clear; everything for the superuser and for
        records not saved yet."""
        if self.env.su:
            return self
        new = self.filtered(lambda r: not r.id)
        saved = self - new
        if not saved:
            return new
        domain = self._pi_visible_domain(user)
        visible = saved.sudo().filtered_domain(domain).with_env(self.env)
        return visible | new

    def _pi_visible_for(self, user, is_reviewer=None):
        """Whether ``user`` sees this complaint's identifiers in clear
        (see ``_pi_visible_domain``)."""
        self.ensure_one()
        return bool(self._pi_visible_records(user))

    @api.depends("phone", "id_number")
    def _compute_masked(self):
        for rec in self:
            rec_sudo = rec.sudo()
            rec.phone_masked = masking.mask_phone(rec_sudo.phone)
            rec.id_number_masked = masking.mask_id_number(rec_sudo.id_number)

    # ============================================================ create

    def _workflow_create_values(self, vals_list):
        # every complaint gets its own portal token at once: the portal
        # chatter signatures (hash of token + partner) are then bound to one
        # complaint (a missing token would give one signature for all)
        vals_list = super()._workflow_create_values(vals_list)
        for vals in vals_list:
            if not vals.get("access_token"):
                vals["access_token"] = str(uuid.uuid4())
        return vals_list

    # ============================================================== lock

    def _pi_lock_guard_active(self):
        # a context key can be forged over RPC: only server code running as
        # superuser (the privacy flows, the crons) changes a locked record
        return not self.env.su

    def write(self, vals):
        hidden = self.browse()
        if not self.env.su and PI_GRANTING_FIELDS & set(vals):
            hidden = self - self._pi_visible_records()
        self._pi_check_lock(vals)
        res = super().write(vals)
        gained = hidden and hidden._pi_visible_records()
        if gained:
            raise AccessError(
                _(
                    "You do not handle complaint %s: you cannot give yourself "
                    "sight of its complainant's details. Ask its team leader or "
                    "a manager to assign you (BASE-55).",
                    gained[0].name,
                )
            )
        return res

    def _pi_check_lock(self, vals):
        """A locked complaint is only stored: no change."""
        if self._pi_lock_guard_active() and set(vals) - LOCK_WRITABLE_FIELDS:
            locked = self.sudo().filtered("pi_locked")
            if locked:
                raise UserError(
                    _(
                        "Complaint %s is locked: its retention period is over or "
                        "its deletion was requested, so it is only stored and can "
                        "no longer be changed.",
                        ", ".join(locked.mapped("name")),
                    )
                )

    def message_post(self, **kwargs):
        locked = self.sudo().filtered("pi_locked")
        if self._pi_lock_guard_active() and locked:
            raise UserError(
                _(
                    "Complaint %s is locked (store only): no new message can be "
                    "added.",
                    ", ".join(locked.mapped("name")),
                )
            )
        return super().message_post(**kwargs)

    def _pi_lock(self, reason):
        """Lock the personal information: store only (PIPL art. 47)."""
        to_lock = self.filtered(lambda r: not r.pi_locked)
        if not to_lock:
            return to_lock
        now = fields.Datetime.now()
        to_lock.sudo().with_context(**{MAINTENANCE_CTX: True}).write(
            {"pi_locked": True, "pi_locked_at": now}
        )
        for rec in to_lock.sudo().with_context(**{MAINTENANCE_CTX: True}):
            rec.message_post(body=reason, subtype_xmlid="mail.mt_note")
        return to_lock

    # ========================================================= anonymise

    def _pi_anonymise_values(self):
        """Values that remove the personal information but keep the facts
        counted by the statistics (dates, category, department, times)."""
        return {
            "partner_id": False,
            "contact_name": _("Anonymised"),
            "phone": False,
            "email": False,
            "email_cc": False,
            "id_number": False,
            "subject": _("Anonymised complaint"),
            "description": False,
            "demand": False,
            "findings": False,
            "resolution": False,
            "plan_measures": False,
            "followup_comment": False,
            "invalid_note": False,
            "review_note": False,
            "anonymised": True,
            "anonymised_at": fields.Datetime.now(),
            "pi_locked": True,
        }

    def _pi_export_fields(self):
        """Fields given to the complainant on an export request (PIPL art.
        45); sector addons add their own (policy, claim, unit...)."""
        return EXPORT_FIELDS

    def _pi_correct(self, new_values):
        """PIPL art. 46: write the corrected identifiers (``contact_name``,
        ``phone``, ``email``, ``id_number``) on the complaints; sector addons
        extend this to correct the copies in their own records."""
        records = self.sudo().with_context(active_test=False)
        records.write({k: v for k, v in new_values.items() if k in records._fields})
        return records

    def _pi_anonymise(self):
        """Remove the complainant's personal information for good: the
        fields (sector addons add theirs to ``_pi_anonymise_values``), the
        free text of the child records, and the chatter, tracking values,
        attachments, followers and activities of both (they quote the
        complainant).  Returns the records anonymised."""
        records = self.sudo().with_context(active_test=False, tracking_disable=True)
        if not records:
            return records
        base_vals = records._pi_anonymise_values()
        vals = {k: v for k, v in base_vals.items() if k in records._fields}
        records.write(vals)
        records._pi_anonymise_children()
        records._pi_erase_traces()
        return records
