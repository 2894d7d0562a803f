"""Which workflow-owned values a create or write may not carry (BASE-57).

Pure functions: the ORM layer (``complaint.workflow.guard``) passes the
values, the protected field names and their defaults, and turns the result
into a ``UserError``.
"""


def _normalise(value):
    """Comparable form of a value: records become ids, empty becomes None."""
    if hasattr(value, "_name") and hasattr(value, "ids"):  # a recordset
        value = value.ids[0] if len(value.ids) == 1 else tuple(value.ids)
    if value in (False, None, "", 0, 0.0, [], ()):
        return None
    return value


def forbidden_on_write(vals, protected):
    """Protected field names that ``vals`` tries to write."""
    return sorted(name for name in vals if name in protected)


def forbidden_on_create(vals, protected, defaults):
    """Protected field names that ``vals`` sets to something else than the
    field's own default (a form may send the default back; any other value
    is a forged workflow state)."""
    return sorted(
        name
        for name in vals
        if name in protected
        and _normalise(vals[name]) != _normalise(defaults.get(name))
    )


def context_default_keys(context, protected):
    """``default_<field>`` keys of a context that would set a protected
    field inside ``create`` (a caller controls the whole context)."""
    return [
        key
        for key in context
        if key.startswith("default_") and key[len("default_") :] in protected
    ]
