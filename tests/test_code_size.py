"""Code-size limits of the product (issue 15, OCA habits): no production
Python file over 400 lines, no function over 60 lines.

Tests, migrations and the measuring scripts under tests/ are not product
code.  ruff's complexity limits (C901, PLR0915 in pyproject.toml) complete
these two checks.
"""

import ast
from pathlib import Path

from odoo.tests import tagged
from odoo.tests.common import BaseCase

ADDONS = Path(__file__).resolve().parent.parent / "addons"
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def production_files():
    for path in sorted(ADDONS.rglob("*.py")):
        parts = path.relative_to(ADDONS).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


@tagged("post_install", "-at_install")
class TestCodeSize(BaseCase):
    def test_no_production_file_over_400_lines(self):
        offenders = [
            f"{path.relative_to(ADDONS)} ({lines} lines)"
            for path in production_files()
            if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_FILE_LINES
        ]
        self.assertFalse(offenders, "split these files by concern: %s" % offenders)

    def test_no_function_over_60_lines(self):
        offenders = []
        for path in production_files():
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        offenders.append(
                            f"{path.relative_to(ADDONS)}:{node.lineno} "
                            f"{node.name} ({length} lines)"
                        )
        self.assertFalse(offenders, "split these functions: %s" % offenders)
