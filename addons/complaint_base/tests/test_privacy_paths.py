from odoo.exceptions import UserError
from odoo.tests import new_test_user

from ..tools import masking
from .common import ComplaintCase

CLEAR_PHONE = "+86 138 0013 8000"
MASKED_PHONE = "+86 138 **** 8000"
CLEAR_ID = "310115199001011234"
MASKED_ID = "3101**********1234"


class TestPrivacyPaths(ComplaintCase):
    """BASE-55: a reviewer who does not handle a case gets the masked phone
    and ID number on every read path, and cannot recover them by searching,
    sorting or grouping; the handling team works in clear."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._complaint(id_number=CLEAR_ID)  # team A's case
        cls.complaint.user_id = cls.handler
        cls.Reviewer = cls.env["complaint.complaint"].with_user(cls.reviewer)
        cls.exporter = new_test_user(
            cls.env,
            "t_exporter",
            groups="complaint_base.group_complaint_reviewer,base.group_allow_export",
            name="Exporting Reviewer",
        )

    def _mine(self):
        return [("id", "=", self.complaint.id)]

    # ------------------------------------------------------------ reads
    def test_base_55_search_read_and_web_search_read_mask(self):
        rows = self.Reviewer.search_read(self._mine(), ["phone", "id_number"])
        self.assertEqual(rows[0]["phone"], MASKED_PHONE)
        self.assertEqual(rows[0]["id_number"], MASKED_ID)
        web = self.Reviewer.web_search_read(
            self._mine(), {"phone": {}, "id_number": {}, "name": {}}
        )
        self.assertEqual(web["records"][0]["phone"], MASKED_PHONE)
        self.assertNotIn("0013", str(web))
        self.assertNotIn(CLEAR_ID, str(web))

    def test_base_55_handler_reads_in_clear_on_every_path(self):
        Complaint = self.env["complaint.complaint"].with_user(self.handler)
        rows = Complaint.search_read(self._mine(), ["phone", "id_number"])
        self.assertEqual(
            (rows[0]["phone"], rows[0]["id_number"]), (CLEAR_PHONE, CLEAR_ID)
        )
        found = Complaint.search([("phone", "like", "0013")])
        self.assertIn(self.complaint, found, "the team searches its own cases")

    def test_base_55_export_masks_for_reviewer_not_for_handler(self):
        export = self.complaint.with_user(self.exporter).export_data(
            ["name", "phone", "id_number"]
        )["datas"]
        self.assertEqual(export[0][1:], [MASKED_PHONE, MASKED_ID])
        self.complaint.investigation_user_ids = self.exporter
        export = self.complaint.with_user(self.exporter).export_data(
            ["name", "phone", "id_number"]
        )["datas"]
        self.assertEqual(export[0][1:], [CLEAR_PHONE, CLEAR_ID])

    def test_base_55_export_through_a_child_record_masks_too(self):
        self.env["complaint.responsibility"].create(
            {"complaint_id": self.complaint.id, "department_id": self.department.id}
        )
        rows = (
            self.env["complaint.responsibility"]
            .with_user(self.exporter)
            .search([("complaint_id", "=", self.complaint.id)])
            .export_data(["complaint_id/phone"])["datas"]
        )
        self.assertEqual(rows, [[MASKED_PHONE]])

    def test_base_55_dossier_report_shows_masked_phone(self):
        report = self.env.ref("complaint_base.action_report_complaint_dossier")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.reviewer)
            ._render_qweb_html(report, self.complaint.ids)[0]
            .decode()
        )
        self.assertIn("8000", html)
        self.assertNotIn("0013 8000", html)
        self.assertNotIn(CLEAR_ID, html)

    # ------------------------------------------------------- no oracle
    def test_base_55_reviewer_cannot_search_a_masked_field(self):
        for domain in (
            [("phone", "like", "138 0013%")],
            [("phone", "=", CLEAR_PHONE)],
            [("phone", "ilike", "0013")],
            [("id_number", "=like", "3101151990%")],
            ["!", ("phone", "not like", "0013")],
            ["|", ("id", "=", 0), ("phone", "like", "0013")],
        ):
            with self.subTest(domain=domain), self.assertRaises(UserError):
                self.Reviewer.search(domain)
        with self.assertRaises(UserError):
            self.Reviewer.search_count([("phone", "like", "0013")])
        with self.assertRaises(UserError):
            self.Reviewer.search([], order="phone")
        with self.assertRaises(UserError):
            self.Reviewer.name_search("", args=[("phone", "like", "0013")])

    def test_base_55_refusal_does_not_depend_on_the_hidden_value(self):
        """The same answer (a refusal) whether the guess is right or wrong:
        the error itself is no oracle."""
        for guess in ("138 0013", "139 9999"):
            with self.subTest(guess=guess), self.assertRaises(UserError):
                self.Reviewer.search(self._mine() + [("phone", "like", guess)])

    def test_base_55_search_through_a_child_model_is_refused(self):
        self.env["complaint.responsibility"].create(
            {"complaint_id": self.complaint.id, "department_id": self.department.id}
        )
        Responsibility = self.env["complaint.responsibility"].with_user(self.reviewer)
        with self.assertRaises(UserError):
            Responsibility.search([("complaint_id.phone", "like", "0013")])

    def test_base_55_reviewer_cannot_group_or_aggregate_a_masked_field(self):
        with self.assertRaises(UserError):
            self.Reviewer.read_group([], ["phone"], ["phone"])
        with self.assertRaises(UserError):
            self.Reviewer._read_group([], ["id_number"], ["__count"])
        with self.assertRaises(UserError):
            self.Reviewer._read_group([], ["state"], ["phone:array_agg"])
        with self.assertRaises(UserError):
            self.Reviewer.web_read_group([], ["phone"], ["phone"])
        # other groupings still work
        groups = self.Reviewer.read_group([], ["state"], ["state"])
        self.assertTrue(groups)

    def test_base_55_search_allowed_once_narrowed_to_handled_cases(self):
        self.complaint.reviewer_id = self.reviewer
        found = self.Reviewer.search(
            [("reviewer_id", "=", self.reviewer.id), ("phone", "like", "0013")]
        )
        self.assertEqual(found, self.complaint)

    def test_base_55_portal_user_cannot_search_phone(self):
        portal = new_test_user(self.env, "t_pi_portal", groups="base.group_portal")
        self.complaint.partner_id = portal.partner_id
        with self.assertRaises(UserError):
            self.env["complaint.complaint"].with_user(portal).search(
                [("phone", "like", "0013")]
            )

    # ------------------------------------------------------- no copies
    def test_base_55_clear_number_not_copied_into_the_chatter(self):
        self.complaint.with_user(self.handler).write({"phone": "13912345678"})
        self.complaint.with_user(self.handler).action_accept()
        messages = self.env["mail.message"].search(
            [("model", "=", "complaint.complaint"), ("res_id", "=", self.complaint.id)]
        )
        self.assertFalse(messages.filtered(lambda m: "1234" in str(m.body)))
        values = messages.tracking_value_ids
        self.assertFalse(
            values.filtered(
                lambda v: "1234" in f"{v.old_value_char} {v.new_value_char}"
                or "0013" in f"{v.old_value_char} {v.new_value_char}"
            )
        )

    def test_base_55_complaint_templates_never_print_the_clear_numbers(self):
        """Mail and SMS templates are rendered for whoever sends them: none
        of the complaint's prints its phone or ID number."""
        for model in ("mail.template", "sms.template"):
            if model not in self.env:
                continue
            templates = self.env[model].search([("model", "=", "complaint.complaint")])
            self.assertTrue(templates or model == "sms.template")
            for template in templates:
                text = " ".join(
                    str(template[fname] or "")
                    for fname in ("subject", "body_html", "body")
                    if fname in template._fields
                )
                with self.subTest(template=template.name):
                    self.assertNotIn("object.phone", text)
                    self.assertNotIn("object.id_number", text)


