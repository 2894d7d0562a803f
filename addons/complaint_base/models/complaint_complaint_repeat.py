from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .complaint_complaint import REPEAT_WINDOW_DAYS


class ComplaintComplaint(models.Model):
    """Repeat complaints (BASE-08): the link to the first complaint of
    the same complainant on the same matter, found before the INSERT."""

    _inherit = "complaint.complaint"

    parent_id = fields.Many2one(
        "complaint.complaint",
        string="Original Complaint",
        index=True,
        tracking=True,
        help="Earlier complaint of the same complainant on the same matter.",
    )
    repeat_ids = fields.One2many("complaint.complaint", "parent_id", string="Repeats")
    repeat_count = fields.Integer(
        compute="_compute_repeat_count", store=True, precompute=True
    )
    is_repeat = fields.Boolean(
        compute="_compute_repeat_count", store=True, precompute=True
    )

    @api.depends("parent_id", "repeat_ids")
    def _compute_repeat_count(self):
        for rec in self:
            rec.repeat_count = len(rec.repeat_ids)
            rec.is_repeat = bool(rec.parent_id)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle("parent_id"):
            raise ValidationError(_("A complaint cannot repeat itself."))

    def _repeat_key(self):
        """Who and what makes two complaints 'the same matter' (BASE-08)."""
        self.ensure_one()
        who = (
            str(self.commercial_partner_id.id)
            if self.commercial_partner_id
            else (self.phone and f"tel:{self.phone}")
        )
        if not (who and self.category_id):
            return None
        return (self.company_id.id, self.category_id.id, who)

    def _find_repeat_parents(self):
        """BASE-08, before the INSERT: ``{new record: original}`` for the new
        complaints (``self``, in-memory) whose complainant already filed a
        complaint on the same matter (same category) within
        ``REPEAT_WINDOW_DAYS`` (invalid ones don't count); the original is
        the first complaint of that matter.  One query for the batch,
        whatever the user may read: a repeat is a repeat even if another
        team handles the original.  Repeats inside one batch are linked
        after the INSERT (``_link_batch_repeats``)."""
        keyed = {rec: rec._repeat_key() for rec in self}
        keyed = {rec: key for rec, key in keyed.items() if key}
        if not keyed:
            return {}
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        since = min(rec.received_at for rec in keyed) - window
        partners = tuple(
            {int(k[2]) for k in keyed.values() if not k[2].startswith("tel:")}
        )
        phones = tuple({k[2][4:] for k in keyed.values() if k[2].startswith("tel:")})
        who = SQL("COALESCE(c.commercial_partner_id::text, 'tel:' || c.phone)")
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (c.company_id, c.category_id, %(who)s)
                       c.company_id, c.category_id, %(who)s, c.id, c.received_at,
                       c.parent_id
                  FROM complaint_complaint c
                 WHERE c.category_id IN %(categories)s
                   AND c.received_at >= %(since)s
                   AND c.state != 'invalid'
                   AND (c.commercial_partner_id IN %(partners)s
                        OR (c.commercial_partner_id IS NULL AND c.phone IN %(phones)s))
              ORDER BY c.company_id, c.category_id, %(who)s, c.received_at, c.id
                """,
                who=who,
                categories=tuple({k[1] for k in keyed.values()}),
                since=since,
                partners=partners or (0,),
                phones=phones or ("",),
            )
        )
        first = {(row[0], row[1], row[2]): row[3:] for row in self.env.cr.fetchall()}
        parents = {}
        for rec, key in keyed.items():
            found = first.get(key)
            if not found or found[1] > rec.received_at:
                continue  # nothing earlier: this one is the first
            first_id, first_received, first_parent = found
            if first_received < rec.received_at - window:
                # the batch spans more than the window: look this one up alone
                older = rec._find_repeat_original()
                if not older:
                    continue
                first_id, first_parent = older.id, older.parent_id.id
            parents[rec] = self.sudo().browse(first_parent or first_id)
        return self._repeat_parents_shown(parents)

    def _repeat_parents_shown(self, parents):
        """BASE-54 over BASE-08: a confidential complaint is not linked to a
        new one registered by a person it concerns, who would otherwise
        read its number and subject on the new complaint."""
        uid = self.env.uid
        hidden = {
            parent
            for parent in set(parents.values())
            if parent.is_confidential
            and uid in parent.confidential_excluded_user_ids.ids
        }
        return {rec: parent for rec, parent in parents.items() if parent not in hidden}

    def _find_repeat_original(self):
        """The first complaint of the same matter within the window before
        this one (a single lookup, see ``_find_repeat_parents``)."""
        self.ensure_one()
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        who = (
            [("commercial_partner_id", "=", self.commercial_partner_id.id)]
            if self.commercial_partner_id
            else [("phone", "=", self.phone)]
        )
        return self.sudo().search(
            [
                ("id", "not in", self.ids if isinstance(self.id, int) else []),
                ("category_id", "=", self.category_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "!=", "invalid"),
                ("received_at", ">=", self.received_at - window),
                ("received_at", "<=", self.received_at),
                *who,
            ],
            order="received_at asc, id asc",
            limit=1,
        )

    def _creation_message(self):
        """One creation message, with the repeat link when there is one."""
        body = super()._creation_message()
        if self.parent_id:
            body = _(
                "%(created)s Repeat of complaint %(number)s on the same matter.",
                created=body,
                number=self.parent_id.name,
            )
        return body

    def _link_batch_repeats(self):
        """After the INSERT: link repeats inside one batch (two complaints
        of the same complainant and matter registered together; they need
        the first one's id) and tell each original about its new repeats.
        The links are written in one UPDATE, then the deadlines and the
        event escalation rules of the linked complaints are reviewed
        together (not once per link)."""
        groups = {}
        for rec in self.filtered(lambda r: not r.parent_id):
            key = rec._repeat_key()
            if key:
                groups.setdefault(key, []).append(rec)
        window = timedelta(days=REPEAT_WINDOW_DAYS)
        links = {}
        for recs in groups.values():
            if len(recs) < 2:
                continue
            recs.sort(key=lambda r: (r.received_at, r.id))
            for rec in recs[1:]:
                if rec.received_at - recs[0].received_at <= window:
                    links[rec] = recs[0]
        if links:
            linked = self.browse([rec.id for rec in links])
            linked.flush_recordset()
            linked._write_multi([{"parent_id": root.id} for root in links.values()])
            linked.invalidate_recordset(["parent_id", "write_date", "write_uid"])
            linked.modified(["parent_id"])
            note = _("Repeat of complaint %s on the same matter.")
            linked._message_log_batch(
                bodies={rec.id: note % root.name for rec, root in links.items()}
            )
            linked = linked.sudo()
            linked._recompute_sla_deadlines()
            linked._apply_escalation_rules(timed=False)
        by_root = {}
        for rec in self.filtered("parent_id"):
            by_root.setdefault(rec.parent_id, []).append(rec.name)
        for root, names in by_root.items():
            root.sudo()._message_log(
                body=_("Repeat complaint(s) received: %s", ", ".join(names))
            )

    def action_open_repeats(self):
        self.ensure_one()
        root = self.parent_id or self
        return {
            "type": "ir.actions.act_window",
            "name": _("Related complaints"),
            "res_model": "complaint.complaint",
            "view_mode": "list,form",
            "domain": ["|", ("id", "=", root.id), ("parent_id", "=", root.id)],
        }
