"""Clock-hour targets of property repair work orders (PROP-02 … PROP-06).

Pure Python, no ORM: the model hands over its timestamps (naive UTC, as Odoo
stores ``fields.Datetime``) and gets deadlines back.  Every period here is
*clock* time (DL-4, unit ``minutes`` / ``hours`` of complaint_base's
:func:`compute_deadline`): nights, weekends and public holidays count, since
a burst pipe does not wait for Monday.

Source: seed 004, 第2篇 "物业管理区域报修投诉处理规程" 5.2)-5.4).
"""

import datetime as dt

from odoo.addons.complaint_base.tools.deadline import compute_deadline

#: PROP-02: the work order reaches the maintenance team within 5 minutes
ORDER_MINUTES = 5
#: PROP-03: technician on site within 15 minutes of dispatch (company setting)
DEFAULT_ARRIVAL_MINUTES = 15
#: PROP-03: emergency (急修) and small (零修) repairs
QUICK_TYPES = ("emergency", "small")
QUICK_TARGET_HOURS = 2
QUICK_LIMIT_HOURS = 24
#: PROP-03: general repairs
GENERAL_HOURS = 72
#: PROP-03: major, outsourced or parts-on-order repairs: explain to the owner
EXPLAIN_HOURS = 48
#: PROP-04: longer repairs need an approved plan and a daily progress log
PLAN_THRESHOLD_DAYS = 3
#: PROP-06: work order back at the service centre / callback by the area manager
RETURN_HOURS = 24
CALLBACK_HOURS = 72

#: the step a running order waits for, in the order of the process
STEPS = ("dispatch", "arrive", "explain", "complete", "return", "callback")


def _after(start, amount, unit):
    """``start`` + ``amount`` ``unit`` of clock time, or None without start."""
    if not start:
        return None
    # clock units never look at the working calendar
    return compute_deadline(start, amount, unit, None)


def needs_explanation(repair_type, outsourced=False, parts_on_order=False):
    """Major, outsourced and parts-on-order repairs get no fixed completion
    time: the owner is told, within 48 hours, when it will be done."""
    return repair_type == "major" or bool(outsourced) or bool(parts_on_order)


def repair_deadlines(
    repair_type,
    received_at=None,
    dispatched_at=None,
    arrival_minutes=DEFAULT_ARRIVAL_MINUTES,
    expected_date=None,
    outsourced=False,
    parts_on_order=False,
):
    """Deadlines of a work order (naive UTC datetimes or None).

    * ``order_deadline``: received + 5 minutes (PROP-02);
    * ``arrival_deadline``: dispatched + ``arrival_minutes`` (PROP-03);
    * ``completion_deadline``: dispatched + 2 h (emergency, small), + 72 h
      (general), or the date told to the owner (explained repairs);
    * ``completion_limit``: the hard limit, 24 h for emergency and small
      repairs, 72 h for general ones;
    * ``explain_deadline``: 48 h after dispatch (after receipt while not
      dispatched) for major, outsourced and parts-on-order repairs.
    """
    result = {
        "order_deadline": _after(received_at, ORDER_MINUTES, "minutes"),
        "arrival_deadline": _after(dispatched_at, arrival_minutes, "minutes"),
        "completion_deadline": None,
        "completion_limit": None,
        "explain_deadline": None,
    }
    if needs_explanation(repair_type, outsourced, parts_on_order):
        result["explain_deadline"] = _after(
            dispatched_at or received_at, EXPLAIN_HOURS, "hours"
        )
        result["completion_deadline"] = expected_date or None
    elif repair_type in QUICK_TYPES:
        result["completion_deadline"] = _after(
            dispatched_at, QUICK_TARGET_HOURS, "hours"
        )
        result["completion_limit"] = _after(dispatched_at, QUICK_LIMIT_HOURS, "hours")
    elif repair_type == "general":
        result["completion_deadline"] = result["completion_limit"] = _after(
            dispatched_at, GENERAL_HOURS, "hours"
        )
    return result


def closing_deadlines(completed_at):
    """PROP-06: work order returned within 24 h, callback within 72 h, both
    counted from completion."""
    return {
        "return_deadline": _after(completed_at, RETURN_HOURS, "hours"),
        "callback_deadline": _after(completed_at, CALLBACK_HOURS, "hours"),
    }


def plan_required(start, expected_date, threshold_days=PLAN_THRESHOLD_DAYS):
    """PROP-04: True when the expected completion is more than
    ``threshold_days`` after the start of the repair."""
    if not start or not expected_date:
        return False
    return expected_date - start > dt.timedelta(days=threshold_days)


def minutes_between(start, end):
    """Elapsed minutes from ``start`` to ``end`` (None if one is missing)."""
    if not start or not end:
        return None
    return (end - start).total_seconds() / 60.0


def is_late(deadline, done_at):
    """True when the step was done after its deadline (False when there is
    no deadline or the step is not done yet)."""
    return bool(deadline and done_at and done_at > deadline)


def is_on_time(
    completed_at,
    arrival_deadline=None,
    arrived_at=None,
    completion_deadline=None,
    explain_deadline=None,
    explained_at=None,
):
    """PROP-07 timeliness of one completed order (None while not completed).

    On time = the technician arrived by the arrival deadline, the owner was
    told by the explanation deadline (when one applies) and the repair was
    completed by the completion deadline.
    """
    if not completed_at:
        return None
    if arrival_deadline and (not arrived_at or arrived_at > arrival_deadline):
        return False
    if explain_deadline and (not explained_at or explained_at > explain_deadline):
        return False
    return not (completion_deadline and completed_at > completion_deadline)


def next_step(state, deadlines, explained_at=None):
    """``(step, deadline)`` the order waits for in ``state``, or
    ``(None, None)`` when nothing is pending.

    ``deadlines`` holds the keys of :func:`repair_deadlines` and
    :func:`closing_deadlines`; a pending explanation comes before the
    completion when its deadline is earlier.
    """
    get = deadlines.get
    if state == "draft":
        return "dispatch", get("order_deadline")
    if state == "dispatched":
        if get("explain_deadline") and not explained_at:
            if not get("arrival_deadline") or get("explain_deadline") < get(
                "arrival_deadline"
            ):
                return "explain", get("explain_deadline")
        return "arrive", get("arrival_deadline")
    if state == "on_site":
        explain = get("explain_deadline") if not explained_at else None
        complete = get("completion_deadline")
        if explain and (not complete or explain <= complete):
            return "explain", explain
        return "complete", complete
    if state == "done":
        return "return", get("return_deadline")
    if state == "returned":
        return "callback", get("callback_deadline")
    return None, None
