"""Which SLA policy applies to a complaint, and its targets (DL-3).

Pure functions on plain values: the policies' conditions and targets are
read once per registry (``complaint.sla.policy._active_policy_rows`` and
``_target_rows``, cached until a policy or a target changes), so a
registration reads no policy nor target row, not even in the first query
after a commit (issue 14).

Matching rule ("the most specific policy wins"): a policy matches a
complaint when every condition it sets holds (company, sector, category or
one of its sub-categories, severity, channel, customer tier; an empty
condition matches anything); among the matching policies the one with the
most conditions set wins, ties broken by sequence, then id.
"""

#: the conditions a policy may set (an empty one matches anything)
CONDITION_FIELDS = (
    "company_id",
    "sector",
    "category_id",
    "severity",
    "channel_id",
    "customer_tier",
)
#: the plain values of a policy the matching reads
POLICY_ROW = ("id", *CONDITION_FIELDS, "specificity", "sequence")
#: units counted in whole numbers
WHOLE_UNITS = ("working_days", "calendar_days")


def match_key(policy, complaint):
    """``None`` when ``policy`` does not apply to ``complaint``, else its
    sort key (lowest wins).  ``policy``: a dict of ``POLICY_ROW``;
    ``complaint``: a dict with ``company_id``, ``sector``, ``category_ids``
    (the complaint's category and its ancestors), ``severity``,
    ``channel_id`` and ``customer_tier`` (ids and values, falsy when
    empty)."""
    if policy["company_id"] and policy["company_id"] != complaint["company_id"]:
        return None
    for name in ("sector", "severity", "channel_id", "customer_tier"):
        if policy[name] and policy[name] != complaint[name]:
            return None
    if policy["category_id"] and policy["category_id"] not in complaint["category_ids"]:
        return None
    return (-policy["specificity"], policy["sequence"], policy["id"])


def best_policy(policies, complaint):
    """Id of the most specific policy of ``policies`` matching
    ``complaint`` (see :func:`match_key`), or ``None``."""
    best, best_key = None, None
    for policy in policies:
        key = match_key(policy, complaint)
        if key is not None and (best_key is None or key < best_key):
            best, best_key = policy["id"], key
    return best


def target_amount(amount, unit):
    """The amount of a target as the deadline engine takes it: an ``int``
    for day units and whole numbers."""
    if unit in WHOLE_UNITS or float(amount).is_integer():
        return int(amount)
    return amount
