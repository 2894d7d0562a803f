"""Choosing a handler inside a team (BASE-14, BASE-18).

Pure functions: the ORM layer (``models/complaint_assignment.py``) reads
the team's members, their open complaints, their last assignment in the
team, their leaves and caps, and asks here who is next.

Methods
-------
``manual``
    nobody is chosen automatically.
``round_robin``
    the member who received a complaint of this team least recently;
    ties: fewer open complaints, then the lower user id.
``balanced``
    the member with the fewest open complaints (all teams together);
    ties: the one who received a complaint of this team least recently,
    then the lower user id.

A member who never received a complaint of the team counts as "least
recently" (before everyone else).  Whatever the method, these members are
never chosen: on leave now, at or over their cap of open complaints (a cap
of 0 means no cap), recused from the complaint (complained about, named in
its responsibilities, declared interest: BASE-18), and, for a complaint that
needs a senior member, the members who are not senior.
"""

import datetime as dt

METHODS = ("manual", "round_robin", "balanced")
#: "never assigned" sorts before any real assignment time
NEVER = dt.datetime.min


def eligible_members(
    members,
    *,
    on_leave=(),
    caps=None,
    open_counts=None,
    excluded=(),
    seniors=None,
):
    """Members (user ids, in the given order) who may receive a complaint.

    :param members: candidate user ids
    :param on_leave: ids of members on leave now
    :param caps: ``{user_id: max open complaints}`` (0 or missing: no cap)
    :param open_counts: ``{user_id: open complaints}``
    :param excluded: ids that may not handle this complaint (recusal)
    :param seniors: when given, only these ids may receive it
    """
    caps = caps or {}
    open_counts = open_counts or {}
    blocked = set(on_leave) | set(excluded)
    result = []
    for uid in members:
        if uid in blocked:
            continue
        if seniors is not None and uid not in seniors:
            continue
        cap = caps.get(uid) or 0
        if cap and open_counts.get(uid, 0) >= cap:
            continue
        result.append(uid)
    return result


def sort_key(method, uid, open_counts, last_assigned):
    """Ordering key of a member: the smallest key is chosen."""
    load = open_counts.get(uid, 0)
    last = last_assigned.get(uid) or NEVER
    if method == "round_robin":
        return (last, load, uid)
    return (load, last, uid)


def pick_member(method, candidates, open_counts=None, last_assigned=None):
    """The member to assign (a user id), or ``None`` (manual, nobody)."""
    if method not in METHODS or method == "manual":
        return None
    candidates = list(candidates)
    if not candidates:
        return None
    open_counts = open_counts or {}
    last_assigned = last_assigned or {}
    return min(
        candidates,
        key=lambda uid: sort_key(method, uid, open_counts, last_assigned),
    )


def record_assignment(uid, moment, open_counts, last_assigned):
    """Update the in-memory figures after ``uid`` received a complaint, so
    the next complaint of the same batch sees it (moments must increase)."""
    open_counts[uid] = open_counts.get(uid, 0) + 1
    last_assigned[uid] = moment
