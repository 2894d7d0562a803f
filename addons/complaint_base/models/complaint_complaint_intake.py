import itertools

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_split, is_html_empty

from ..tools import receipt
from ..tools import severity as severity_rules
from .complaint_complaint import REGISTRATION_LESSONS, REGISTRATION_TARGET_MINUTES


class ComplaintComplaint(models.Model):
    """Registration of a complaint (BASE-02/04/06/20/57): ``create`` and
    its one-pass registration (routing, repeat link, severity and SLA
    values decided before the INSERT), the receipt time, the routing and
    the completeness of the registration."""

    _inherit = "complaint.complaint"

    registration_minutes = fields.Float(
        compute="_compute_registration",
        store=True,
        precompute=True,
        help="Minutes between first contact and registration (BASE-04).",
    )
    registration_late = fields.Boolean(
        compute="_compute_registration", store=True, precompute=True
    )
    is_incomplete = fields.Boolean(
        compute="_compute_is_incomplete",
        store=True,
        precompute=True,
        string="Incomplete",
        help="Registration lacks information; contact the complainant (BASE-06).",
    )
    missing_info = fields.Char(
        compute="_compute_is_incomplete", store=True, precompute=True
    )
    completion_requested_at = fields.Datetime(readonly=True, copy=False)

    # ========================================================== computes

    @api.depends("received_at", "create_date")
    def _compute_registration(self):
        for rec in self:
            if rec.received_at and rec.create_date:
                delta = (rec.create_date - rec.received_at).total_seconds() / 60.0
                rec.registration_minutes = max(delta, 0.0)
                rec.registration_late = delta > REGISTRATION_TARGET_MINUTES
            else:
                rec.registration_minutes = 0.0
                rec.registration_late = False

    def _get_missing_info(self):
        """Labels of the registration fields still empty (BASE-04/06)."""
        self.ensure_one()
        missing = []
        if not (self.partner_id or self.contact_name):
            missing.append(_("complainant"))
        if not (
            self.phone or self.email or self.partner_id.phone or self.partner_id.email
        ):
            missing.append(_("phone or e-mail"))
        if not self.channel_id:
            missing.append(_("channel"))
        if not self.category_id:
            missing.append(_("category"))
        if is_html_empty(self.description):
            missing.append(_("content"))
        return missing

    @api.depends(
        "partner_id",
        "contact_name",
        "phone",
        "email",
        "channel_id",
        "category_id",
        "description",
    )
    def _compute_is_incomplete(self):
        for rec in self:
            missing = rec._get_missing_info()
            rec.is_incomplete = bool(missing)
            rec.missing_info = ", ".join(missing) or False

    # ============================================================ create

    @api.model_create_multi
    def create(self, vals_list):
        """Register complaints.  What the registration decides (number,
        routing, repeat link, severity, deadlines) goes into the values of
        the INSERT, in one pass over the batch (``_workflow_create_values``
        and ``_add_precomputed_values``): one INSERT, one creation message,
        no second write of the new rows."""
        vals_list = [dict(vals) for vals in vals_list]  # never alter the caller's
        self._prefill_masters(vals_list)
        partner_ids = {
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        }
        if len(partner_ids) > 1:  # one query for the batch, not one per complaint
            self.env["res.partner"].browse(partner_ids).fetch(
                ["name", "phone", "mobile", "email", "commercial_partner_id"]
            )
        for vals in vals_list:
            self._prepare_intake_vals(vals)
            self._check_received_at(vals)
        records = super().create(vals_list)
        # the deadlines came with the values (_sla_create_values); the event
        # escalation rules (severity, tier, repeat, media, regulator) need
        # the record's id for their log: most registrations match none
        records._apply_escalation_rules(timed=False)
        for rec, vals in zip(records, vals_list, strict=True):
            if rec.user_id and not vals.get("user_id"):
                # routed to a handler: followed and told, as for a handler
                # set by the caller (mail.thread saw only the caller's values)
                rec._message_auto_subscribe(
                    {"user_id": rec.user_id.id}, followers_existing_policy="update"
                )
        records._link_batch_repeats()
        records._notify_major_leaders()
        return records

    def _add_precomputed_values(self, vals_list):
        """The registration pass, inside ``create`` once the values carry
        their defaults: one in-memory record per complaint gives routing,
        repeat link and SLA values (``_prepare_registration``) and then the
        precomputed fields, as the ORM would compute them from its own
        in-memory records (built once here instead of twice)."""
        records = self._registration_records(vals_list)
        self._prepare_registration(records, vals_list)
        precomputable = [
            (name, field) for name, field in self._fields.items() if field.precompute
        ]
        for rec, vals in zip(records, vals_list, strict=True):
            precomputed = set()
            for name, field in precomputable:
                if name not in vals:
                    vals[name] = field.convert_to_write(rec[name], self)
                    precomputed.add(field)
            if precomputed:
                vals["__precomputed__"] = precomputed
        self._learn_registration_reads(records[:1], vals_list[:1])
        return super()._add_precomputed_values(vals_list)

    def _prepare_intake_vals(self, vals):
        """Fill values derived from the intake data before creation."""
        flags = {k: vals.get(k) for k, _reason in severity_rules.MAJOR_RULES}
        major = severity_rules.major_flags(flags)
        if major:
            vals["severity"] = "major"
            vals.setdefault("severity_reason", self._major_reason_text(major))
        if vals.get("email") and "<" in vals["email"]:
            vals["email"] = (email_split(vals["email"]) or [vals["email"]])[0]
        if vals.get("partner_id"):
            # who filed it stays on the complaint whatever happens to the
            # contact later (BASE-57: nothing is lost by editing a contact)
            partner = self.env["res.partner"].browse(vals["partner_id"])
            if not vals.get("contact_name"):
                vals["contact_name"] = partner.name
            if not (vals.get("phone") or vals.get("email")):
                vals.setdefault("phone", partner.phone or partner.mobile or False)
                vals.setdefault("email", partner.email or False)
        return vals

    def _check_received_at(self, vals, reference=None):
        """BASE-57: the receipt time starts every clock, so it is never in
        the future, and only a handler may set it earlier than the
        registration (a phone call logged later), within the company's
        bound and with a reason; the change is tracked."""
        if not vals.get("received_at"):
            return
        received = fields.Datetime.to_datetime(vals["received_at"])
        company = self.env["res.company"].browse(vals.get("company_id")) or (
            self.company_id if self else self.env.company
        )
        days = company.complaint_backdate_days
        problem = receipt.receipt_problem(
            received, reference or fields.Datetime.now(), days
        )
        if problem == "future":
            raise ValidationError(
                _(
                    "The receipt time %s is in the future: a complaint is "
                    "received when it reaches us, not later.",
                    received,
                )
            )
        if problem is None or self.env.su:
            return
        if not self.env.user.has_group("complaint_base.group_complaint_handler"):
            raise AccessError(
                _("Only a handler may register a complaint received earlier.")
            )
        if problem == "too_old":
            raise UserError(
                _(
                    "The receipt time can be set at most %s days before the "
                    "registration.",
                    days,
                )
            )
        reason = vals.get("received_at_reason") or (
            self[:1].received_at_reason if self else False
        )
        if not (reason and reason.strip()):
            raise UserError(
                _(
                    "The receipt time is earlier than the registration: say why "
                    "in “Why Registered Late” (e.g. phone call logged later)."
                )
            )

    # =================================================== one-pass intake

    def _prepare_registration(self, records, vals_list):
        """Complete ``vals_list`` with what the registration decides, read
        from the in-memory ``records`` (so that sector hooks see the
        complaint as it will be stored) and kept in step with them: the
        routing (``_get_routing_values``, BASE-20), the link to an earlier
        complaint on the same matter (BASE-08) and the SLA values
        (deadlines, policy, next check of the watcher).  Severity came from
        the intake values (``_prepare_intake_vals``, BASE-11)."""
        for rec, vals in zip(records, vals_list, strict=True):
            routing = {
                key: value
                for key, value in rec._get_routing_values().items()
                if value and not vals.get(key)
            }
            routing.update(rec._registrant_values(vals, routing))
            if routing:
                vals.update(routing)
                # the cache only: an assignment would also add the in-memory
                # record to the real team's or parent's one2many in cache
                rec._update_cache(routing, validate=False)
        parents = records._find_repeat_parents()
        for rec, vals in zip(records, vals_list, strict=True):
            if rec in parents:
                vals["parent_id"] = parents[rec].id
                rec._update_cache({"parent_id": parents[rec].id}, validate=False)
        for rec, vals, sla in zip(
            records, vals_list, records._sla_create_values(), strict=True
        ):
            vals.update(sla)
            rec._update_cache(sla, validate=False)
        return vals_list

    def _registrant_values(self, vals, routing):
        """BASE-03: a complaint a complainant files online (a portal user,
        through the portal's sudo) is registered by the leader of the team
        it is routed to, decided with the routing, before the INSERT."""
        if not self.env.user.share or vals.get("registrant_id") != self.env.uid:
            return {}
        team = self.env["complaint.team"].browse(
            routing.get("team_id") or vals.get("team_id")
        )
        return {"registrant_id": team.sudo().leader_id.id or False}

    def _registration_records(self, vals_list):
        """In-memory records of the (complete) create values.  The plain
        fields the registration pass read on earlier records although the
        values leave them empty are put in the cache as empty, which is what
        the INSERT stores: otherwise each read looks up a default.  They
        are not tracked (``mail_notrack``): mail.thread would prepare the
        tracking of each field computed on them, for rows that do not
        exist yet."""
        model = self.with_context(mail_notrack=True)
        records = model.browse().concat(*(model.new(vals) for vals in vals_list))
        for name in type(self)._registration_reads:
            field = self._fields[name]
            empty = [
                rec.id
                for rec, vals in zip(records, vals_list, strict=True)
                if name not in vals
            ]
            if empty:
                self.env.cache.update(
                    self.browse(empty),
                    field,
                    itertools.repeat(
                        field.convert_to_cache(False, self, validate=False)
                    ),
                )
        return records

    def _learn_registration_reads(self, records, vals_list):
        """Remember the plain fields read during the pass without a value
        (see ``_registration_records``); learnt per registry, on its first
        registrations: a lesson looks at every field of the complaint (most
        of a millisecond), so the learning stops once
        ``REGISTRATION_LESSONS`` registrations in a row taught nothing (the
        reads of the pass settle within a few registrations).  A read never
        learnt only costs its default lookup: what is stored is the same."""
        cls = type(self)
        if cls._registration_lessons <= 0:
            return
        learnt = {
            field.name
            for rec, vals in zip(records, vals_list, strict=True)
            for field in self.env.cache.get_fields(rec)
            if field.name not in vals
            and not (field.compute or field.related or field.company_dependent)
            and field.name not in cls._registration_reads
        }
        if learnt:
            cls._registration_reads = cls._registration_reads | learnt
            cls._registration_lessons = REGISTRATION_LESSONS
        else:
            cls._registration_lessons -= 1

    # =========================================================== routing

    def _get_routing_values(self):
        """Team, department and handler for this complaint (BASE-20).

        Default: from the category tree (a node inherits its parent's
        defaults).  Sector addons override this and call ``super()``.  It is
        called on the in-memory record before the INSERT: read the record's
        fields, no search per record.
        """
        self.ensure_one()
        cat = self.category_id
        return {
            "team_id": cat.effective_team_id.id,
            "department_id": cat.effective_department_id.id,
            "user_id": cat.effective_user_id.id,
        }

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.state == "new" and self.category_id:
            for key, val in self._get_routing_values().items():
                if val:
                    self[key] = val

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.phone = self.partner_id.phone or self.partner_id.mobile
            self.email = self.partner_id.email

    # ======================================================== completion

    def action_request_completion(self):
        """BASE-06: ask the complainant for the missing registration data."""
        self._check_group("complaint_base.group_complaint_user")
        template = self.env.ref("complaint_base.mail_template_complaint_incomplete")
        for rec in self.filtered("is_incomplete"):
            rec.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            rec._workflow_write({"completion_requested_at": fields.Datetime.now()})
        return True
