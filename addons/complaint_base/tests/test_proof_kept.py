from odoo.exceptions import UserError

from .common import ComplaintCase


class TestProofKept(ComplaintCase):
    """BASE-50/57: the records that are proof of how a complaint was
    handled stay in the file; a manager cannot delete them, only the
    system does (retention, PIPL flows, as superuser)."""

    def test_base_50_manager_cannot_delete_the_proof_of_handling(self):
        complaint = self._complaint(user_id=self.handler.id)
        complaint.action_accept()
        log = self.env["complaint.escalation.log"].create(
            {"complaint_id": complaint.id, "from_level": 0, "to_level": 1}
        )
        complaint.with_user(self.handler).action_pause_sla("mediation")
        pause = complaint.sla_pause_ids
        self.assertTrue(pause)
        crisis = self.env["complaint.crisis"].create(
            {"name": "Media report", "complaint_id": complaint.id}
        )
        capa = self.env["complaint.capa"].create(
            {"name": "Retrain the counter staff", "complaint_id": complaint.id}
        )
        for record in (log, pause, crisis, capa):
            with self.subTest(model=record._name), self.assertRaises(UserError):
                record.with_user(self.manager).unlink()
            self.assertTrue(record.exists())
        # the system (retention's destruction) still can
        log.unlink()
        self.assertFalse(log.exists())
