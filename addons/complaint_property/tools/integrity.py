"""Integrity rules of the property records (BASE-57), without the ORM.

* proof, once recorded, is not rewritten: a signed memorandum, a signed-off
  contact sheet, a collected fee, a recorded callback freeze the fields that
  make the proof;
* a repair request is not received in the future, and its receipt time is
  fixed once the order is dispatched (the 5-minute clock runs from it);
* values the ORM computes (deadlines, measures, KPI flags) are never typed.
"""

from odoo.addons.complaint_base.tools.receipt import CLOCK_SKEW as FUTURE_SKEW


def is_future(received_at, now, skew=FUTURE_SKEW):
    """Whether a receipt time lies in the future (beyond the clock skew)."""
    return bool(received_at and now and received_at > now + skew)


def computed_readonly(vals, fields_meta):
    """Names in ``vals`` of stored fields computed by the ORM that no user
    may set: ``fields_meta`` maps a name to ``(computed, stored, inverse,
    readonly)``."""
    bad = []
    for name in vals:
        computed, stored, inverse, readonly = fields_meta.get(
            name, (False, False, False, False)
        )
        if computed and stored and not inverse and readonly:
            bad.append(name)
    return sorted(bad)


def receipt_moved_later(recorded, new, skew=FUTURE_SKEW):
    """Whether a correction moves a recorded receipt time later: it may only
    move earlier (a request logged late), since a later one shortens the
    measured wait before dispatch (BASE-57, PROP-02)."""
    return bool(recorded and new and new > recorded + skew)


def is_signed(signature, signer):
    """Whether a signature is on record: the image and the signer's name
    (a blank name is no name), BASE-46."""
    return bool(signature and (signer or "").strip())
