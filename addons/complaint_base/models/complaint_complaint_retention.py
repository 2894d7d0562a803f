from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.privacy_rules import FINISHED_STATES, MAINTENANCE_CTX


class ComplaintComplaint(models.Model):
    """Archiving and retention of complaints (BASE-53/55): closed
    complaints are archived, then kept ``complaint_retention_years`` years
    (``retention_until``); on expiry the retention cron locks them (store
    only, no further processing) and proposes their destruction for
    approval: nothing is kept silently."""

    _inherit = "complaint.complaint"

    active = fields.Boolean(default=True, tracking=True)
    archived_at = fields.Datetime(string="Archived On", readonly=True, copy=False)

    # computed before the INSERT too (no UPDATE of a complaint just registered)
    retention_until = fields.Date(
        string="Keep Until",
        compute="_compute_retention_until",
        store=True,
        precompute=True,
        index=True,
        help="End of the retention period: closing date plus the company's "
        "retention years (BASE-53).",
    )

    @api.depends(
        "closed_at", "archived_at", "state", "company_id.complaint_retention_years"
    )
    def _compute_retention_until(self):
        for rec in self:
            start = rec.closed_at or rec.archived_at
            if rec.state not in FINISHED_STATES or not start:
                rec.retention_until = False
                continue
            years = rec.company_id.complaint_retention_years or 1
            rec.retention_until = start.date() + relativedelta(years=years)

    def action_archive(self):
        unfinished = self.filtered(lambda r: r.state not in FINISHED_STATES)
        if unfinished:
            raise UserError(
                _(
                    "Only closed or invalid complaints can be archived; still "
                    "being handled: %s.",
                    ", ".join(unfinished.mapped("name")),
                )
            )
        res = super().action_archive()
        self.with_context(**{MAINTENANCE_CTX: True}).write(
            {"archived_at": fields.Datetime.now()}
        )
        return res

    def action_unarchive(self):
        res = super().action_unarchive()
        self.with_context(**{MAINTENANCE_CTX: True}).write({"archived_at": False})
        return res

    @api.model
    def _cron_archive_finished(self):
        """BASE-53: archive closed/invalid complaints after the company's
        delay."""
        today = fields.Datetime.now()
        for company in self.env["res.company"].sudo().search([]):
            days = company.complaint_archive_days
            if not days:
                continue
            limit = today - relativedelta(days=days)
            records = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    "&",
                    ("state", "=", "closed"),
                    ("closed_at", "<", limit),
                    "&",
                    ("state", "=", "invalid"),
                    ("write_date", "<", limit),
                ]
            )
            if records:
                records.action_archive()
        return True

    def _retention_expired_domain(self, day=None):
        day = day or fields.Date.context_today(self)
        return [
            ("retention_until", "!=", False),
            ("retention_until", "<", day),
            ("state", "in", FINISHED_STATES),
            ("anonymised", "=", False),
        ]

    @api.model
    def _cron_retention_expiry(self):
        """BASE-55: on retention expiry lock (store only) and propose the
        destruction; never keep personal information silently."""
        Request = self.env["complaint.destruction.request"].sudo()
        Model = self.sudo().with_context(active_test=False)
        for company in self.env["res.company"].sudo().search([]):
            expired = Model.search(
                self._retention_expired_domain() + [("company_id", "=", company.id)]
            )
            if not expired:
                continue
            expired._pi_lock(
                _(
                    "Retention period over: personal information locked (store "
                    "only) until its destruction is approved."
                )
            )
            Request._propose_for_expired(company, expired)
        return True
