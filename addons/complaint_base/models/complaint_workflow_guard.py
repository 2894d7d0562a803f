from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..tools import workflow_guard


class ComplaintWorkflowGuard(models.AbstractModel):
    """Fields a workflow owns are written by its actions only (BASE-57).

    A model inherits this and declares ``_workflow_fields``: field name ->
    the action method(s) that own it.  Any ``create``/``write`` that carries
    one of them raises a ``UserError`` naming the action, unless it runs as
    superuser (``env.su``): the action methods check state, group and the
    four-eyes rule and then write through ``sudo()`` (which keeps the user,
    so tracking and chatter name the real person); scheduled actions, data
    files and migrations run as superuser anyway.  On ``create`` a value
    equal to the field's default passes (forms send defaults back), and the
    ``default_<field>`` context keys of protected fields are dropped, since
    any RPC caller controls the context.  A model's own ``create`` runs
    before this check: values it must set itself go through the
    ``_workflow_create_values`` hook, or are written after creation with
    ``_workflow_write``.
    """

    _name = "complaint.workflow.guard"
    _description = "Workflow-owned fields"

    #: field name -> action method(s) that own it (sub-models override)
    _workflow_fields = {}
    #: fields frozen once the record left its editable states (an amount,
    #: a requested date, a list of complaints submitted for approval)
    _workflow_frozen_fields = ()
    #: states in which the frozen fields may still change
    _workflow_editable_states = ("draft",)

    @api.model
    def _setup_complete(self):
        """Each addon declares only its own ``_workflow_fields`` (and frozen
        fields) on its class; the model's set is the union over every class
        of its inheritance, so no addon's declaration replaces another's.
        A field declared by several classes is owned by all their actions
        (e.g. ``state``, also set by the merge and the withdrawal)."""
        res = super()._setup_complete()
        cls = type(self)
        owners, frozen = {}, []
        for klass in reversed(cls.__mro__):
            own = vars(klass)
            for fname, actions in (own.get("_workflow_fields") or {}).items():
                owners.setdefault(fname, {}).update(dict.fromkeys(actions.split()))
            frozen.extend(own.get("_workflow_frozen_fields") or ())
        fields_map = {fname: " ".join(acts) for fname, acts in owners.items()}
        cls._workflow_fields = fields_map
        cls._workflow_frozen_fields = tuple(dict.fromkeys(frozen))
        return res

    def _workflow_refuse(self, names, operation="write"):
        # someone who may not touch the records at all hears that first
        (self if operation == "write" else self.browse()).check_access(operation)
        labels = ", ".join(
            f"“{self._fields[name]._description_string(self.env)}”" for name in names
        )
        actions = ", ".join(
            sorted(
                {
                    action
                    for name in names
                    for action in self._workflow_fields[name].split()
                }
            )
        )
        raise UserError(
            _(
                "%(model)s: %(fields)s can only be changed by its workflow "
                "action (%(actions)s). Use the button instead of editing the "
                "value.",
                model=self._description,
                fields=labels,
                actions=actions,
            )
        )

    def _workflow_defaults(self, names):
        defaults = {}
        for name in names:
            field = self._fields[name]
            default = field.default(self) if field.default else False
            defaults[name] = default
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        protected = self._workflow_fields
        if protected and not self.env.su:
            drop = workflow_guard.context_default_keys(self.env.context, protected)
            if drop:
                context = dict(self.env.context)
                for key in drop:
                    context.pop(key)
                self = self.with_context(context)
            clean = self.with_context(
                {
                    k: v
                    for k, v in self.env.context.items()
                    if not k.startswith("default_")
                }
            )
            defaults = clean._workflow_defaults(protected)
            for vals in vals_list:
                bad = workflow_guard.forbidden_on_create(vals, protected, defaults)
                if bad:
                    self._workflow_refuse(bad, operation="create")
        return super().create(self._workflow_create_values(vals_list))

    def _workflow_create_values(self, vals_list):
        """Hook: fill the workflow-owned values of new records (a number, a
        first state...) after the caller's values were checked.  Models
        whose ``create`` sets protected fields do it here, since this
        guard sits below their own ``create`` in the method order."""
        return vals_list

    def write(self, vals):
        if not self.env.su:
            bad = workflow_guard.forbidden_on_write(vals, self._workflow_fields)
            if bad:
                self._workflow_refuse(bad)
            self._workflow_check_frozen(vals)
        return super().write(vals)

    def _workflow_check_frozen(self, vals):
        frozen = workflow_guard.forbidden_on_write(vals, self._workflow_frozen_fields)
        if not frozen:
            return
        locked = self.filtered(lambda r: r.state not in self._workflow_editable_states)
        if locked:
            labels = ", ".join(
                f"“{self._fields[name]._description_string(self.env)}”"
                for name in frozen
            )
            raise UserError(
                _(
                    "%(model)s %(record)s was submitted: %(fields)s can no longer "
                    "be changed. Refuse it and submit a new request instead.",
                    model=self._description,
                    record=locked[0].display_name,
                    fields=labels,
                )
            )

    def _workflow_write(self, vals):
        """Write workflow-owned values from an action method that has made
        its checks (state, group, four-eyes).  The user must still be
        allowed to write these records (record rules); the values then go
        in as superuser, under the user's name in tracking and chatter."""
        self.check_access("write")
        return self.sudo().write(vals)

    def _check_four_eyes(self, requester, what):
        """BASE-57: an approval is given by someone else than the requester
        (demo data and migrations, run by the system user, are exempt)."""
        # the system itself (data files, migrations) approves what it set up
        if (
            requester
            and requester == self.env.user
            and not self.env.user._is_superuser()
        ):
            raise AccessError(
                _(
                    "You requested %(what)s yourself: another authorised person "
                    "must approve it (four-eyes rule).",
                    what=what,
                )
            )
