from odoo import fields, models

ACK_STATES = [
    ("pending", "To Send"),
    ("queued", "Handed to Mail/SMS"),
    ("none", "Nothing Sent"),
    ("failed", "Could Not Be Prepared"),
]


class ComplaintAck(models.Model):
    """Where the acknowledgement queue keeps its work (BASE-09, issue 14).

    One row per complaint to acknowledge, written by the queue only (no
    user has write access).  The queue's state lives here and not on the
    complaint row: the scheduled action never updates a complaint that a
    handler is accepting, nor one that a repeat registration links to, so
    neither waits for it nor fails on a concurrent update.  The complaint
    shows these values through computed fields.
    """

    _name = "complaint.ack"
    _description = "Complaint Acknowledgement Queue"
    _inherit = ["complaint.child.access"]
    _order = "id"

    complaint_id = fields.Many2one(
        "complaint.complaint", required=True, ondelete="cascade", index=True
    )
    state = fields.Selection(ACK_STATES, required=True, default="pending", index=True)
    sms_uuid = fields.Char(string="SMS UUID", readonly=True)
    sms_problem = fields.Char(string="SMS Not Sent Because", readonly=True)

    _sql_constraints = [
        (
            "complaint_unique",
            "unique(complaint_id)",
            "A complaint is acknowledged once.",
        )
    ]
