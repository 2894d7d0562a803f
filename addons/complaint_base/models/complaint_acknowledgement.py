import logging

import psycopg2

from odoo import _, api, fields, models

from .complaint_ack import ACK_STATES
from .sms_sms import NOTICE_STATES

_logger = logging.getLogger(__name__)

ACK_BATCH = 200
#: a wake-up of the queue (cron id) is already due within a minute
ACK_WAKE_DUE = (
    "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s "
    "AND call_at <= (now() at time zone 'UTC') + interval '1 minute' LIMIT 1"
)
#: BASE-57: set by the acknowledgement queue only
ACK_WORKFLOW_FIELDS = {"ack_ids": "acknowledgement"}
#: the complaint's acknowledgement fields -> their column in complaint.ack
ACK_COLUMNS = {
    "ack_state": "state",
    "ack_sms_uuid": "sms_uuid",
    "ack_sms_problem": "sms_problem",
}


class ComplaintComplaint(models.Model):
    """BASE-09: every complaint is acknowledged at registration, whatever
    its sector and channel: number, what happens next, promised date,
    contact and a tracking link that opens without an account, by e-mail
    and/or SMS as its team and channel say, in the complainant's language.

    Registration only marks the complaint "to acknowledge" and wakes a
    scheduled action, which renders and queues the e-mail and the SMS in
    batches: registering stays fast and a failing template never blocks it.
    """

    _inherit = "complaint.complaint"
    _workflow_fields = ACK_WORKFLOW_FIELDS

    ack_ids = fields.One2many(
        "complaint.ack", "complaint_id", string="Acknowledgement Queue", readonly=True
    )
    ack_state = fields.Selection(
        ACK_STATES,
        string="Acknowledgement",
        compute="_compute_ack",
        help="To Send: waiting for the queue (a minute at most). Handed to "
        "Mail/SMS: the e-mail and/or SMS were queued; the chatter shows "
        "their delivery. Nothing Sent: no channel applies or no contact "
        "data (the chatter says why).",
    )
    ack_sms_uuid = fields.Char(compute="_compute_ack")
    ack_sms_problem = fields.Char(string="SMS Not Sent Because", compute="_compute_ack")
    ack_sms_state = fields.Selection(
        NOTICE_STATES,
        string="Acknowledgement SMS",
        compute="_compute_ack_sms",
        help="Queued: waiting for the gateway; Sent: the gateway accepted it "
        "(message id); Delivered / Failed: the operator's receipt.",
    )
    ack_sms_info = fields.Char(string="SMS Proof", compute="_compute_ack_sms")

    @api.depends("ack_ids.state", "ack_ids.sms_uuid", "ack_ids.sms_problem")
    def _compute_ack(self):
        for rec in self:
            ack = rec.sudo().ack_ids[:1]
            rec.ack_state = ack.state
            rec.ack_sms_uuid = ack.sms_uuid
            rec.ack_sms_problem = ack.sms_problem

    @api.depends("ack_sms_uuid")
    def _compute_ack_sms(self):
        uuids = [uuid for uuid in self.sudo().mapped("ack_sms_uuid") if uuid]
        trackers = self.env["sms.tracker"].sudo().search([("sms_uuid", "in", uuids)])
        by_uuid = {t.sms_uuid: t for t in trackers}
        for rec in self:
            tracker = by_uuid.get(rec.sudo().ack_sms_uuid)
            rec.ack_sms_state = tracker.notice_state if tracker else False
            rec.ack_sms_info = tracker and rec._complaint_tracker_info(tracker)

    def _complaint_tracker_info(self, tracker):
        parts = [tracker.complaint_gateway_id.name or ""]
        if tracker.provider_message_id:
            parts.append(_("message id %s", tracker.provider_message_id))
        if tracker.delivered_at:
            parts.append(self._sla_format_datetime(tracker.delivered_at))
        if tracker.failure_reason:
            parts.append(tracker.failure_reason)
        return " · ".join(p for p in parts if p)

    # ------------------------------------------------------------ intake
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records and not self.env.context.get("install_mode"):
            # one statement for the batch, as the queue's own rows, which
            # also tells whether the queue is already due to wake up
            cron_id = self._complaint_ack_cron_id()
            self.env.cr.execute(
                "WITH ack AS (INSERT INTO complaint_ack (complaint_id, state, "
                "create_uid, create_date, write_uid, write_date) SELECT id, "
                "'pending', %s, now() at time zone 'UTC', %s, now() at time zone "
                "'UTC' FROM unnest(%s) AS id) " + ACK_WAKE_DUE,
                [self.env.uid, self.env.uid, records.ids, cron_id or 0],
            )
            due = self.env.cr.fetchone()
            records.invalidate_recordset(["ack_ids"])
            if cron_id and not due:
                self.env["ir.cron"].sudo().browse(cron_id)._trigger()
        return records

    def _complaint_ack_cron_id(self):
        # the id from the (cached) XML id lookup: env.ref would also check
        # that the cron exists, one more query per registration
        return self.env["ir.model.data"]._xmlid_to_res_id(
            "complaint_base.ir_cron_complaint_acknowledgement",
            raise_if_not_found=False,
        )

    def _complaint_wake_ack_queue(self):
        """Wake the acknowledgement queue, unless a wake-up is already due
        within a minute: a busy intake adds no trigger row per registration
        (issue 14; a registration asks in the INSERT of its queue rows)."""
        cron_id = self._complaint_ack_cron_id()
        if not cron_id:
            return
        self.env.cr.execute(ACK_WAKE_DUE, [cron_id])
        if not self.env.cr.fetchone():
            self.env["ir.cron"].sudo().browse(cron_id)._trigger()

    # ------------------------------------------------------------ queue
    def _ack_lock_batch(self, limit):
        """Ids of pending acknowledgements, locked for this run: another
        worker, or a handler accepting one of them, is never blocked for
        long nor made to fail; rows locked elsewhere wait for the next
        batch.  ``None`` when the snapshot is already stale (a concurrent
        update): the batch is left pending and retried."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT complaint_id FROM complaint_ack WHERE state = 'pending' "
                    "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                    [limit],
                )
                return [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            return None

    @api.model
    def _cron_send_acknowledgements(self, batch_size=ACK_BATCH, max_batches=10):
        """Render and queue the pending acknowledgements, by batch: each
        batch is locked (``FOR UPDATE SKIP LOCKED``), sent record by record
        in savepoints (a broken template marks only its complaint failed)
        and committed before the next one.  What is left, or a batch that
        met a concurrent update, waits for the next wake-up, still
        pending: nothing is lost and nothing is marked failed for it."""
        self.env.flush_all()
        for _batch in range(max_batches):
            ids = self._ack_lock_batch(batch_size)
            if ids is None:
                _logger.info("Acknowledgements: concurrent update, retried shortly")
                self.env.cr.rollback()
                self._complaint_wake_ack_queue()
                return True
            if not ids:
                return True
            self.sudo().browse(ids)._complaint_acknowledge_batch()
            self._sla_commit()
            if len(ids) < batch_size:
                return True
        self._complaint_wake_ack_queue()
        return True

    def _complaint_acknowledge_batch(self):
        for rec in self:
            try:
                with self.env.cr.savepoint():
                    rec._complaint_acknowledge()
            except Exception:  # a broken template must not stop the queue
                _logger.exception(
                    "Acknowledgement of complaint %s failed", rec.name or rec.id
                )
                rec._complaint_ack_write({"ack_state": "failed"})

    def _complaint_ack_channels(self):
        """(by e-mail, by SMS) as the team and the channel say."""
        self.ensure_one()
        team, channel = self.team_id, self.channel_id
        by_email = (not team or team.ack_email) and (not channel or channel.ack_email)
        by_sms = (not team or team.ack_sms) and (not channel or channel.ack_sms)
        return bool(by_email), bool(by_sms)

    def _complaint_acknowledge(self):
        """Queue the acknowledgement e-mail and/or SMS of one complaint."""
        self.ensure_one()
        rec = self.sudo()
        by_email, by_sms = rec._complaint_ack_channels()
        vals = {"ack_state": "none"}
        if by_email and rec._complaint_email():
            rec._complaint_send_mail(
                self.env.ref("complaint_base.mail_template_complaint_acknowledgement")
            )
            vals["ack_state"] = "queued"
        if by_sms and (rec._complaint_mobile() or not rec._complaint_email()):
            template = self.env.ref(
                "complaint_base.sms_template_complaint_acknowledgement"
            )
            refusal = rec._complaint_sms_refusal(template)
            if refusal:
                vals["ack_sms_problem"] = refusal
                rec.message_post(
                    body=_("Acknowledgement SMS not sent: %s", refusal),
                    subtype_xmlid="mail.mt_note",
                )
            else:
                sms = rec._complaint_send_sms(template)[rec.id]
                vals.update(ack_state="queued", ack_sms_uuid=sms[:1].uuid)
        if vals["ack_state"] == "none" and not vals.get("ack_sms_problem"):
            rec.message_post(
                body=_(
                    "No acknowledgement sent: the team and channel send none, or "
                    "the complainant left no e-mail address or mobile number."
                ),
                subtype_xmlid="mail.mt_note",
            )
        rec._complaint_ack_write(vals)

    def _complaint_ack_write(self, vals):
        """Record the queue's outcome on its own row (never on the
        complaint: see ``complaint.ack``)."""
        self.ensure_one()
        self.sudo().ack_ids.write({ACK_COLUMNS[key]: val for key, val in vals.items()})
