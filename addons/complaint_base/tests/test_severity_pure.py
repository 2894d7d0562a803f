from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..tools import severity


@tagged("post_install", "-at_install")
class TestSeverityRules(BaseCase):
    """BASE-11 rules as plain functions (no database)."""

    def test_base_11_each_rule_makes_a_complaint_major(self):
        for flag, _reason in severity.MAJOR_RULES:
            self.assertEqual(
                severity.escalate_severity("general", {flag: True}), "major"
            )
            self.assertEqual(severity.major_flags({flag: True}), [flag])

    def test_base_11_no_rule_keeps_severity_and_never_lowers_it(self):
        self.assertEqual(severity.escalate_severity("important", {}), "important")
        self.assertEqual(
            severity.escalate_severity(None, {"is_mass": False}), "general"
        )
        self.assertEqual(severity.max_severity("major", "general"), "major")

    def test_base_11_reasons_in_rule_order(self):
        flags = {"media_involved": 1, "serious_harm": 1}
        self.assertEqual(
            severity.major_flags(flags), ["serious_harm", "media_involved"]
        )
        self.assertEqual(
            severity.major_reasons(flags),
            ["serious material, economic, mental or bodily harm", "media exposure"],
        )

    def test_base_11_seed_004_grades_map_onto_severity(self):
        self.assertEqual(
            severity.SEED_004_GRADES, {"a": "major", "b": "important", "c": "general"}
        )
