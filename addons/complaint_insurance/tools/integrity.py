"""Values an insurance workflow freezes once a step is recorded (BASE-57).

Pure functions, no ORM: the models pass the values of a ``write`` and the
fields their current step freezes, and turn the answer into a
``UserError``.
"""


def frozen_in(vals, frozen):
    """Field names of ``vals`` that ``frozen`` (names, or a mapping name ->
    reason) does not let change any more, sorted."""
    return sorted(name for name in vals if name in frozen)


def payer_allowed(payer_id, requester_id, approver_id):
    """INS-07: a comfort payment is recorded by someone else than the
    person who asked for it, and only once someone approved it."""
    return bool(approver_id) and payer_id != requester_id
