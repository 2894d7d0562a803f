"""The extension contract (issue 15): a sector addon overrides only the base
methods that ``addons/complaint_base/readme/DEVELOP.md`` lists.

DEVELOP.md holds the contract as tables whose rows start with the model and
the method in backquotes (``| `complaint.complaint` | `_after_accept` | ...``).
A sector that overrides anything else reaches into the base's internals: the
test names the override so it is either turned into a listed hook (and the
base documents it) or removed.  Listed hooks that the base no longer defines
fail too, so the document cannot drift from the code.
"""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parent.parent
DEVELOP = ROOT / "addons" / "complaint_base" / "readme" / "DEVELOP.md"
SECTORS = ("complaint_insurance", "complaint_property", "complaint_banking")
ROW = re.compile(r"^\|\s*`([a-z_.]+)`\s*\|\s*`([A-Za-z_][A-Za-z0-9_]*)`")


def addon_of(cls):
    parts = cls.__module__.split(".")
    if parts[:2] == ["odoo", "addons"] and len(parts) > 2:
        return parts[2]
    return None


def listed_hooks():
    """``{(model, method)}`` of the contract tables of DEVELOP.md."""
    hooks = set()
    for line in DEVELOP.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            hooks.add(match.groups())
    return hooks


def _model_name(cls):
    inherit = cls._inherit
    if isinstance(inherit, list | tuple):
        inherit = inherit[0] if inherit else None
    return cls._name or inherit


def sector_overrides(registry):
    """``{(model, method): ({sector addons}, {base models})}``: methods a
    sector class defines that a class of complaint_base further down the MRO
    defines too, with the models of those base classes (a hook of a base
    mixin such as ``complaint.workflow.guard`` is listed once, for the
    mixin)."""
    found = {}
    for name in registry:
        mro = registry[name].__mro__
        for index, cls in enumerate(mro):
            addon = addon_of(cls)
            if addon not in SECTORS:
                continue
            for attr, value in vars(cls).items():
                if attr.startswith("__") or not callable(value):
                    continue
                bases = {
                    _model_name(base)
                    for base in mro[index + 1 :]
                    if addon_of(base) == "complaint_base" and attr in vars(base)
                }
                if bases:
                    addons, models = found.setdefault((name, attr), (set(), set()))
                    addons.add(addon)
                    models.update(bases)
    return found


@tagged("post_install", "-at_install")
class TestExtensionContract(TransactionCase):
    def test_contract_is_written(self):
        self.assertTrue(DEVELOP.exists(), "complaint_base/readme/DEVELOP.md")
        self.assertGreater(len(listed_hooks()), 10)

    def test_sectors_override_only_listed_hooks(self):
        listed = listed_hooks()
        unlisted = {
            f"{model}.{method} ({', '.join(sorted(addons))})"
            for (model, method), (addons, bases) in sector_overrides(
                self.registry
            ).items()
            if not ({(model, method)} | {(base, method) for base in bases}) & listed
        }
        self.assertFalse(
            sorted(unlisted),
            "sector overrides of base methods that DEVELOP.md does not list",
        )

    def test_listed_hooks_exist_in_the_base(self):
        missing = []
        for model, method in sorted(listed_hooks()):
            cls = self.registry.get(model)
            defined = cls is not None and any(
                addon_of(base) == "complaint_base" and method in vars(base)
                for base in cls.__mro__
            )
            if not defined:
                missing.append(f"{model}.{method}")
        self.assertFalse(missing, "DEVELOP.md lists hooks the base does not define")
