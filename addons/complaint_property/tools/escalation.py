"""PROP-08: when a property complaint climbs from the property office
(管理处) to the company's customer service department (客户服务部).

Source: seed 000, "客户服务部投诉处理规范标准 一(一)" — nine situations.  The
evaluation is a pure function over plain facts so that it can be tested and
reused without the ORM; ``complaint.complaint._property_escalation_facts``
collects the facts and ``_property_check_escalation`` applies the result.
"""

import datetime as dt

#: 1. repaired several times and still not fixed, for more than 20 days
REPEAT_FAILURE_DAYS = 20
#: 2. spare parts missing for more than 10 households, no date known
PARTS_HOUSEHOLDS = 10
#: 3. decoration stopped or delayed for more than 7 days
DECORATION_STOP_DAYS = 7
#: 4. leaks / large cracks still unresolved 2 days after coordination
LEAK_COORDINATION_DAYS = 2

#: complaint states in which the triggers are watched
WATCHED_STATES = ("new", "accepted", "in_progress")

#: trigger codes, in the order of the seed
TRIGGERS = (
    "repeated_failure",
    "parts_missing",
    "decoration_stopped",
    "leak_unresolved",
    "neighbour_dispute",
    "compensation_first",
    "compensation_after_repair",
    "large_loss",
    "beyond_authority",
)
#: triggers decided by the passing of time (the scheduled action checks them)
TIMED_TRIGGERS = ("repeated_failure", "decoration_stopped", "leak_unresolved")
#: fact name of the triggers that are plain yes/no judgements of the office
FLAG_TRIGGERS = {
    "neighbour_dispute": "neighbour_dispute",
    "compensation_first": "compensation_first",
    "compensation_after_repair": "compensation_after_repair",
    "large_loss": "large_loss_expected",
    "beyond_authority": "beyond_authority",
}


def _as_datetime(value):
    if value is None or value is False:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min)
    raise TypeError(f"expected a date or datetime, got {value!r}")


def property_escalation_triggers(facts, now):
    """Codes of :data:`TRIGGERS` whose condition holds, in seed order.

    ``facts`` (missing keys count as empty):

    * ``repair_count``: repair orders on the matter (cancelled ones excluded);
    * ``first_request_at``: when the owner first reported it (datetime);
    * ``fixed``: the matter is resolved;
    * ``parts_replacement``: the repairs wait only for spare parts to be
      replaced (the seed excludes them from trigger 1);
    * ``parts_missing_households`` (int), ``parts_expected_date`` (date);
    * ``decoration_stopped_since`` (date or datetime);
    * ``leak_or_crack`` (bool), ``coordinated_at`` (datetime);
    * the yes/no judgements ``neighbour_dispute``, ``compensation_first``,
      ``compensation_after_repair``, ``large_loss_expected``,
      ``beyond_authority``.

    :param now: naive UTC datetime of the evaluation
    """
    get = facts.get
    hits = set()
    first = _as_datetime(get("first_request_at"))
    if (
        (get("repair_count") or 0) >= 2
        and not get("fixed")
        and not get("parts_replacement")
        and first
        and now - first > dt.timedelta(days=REPEAT_FAILURE_DAYS)
    ):
        hits.add("repeated_failure")
    if (get("parts_missing_households") or 0) > PARTS_HOUSEHOLDS and not get(
        "parts_expected_date"
    ):
        hits.add("parts_missing")
    stopped = _as_datetime(get("decoration_stopped_since"))
    if (
        stopped
        and not get("fixed")
        and now - stopped > dt.timedelta(days=DECORATION_STOP_DAYS)
    ):
        hits.add("decoration_stopped")
    coordinated = _as_datetime(get("coordinated_at"))
    if (
        get("leak_or_crack")
        and coordinated
        and not get("fixed")
        and now - coordinated > dt.timedelta(days=LEAK_COORDINATION_DAYS)
    ):
        hits.add("leak_unresolved")
    for code, fact in FLAG_TRIGGERS.items():
        if get(fact):
            hits.add(code)
    return [code for code in TRIGGERS if code in hits]
