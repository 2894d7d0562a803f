"""Cross-addon checks of the whole suite, run by pytest-odoo on the test
database where every addon of the repository is installed.

They guard the product's promises to administrators and auditors: every
model has access rights, the base addon knows nothing of the sector addons,
every addon ships a complete Simplified Chinese translation, manifests follow
the OCA conventions.
"""

import ast
import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

ADDONS = Path(__file__).resolve().parent.parent / "addons"
OUR_ADDONS = sorted(
    p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").exists()
)
SECTORS = ("complaint_insurance", "complaint_property", "complaint_banking")


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text())


@tagged("post_install", "-at_install")
class TestSuiteIntegrity(TransactionCase):
    def test_all_addons_installed(self):
        states = dict(
            self.env["ir.module.module"]
            .search([("name", "in", OUR_ADDONS)])
            .mapped(lambda m: (m.name, m.state))
        )
        self.assertEqual(states, dict.fromkeys(OUR_ADDONS, "installed"))

    def test_every_model_has_access_rights(self):
        """Every model of our addons is reachable only through explicit ACLs."""
        models = self.env["ir.model"].search([("transient", "=", False)])
        missing = []
        for model in models:
            modules = set(model.modules.split(", ")) if model.modules else set()
            if not modules & set(OUR_ADDONS) or self.env[model.model]._abstract:
                continue
            if not model.access_ids:
                missing.append(model.model)
        self.assertFalse(missing, f"models without access rights: {missing}")

    def test_base_knows_nothing_of_sectors(self):
        """The sector addons extend the base; the base never names them."""
        pattern = re.compile(r"complaint_(insurance|property|banking)")
        offenders = [
            str(path.relative_to(ADDONS))
            for path in (ADDONS / "complaint_base").rglob("*")
            if path.suffix in (".py", ".xml", ".csv", ".js")
            and pattern.search(path.read_text(encoding="utf-8"))
        ]
        self.assertFalse(
            offenders, f"complaint_base mentions a sector addon: {offenders}"
        )
        for addon in SECTORS:
            if addon in OUR_ADDONS:
                self.assertIn("complaint_base", manifest(addon)["depends"])

    def test_manifests_follow_oca_conventions(self):
        for addon in OUR_ADDONS:
            data = manifest(addon)
            self.assertRegex(data["version"], r"^18\.0\.\d+\.\d+\.\d+$", addon)
            self.assertEqual(data["license"], "LGPL-3", addon)
            self.assertEqual(data["author"], "Complaint Suite Contributors", addon)
            self.assertTrue(
                (ADDONS / addon / "readme" / "DESCRIPTION.md").exists(), addon
            )
            self.assertTrue(
                (ADDONS / addon / "static" / "description" / "icon.png").exists(), addon
            )

    def test_zh_cn_translation_complete(self):
        """Every addon ships an i18n/zh_CN.po where every term is translated."""
        for addon in OUR_ADDONS:
            path = ADDONS / addon / "i18n" / "zh_CN.po"
            self.assertTrue(path.exists(), f"{addon} has no zh_CN.po")
            po = polib.pofile(str(path))
            untranslated = [
                e.msgid for e in po if not e.obsolete and not e.translated()
            ]
            self.assertFalse(
                untranslated,
                f"{addon}: {len(untranslated)} untranslated: {untranslated[:5]}",
            )
            self.assertGreater(len(po), 50, addon)

    def test_zh_cn_loaded_for_users(self):
        """The Chinese interface works: menu and field labels come out in Chinese."""
        lang = self.env["res.lang"]._activate_lang("zh_CN")
        self.assertTrue(lang)
        self.env["ir.module.module"].search(
            [("name", "in", OUR_ADDONS)]
        )._load_module_terms(OUR_ADDONS, ["zh_CN"], overwrite=True)
        menu = self.env.ref("complaint_base.menu_complaint_root").with_context(
            lang="zh_CN"
        )
        self.assertRegex(menu.name, r"[\u4e00-\u9fff]")
        label = (
            self.env["complaint.complaint"]
            .with_context(lang="zh_CN")
            .fields_get(["severity"])["severity"]["string"]
        )
        self.assertRegex(label, r"[\u4e00-\u9fff]")
