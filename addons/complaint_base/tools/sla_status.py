"""Status of one SLA target of one complaint (BASE-27).

Pure functions used by ``complaint.sla.status`` and its watcher.

* ``met``: the event that reaches the target (accepted, contacted,
  resolved, follow-up done...) happened on or before the deadline;
* ``failed``: the event happened after the deadline, or the watcher saw the
  deadline pass while it had not happened (only the watcher fails a target
  by time: it also escalates and tells the people concerned);
* ``paused``: the complaint's clock is paused and the event has not happened;
* ``ongoing``: otherwise.

A target is *active* (counted in the SLA report) unless the case ended
without its event before any breach (closed, invalid: the target no longer
applies) or left the statistics altogether (withdrawn, merged: every target
of the case is set aside, BASE-15/16).  Nothing is marked met without the
event that proves it.
"""

ONGOING = "ongoing"
MET = "met"
FAILED = "failed"
PAUSED = "paused"
STATUSES = (ONGOING, MET, FAILED, PAUSED)

#: phases of the complaint for its targets
PHASE_OPEN = "open"  # new ... review: clocks run
PHASE_ENDED = "ended"  # closed, invalid: unreached targets no longer apply
PHASE_EXCLUDED = "excluded"  # withdrawn, merged: out of the SLA statistics


def evaluate(*, deadline, reached_at, current, paused, phase, now, watcher=False):
    """``(status, active)`` of a target.

    :param deadline: naive UTC deadline (``None``: the target has none)
    :param reached_at: moment of the event that reaches it, or ``None``
    :param current: the stored status (``None`` for a new record)
    :param paused: the complaint's clock is paused
    :param phase: ``PHASE_OPEN``, ``PHASE_ENDED`` or ``PHASE_EXCLUDED``
    :param now: naive UTC now
    :param watcher: True for the scheduled watcher, the only caller allowed
        to fail a target because its deadline passed
    """
    if phase == PHASE_EXCLUDED:
        return current or ONGOING, False
    if not deadline and not reached_at:
        return current or ONGOING, False  # the target no longer applies
    if reached_at:
        late = bool(deadline) and reached_at > deadline
        return (FAILED if late else MET), True
    if current == FAILED and deadline and deadline <= now:
        return FAILED, True
    if phase == PHASE_ENDED:
        return (current if current in (ONGOING, PAUSED) else ONGOING), False
    if paused:
        return PAUSED, True
    if watcher and deadline and deadline <= now:
        return FAILED, True
    return ONGOING, True


def warning_at(start, deadline, percent):
    """Moment at which ``percent`` % of the time between ``start`` and
    ``deadline`` is used (``None`` without both)."""
    if not (start and deadline) or deadline <= start:
        return None
    moment = start + (deadline - start) * (percent / 100.0)
    return moment.replace(microsecond=0)


def next_check(status, active, deadline, warn_at, warned):
    """When the watcher must look at the target again (``None``: never,
    until an event changes it)."""
    if not active or status != ONGOING or not deadline:
        return None
    if warn_at and not warned and warn_at < deadline:
        return warn_at
    return deadline


def warning_due(status, active, deadline, warn_at, warned, now):
    """True when the watcher must warn now (before the breach)."""
    return bool(
        active
        and status == ONGOING
        and not warned
        and warn_at
        and deadline
        and warn_at <= now < deadline
    )
