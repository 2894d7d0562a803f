"""18.0.1.2.0: after the move to complaint_base's review, approval level and
flags (see pre-migration): the complaints' latest review moments are
computed from the moved reviews, and the old columns are dropped."""

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists

OLD_COLUMNS = {
    "complaint_complaint": ("bank_regulator_forwarded", "is_mass_complaint"),
    "complaint_extension": ("bank_approval_level",),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    complaints = env["complaint.review"].search([]).complaint_id
    if complaints:
        Complaint = env["complaint.complaint"]
        for fname in ("review_requested_at", "review_decided_at"):
            env.add_to_compute(Complaint._fields[fname], complaints)
        env.flush_all()
    for table, columns in OLD_COLUMNS.items():
        for column in columns:
            if column_exists(cr, table, column):
                cr.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
