"""18.0.1.2.0: the acknowledgement queue keeps its state in ``complaint_ack``
instead of columns of ``complaint_complaint`` (issue 14)."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'complaint_complaint' AND column_name = 'ack_state'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        INSERT INTO complaint_ack (complaint_id, state, sms_uuid, sms_problem,
                                   create_uid, create_date, write_uid, write_date)
        SELECT id, ack_state, ack_sms_uuid, ack_sms_problem,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM complaint_complaint
         WHERE ack_state IS NOT NULL
        ON CONFLICT (complaint_id) DO NOTHING
        """
    )
    _logger.info("%s acknowledgement states moved to complaint_ack", cr.rowcount)
    cr.execute(
        "ALTER TABLE complaint_complaint DROP COLUMN ack_state, "
        "DROP COLUMN IF EXISTS ack_sms_uuid, DROP COLUMN IF EXISTS ack_sms_problem"
    )
