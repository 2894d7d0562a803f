"""Views of the banking addon: the Banking page and the settings."""

from lxml import etree

from odoo.tests import Form, tagged

from .common import BankCase


@tagged("post_install", "-at_install")
class TestBankViews(BankCase):
    def test_bank_01_banking_page_only_for_banking_sector(self):
        """BANK-01: the complaint form has a Banking page shown when the
        sector is banking."""
        arch = self.env["complaint.complaint"].get_view(view_type="form")["arch"]
        page = etree.fromstring(arch).xpath("//page[@name='banking']")
        self.assertEqual(len(page), 1)
        self.assertEqual(page[0].get("invisible"), "sector != 'banking'")
        self.assertTrue(page[0].xpath(".//field[@name='bank_business_type']"))
        self.assertTrue(page[0].xpath(".//field[@name='bank_notice_ids']"))

    def test_bank_01b_form_requires_reason_for_complex_case(self):
        """BANK-01b: in the form, a complex case needs the reason told to the
        customer."""
        form = Form(
            self.env["complaint.complaint"].with_context(default_sector="banking")
        )
        form.subject = "Transfer not credited"
        form.partner_id = self.customer
        form.channel_id = self.channel_phone
        form.bank_complexity = "complex"
        with self.assertRaises(AssertionError):
            form.save()
        form.bank_complexity_reason = "Interbank trace needed"
        complaint = form.save()
        self.assertEqual(complaint.sector, "banking")
        self.assertEqual(complaint.bank_complexity, "complex")

    def test_bank_01_settings_view_has_profile(self):
        """BANK-01: the regulation profile is a company setting."""
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        self.assertIn('name="complaint_bank_profile"', arch)
