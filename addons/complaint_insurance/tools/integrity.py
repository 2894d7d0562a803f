"""Insurance integrity rules without the ORM (BASE-57, INS-07).

Which fields a write may not change is decided by the base guard's
``forbidden_on_write``; this module keeps the insurance-only rules.
"""


def payer_allowed(payer_id, requester_id, approver_id):
    """INS-07: a comfort payment is recorded by someone else than the
    person who asked for it, and only once someone approved it."""
    return bool(approver_id) and payer_id != requester_id
