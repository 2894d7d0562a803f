"""18.0.1.2.0: the review (核查) of an insurance complaint is a
``complaint.review`` of complaint_base (CBIRC 2020 measures) instead of
five complaint fields.  Each complaint whose review was requested gets one
review row with the request, the decision's time and text; then the
complaint's review moments, deadlines and SLA targets are brought in step,
and the old columns are dropped.

Rows are written with SQL: a review requested under the old rules (for
instance outside today's checks) is history and is carried as it was.
"""

import logging

from odoo import SUPERUSER_ID, api, fields
from odoo.addons.complaint_base.tools import cbirc2020
from odoo.addons.complaint_base.tools import deadline as dl
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

OLD_COLUMNS = (
    "recheck_requested_at",
    "recheck_decided_at",
    "recheck_result",
)


def migrate(cr, version):
    if not version or not column_exists(cr, "complaint_complaint", OLD_COLUMNS[0]):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        "SELECT c.id, c.company_id, c.recheck_requested_at, c.recheck_decided_at, "
        "c.recheck_result FROM complaint_complaint c "
        "WHERE c.recheck_requested_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM complaint_review r WHERE r.complaint_id = c.id)"
    )
    rows = cr.fetchall()
    Complaint = env["complaint.complaint"]
    amount, unit = cbirc2020.review_decision_period()
    now = fields.Datetime.now()
    for cid, company_id, requested, decided, result in rows:
        calendar = Complaint.browse(cid)._get_sla_calendar()
        deadline = dl.compute_deadline(requested, amount, unit, calendar)
        cr.execute(
            "INSERT INTO complaint_review (complaint_id, company_id, requested_at, "
            "deadline, state, result_note, decided_at, create_uid, create_date, "
            "write_uid, write_date) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s)",
            (
                cid,
                company_id,
                requested,
                deadline,
                "decided" if decided else "in_review",
                result,
                decided,
                SUPERUSER_ID,
                now,
                SUPERUSER_ID,
                now,
            ),
        )
    complaints = Complaint.browse([row[0] for row in rows])
    if complaints:
        env.invalidate_all()
        for fname in ("review_requested_at", "review_decided_at"):
            env.add_to_compute(Complaint._fields[fname], complaints)
        env.flush_all()
        complaints._review_changed()
    _logger.info("%s insurance reviews moved to complaint.review", len(rows))
    for column in OLD_COLUMNS + ("superior_approved",):
        table = "complaint_extension" if column == "superior_approved" else None
        table = table or "complaint_complaint"
        if column_exists(cr, table, column):
            cr.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
