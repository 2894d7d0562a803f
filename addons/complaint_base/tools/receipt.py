"""Is a receipt time acceptable (BASE-57)?  Pure function, no ORM."""

from datetime import timedelta

#: clock skew tolerated between the user's machine and the server
CLOCK_SKEW = timedelta(minutes=5)


def receipt_problem(received, reference, max_backdate_days, skew=CLOCK_SKEW):
    """Classify a receipt time against ``reference`` (when the complaint was
    registered, or now).

    Returns ``None`` (acceptable as it is), ``"future"`` (later than the
    reference: never allowed), ``"backdated"`` (earlier, within the bound:
    allowed to handlers with a reason) or ``"too_old"`` (earlier than the
    bound of ``max_backdate_days``).
    """
    if received > reference + skew:
        return "future"
    if received >= reference - skew:
        return None
    if received < reference - timedelta(days=max_backdate_days):
        return "too_old"
    return "backdated"


def event_time_problem(moment, received, reference, skew=CLOCK_SKEW):
    """Classify the recorded time of an event of the complaint (the first
    contact, the reply) against its receipt and ``reference`` (now).

    Returns ``None`` (acceptable), ``"future"`` (later than the reference)
    or ``"before_receipt"`` (earlier than the complaint's receipt: no event
    of a complaint happens before it reached us).
    """
    if moment > reference + skew:
        return "future"
    if received and moment < received - skew:
        return "before_receipt"
    return None
