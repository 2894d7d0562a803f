"""BASE-57 across the suite: every model that declares workflow-owned fields
refuses them on create and write from outside the workflow.

The test walks the registry, so a model that adopts
``complaint.workflow.guard`` is covered without touching this file, and
names the workflows the catalogue requires to be guarded.
"""

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

#: models whose state or approval the requirements protect (issue: integrity)
REQUIRED = {
    "complaint.complaint": "state",
    "complaint.extension": "state",
    "complaint.destruction.request": "state",
    "complaint.data.request": "state",
    "complaint.transfer": "reason",
    "complaint.sla.pause": "start",
    "complaint.review": "state",
}
SECTOR_REQUIRED = {
    "complaint_insurance": {
        "complaint.comfort.fund.request": "state",
        "complaint.liability.dispute": "state",
    },
    "complaint_property": {
        "complaint.repair.order": "state",
        "complaint.property.memorandum": "state",
        "complaint.property.contact.sheet": "state",
    },
    "complaint_banking": {
        "complaint.bank.notice": "state",
    },
}
GUARD_MESSAGE = "workflow action"


def forged_value(record, field):
    """A value different from the current one, of the field's type."""
    current = record[field.name] if record else False
    kind = field.type
    if kind == "selection":
        values = [v for v, _label in field._description_selection(record.env)]
        return next((v for v in reversed(values) if v != current), values[0])
    if kind == "many2one":
        comodel = record.env[field.comodel_name].sudo()
        current_id = current.id if current else 0
        other = comodel.search([("id", "!=", current_id)], limit=1)
        # with no other record, any id forges the link: the guard must
        # refuse it before the database would
        return other.id or current_id + 1
    if kind in ("many2many", "one2many"):
        return [(6, 0, [])] if kind == "many2many" else [(5, 0, 0)]
    if kind == "boolean":
        return not current
    if kind in ("integer", "float", "monetary"):
        return (current or 0) + 99999
    if kind == "datetime":
        return "2099-01-01 00:00:00"
    if kind == "date":
        return "2099-01-01"
    return "forged"


@tagged("post_install", "-at_install")
class TestWorkflowGuardEverywhere(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a real login with every right of the suite, but not the superuser
        cls.user = cls.env.ref("base.user_admin")
        installed = set(
            cls.env["ir.module.module"]
            .search([("state", "=", "installed")])
            .mapped("name")
        )
        cls.required = dict(REQUIRED)
        for addon, models in SECTOR_REQUIRED.items():
            if addon in installed:
                cls.required.update(models)

    def guarded_models(self):
        return {
            name: model
            for name, model in self.env.registry.items()
            if not model._abstract
            and not model._transient
            and getattr(model, "_workflow_fields", None)
        }

    def test_base_57_required_workflows_are_guarded(self):
        guarded = self.guarded_models()
        for name, fname in self.required.items():
            with self.subTest(model=name):
                self.assertIn(name, guarded, f"{name} declares no workflow fields")
                self.assertIn(fname, guarded[name]._workflow_fields)

    def test_base_57_every_declared_field_exists(self):
        for name, model in self.guarded_models().items():
            for fname in model._workflow_fields:
                with self.subTest(model=name, field=fname):
                    self.assertIn(fname, model._fields)
                    self.assertTrue(model._fields[fname].store, "stored fields only")

    def test_base_57_every_protected_field_is_refused_over_rpc(self):
        """For each guarded model and field: the write (on an existing
        record) or the create (when the database has none) is refused by
        the guard, as an RPC call by a non-superuser would be."""
        exercised = 0
        for name in sorted(self.guarded_models()):
            Model = self.env[name].with_context(active_test=False)
            record = Model.search([], limit=1, order="id desc")
            for fname in Model._workflow_fields:
                field = Model._fields[fname]
                value = forged_value(record, field)
                with self.subTest(model=name, field=fname):
                    with self.assertRaises(UserError) as caught:
                        with self.env.cr.savepoint():
                            if record:
                                record.with_user(self.user).write({fname: value})
                            else:
                                Model.with_user(self.user).create({fname: value})
                    self.assertIn(GUARD_MESSAGE, str(caught.exception))
                    exercised += 1
        self.assertGreater(exercised, 40)