class TestMaskingTools(ComplaintCase):
    """BASE-55: the pure helpers behind the search guard."""

    def test_base_55_relax_domain_is_neutral_on_masked_leaves(self):
        names = {"phone"}
        self.assertEqual(
            masking.relax_domain(["&", ("phone", "=", "1"), ("a", "=", 1)], names),
            ["&", (1, "=", 1), ("a", "=", 1)],
        )
        # under a negation the leaf becomes false, so that "!" makes it true
        self.assertEqual(
            masking.relax_domain(["!", ("phone", "=", "1")], names),
            ["!", (0, "=", 1)],
        )
        self.assertEqual(
            masking.relax_domain(
                ["|", "!", "&", ("phone", "=", 1), ("b", "=", 2), ("c", "=", 3)],
                names,
            ),
            ["|", "!", "&", (0, "=", 1), ("b", "=", 2), ("c", "=", 3)],
        )

    def test_base_55_domain_order_and_spec_fields(self):
        names = {"phone", "id_number"}
        self.assertEqual(
            masking.domain_fields([("phone.x", "=", 1), ("a", "=", 2)], names),
            {"phone"},
        )
        self.assertEqual(masking.order_fields("name, phone desc", names), {"phone"})
        self.assertEqual(
            masking.spec_fields(["id_number:count_distinct", "state"], names),
            {"id_number"},
        )
        self.assertEqual(masking.phone_digits("+86 138 0013 8000"), "13800138000")
        self.assertEqual(masking.mask_value("id_number", CLEAR_ID), MASKED_ID)
