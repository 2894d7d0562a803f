"""18.0.1.2.0: the superior institution's approval of an extension is the
shared approval level of complaint_base (CBIRC 2020 measures): a recorded
``superior_approved`` becomes ``approval_level = 'superior'``.

complaint_base is updated first, so ``approval_level`` exists here.
"""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version:
        return
    if column_exists(cr, "complaint_extension", "superior_approved") and (
        column_exists(cr, "complaint_extension", "approval_level")
    ):
        cr.execute(
            "UPDATE complaint_extension SET approval_level = 'superior' "
            "WHERE superior_approved AND approval_level IS NULL"
        )
