from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "complaint_tour")
class TestLifecycleTour(HttpCase):
    """BASE-04..44 through the UI: register a complaint and close it."""

    def test_base_tour_register_to_closed(self):
        team = self.env["complaint.team"].create({"name": "Tour team"})
        self.env["complaint.category"].create(
            {"name": "Tour category", "team_id": team.id}
        )
        self.env["res.partner"].create(
            {"name": "Tour Customer", "phone": "+86 138 0000 0001"}
        )
        self.start_tour(
            "/odoo/action-complaint_base.action_complaint",
            "complaint_lifecycle_tour",
            login="admin",
        )
        complaint = self.env["complaint.complaint"].search(
            [("subject", "=", "Tour: rude clerk at the counter")]
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.team_id, team)
        self.assertEqual(complaint.satisfaction, "4")
        self.assertTrue(complaint.name[:4].isdigit())
