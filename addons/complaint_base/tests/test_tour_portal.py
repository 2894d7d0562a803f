from odoo.tests import HttpCase, new_test_user, tagged

from ..controllers.portal_form import MAX_DESCRIPTION, MAX_NEW_PER_HOUR


@tagged("post_install", "-at_install", "complaint_tour")
class TestPortalTour(HttpCase):
    """BASE-03 in the browser and over HTTP: follow, answer, rate and file
    complaints; isolation between two portal users; CSRF and limits."""

    portal_user_login = "complaint_portal_tour"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            cls.portal_user_login,
            password=cls.portal_user_login,
            groups="base.group_portal",
            name="周晓明",
            email="zhou.xm@example.cn",
        )
        cls.other_user = new_test_user(
            cls.env,
            "complaint_portal_other",
            password="complaint_portal_other",
            groups="base.group_portal",
            name="孙丽",
            email="sun.li@example.cn",
        )
        channel = cls.env.ref("complaint_base.channel_phone")
        cls.complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "柜台人员态度恶劣",
                "partner_id": cls.portal_user.partner_id.id,
                "channel_id": channel.id,
                "description": "<p>办理业务时柜员态度很差。</p>",
            }
        )
        cls.complaint.write(
            {
                "state": "resolved",
                "resolution": "<p>经核实,已向您道歉并对柜员进行了培训。</p>",
                "reply_at": "2026-03-02 08:00:00",
            }
        )
        cls.other_complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "别人的投诉内容",
                "partner_id": cls.other_user.partner_id.id,
                "channel_id": channel.id,
                "description": "<p>secret</p>",
            }
        )

    def test_base_03_portal_tour(self):
        self.start_tour("/my", "complaint_portal_tour", login=self.portal_user_login)
        self.assertEqual(self.complaint.satisfaction, "4")
        self.assertEqual(self.complaint.followup_comment, "处理及时,谢谢")
        self.assertTrue(self.complaint.followup_done_at)
        partner = self.portal_user.partner_id
        self.assertTrue(
            self.complaint.message_ids.filtered(
                lambda m: m.author_id == partner and "3号窗口" in str(m.body)
            ),
            "the reply in the portal chatter reaches the complaint",
        )
        new = self.env["complaint.complaint"].search(
            [("subject", "=", "信用卡年费被重复扣收")]
        )
        self.assertEqual(new.partner_id, partner)
        self.assertEqual(new.channel_id.code, "portal")
        self.assertIn("680", new.demand)

    def test_base_03_other_portal_user_is_redirected(self):
        self.authenticate("complaint_portal_other", "complaint_portal_other")
        response = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn(self.complaint.name, response.text)
        listing = self.url_open("/my/complaints")
        self.assertIn(self.other_complaint.name, listing.text)
        self.assertNotIn(self.complaint.name, listing.text)
        self.assertNotIn("柜台人员态度恶劣", listing.text)
        own = self.url_open(f"/my/complaints/{self.other_complaint.id}")
        self.assertIn("别人的投诉内容", own.text)

    def _csrf(self):
        page = self.url_open("/my/complaints/new")
        self.assertEqual(page.status_code, 200)
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    def test_base_03_new_complaint_needs_csrf_and_respects_limits(self):
        self.authenticate(self.portal_user_login, self.portal_user_login)
        data = {"subject": "测试", "description": "内容"}
        response = self.url_open("/my/complaints/new", data=data)
        self.assertEqual(response.status_code, 400, "no CSRF token, refused")
        token = self._csrf()
        too_long = self.url_open(
            "/my/complaints/new",
            data={
                **data,
                "csrf_token": token,
                "description": "长" * (MAX_DESCRIPTION + 1),
            },
        )
        self.assertIn("The description is too long", too_long.text)
        Complaint = self.env["complaint.complaint"]
        before = Complaint.search_count([])
        for i in range(MAX_NEW_PER_HOUR):
            ok = self.url_open(
                "/my/complaints/new",
                data={**data, "subject": f"测试{i}", "csrf_token": token},
            )
            self.assertIn("created=1", ok.url)
        self.assertEqual(Complaint.search_count([]), before + MAX_NEW_PER_HOUR)
        refused = self.url_open(
            "/my/complaints/new", data={**data, "csrf_token": token}
        )
        self.assertEqual(refused.status_code, 200)
        self.assertIn("in the last hour", refused.text)
        self.assertEqual(Complaint.search_count([]), before + MAX_NEW_PER_HOUR)


@tagged("post_install", "-at_install", "complaint_tour")
class TestDashboardTour(HttpCase):
    """BASE-51: the managers' dashboard loads its figures in the browser."""

    def test_base_51_dashboard_tour(self):
        channel = self.env.ref("complaint_base.channel_phone")
        self.env["complaint.complaint"].create(
            {
                "subject": "Dashboard tour",
                "channel_id": channel.id,
                "contact_name": "Tour",
            }
        )
        self.start_tour(
            "/odoo/action-complaint_base.action_complaint_dashboard",
            "complaint_dashboard_tour",
            login="admin",
        )
