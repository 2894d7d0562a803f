"""BASE-03/41 over HTTP, run by Odoo's own test runner with the browser
tours (tag ``complaint_tour``): only the complainant rates the outcome."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "complaint_tour")
class TestPortalRatingHttp(HttpCase):
    """BASE-41 over HTTP: a handler who can read the case cannot rate it
    5/5 through the portal route; the complainant's token can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler = new_test_user(
            cls.env,
            "t_rate_handler",
            password="t_rate_handler",
            groups="complaint_base.group_complaint_manager",
        )
        portal = new_test_user(cls.env, "t_rate_portal", groups="base.group_portal")
        cls.complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "Wrong fee",
                "partner_id": portal.partner_id.id,
                "channel_id": cls.env.ref("complaint_base.channel_phone").id,
                "description": "<p>Charged twice</p>",
            }
        )
        cls.complaint.write({"state": "resolved", "resolution": "<p>Refunded</p>"})

    def _csrf(self, url):
        page = self.url_open(url)
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    def test_base_03_handler_cannot_rate_through_the_portal(self):
        self.authenticate("t_rate_handler", "t_rate_handler")
        token = self._csrf("/my/complaints/new")
        response = self.url_open(
            f"/my/complaints/{self.complaint.id}/rate",
            data={"satisfaction": "5", "accept": "yes", "csrf_token": token},
        )
        self.assertIn("error=not_complainant", response.url)
        self.assertFalse(self.complaint.satisfaction)

    def test_base_03_complainant_token_rates(self):
        url = f"/my/complaints/{self.complaint.id}?access_token={self.complaint.access_token}"
        token = self._csrf(url)
        response = self.url_open(
            f"/my/complaints/{self.complaint.id}/rate",
            data={
                "satisfaction": "4",
                "accept": "yes",
                "access_token": self.complaint.access_token,
                "csrf_token": token,
            },
        )
        self.assertIn("rated=1", response.url)
        self.assertEqual(self.complaint.satisfaction, "4")
