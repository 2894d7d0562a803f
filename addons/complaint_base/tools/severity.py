"""Severity rules of BASE-11, as plain functions (no ORM).

Seed 002 第十三条 and seed 004 第4篇 list what makes a complaint *major*
(重大投诉).  Each rule is a flag the registrar or the handler ticks; a
scheduled check adds the time-based ones (valid complaint unresolved after one
month, general complaint not handled in time).

Seed 004 grades complaints a/b/c (urgent / important / general); the product
maps them onto the three levels used everywhere else::

    a (紧急) -> major, b (重要) -> important, c (一般) -> general
"""

SEVERITY_ORDER = {"general": 0, "important": 1, "major": 2}

#: flag name -> human reason (English source, translated in the model)
MAJOR_RULES = (
    ("serious_harm", "serious material, economic, mental or bodily harm"),
    ("is_mass", "complaint by many customers / mass dispute"),
    ("about_leadership", "complaint about a company leader"),
    ("company_harm", "serious harm to the company"),
    ("media_involved", "media exposure"),
    ("unresolved_month", "valid complaint unresolved after one month"),
    ("handled_late", "general complaint not handled in time"),
)

SEED_004_GRADES = {"a": "major", "b": "important", "c": "general"}


def major_flags(flags):
    """The flags (in rule order) that make a complaint major.

    ``flags`` is any mapping of flag name -> truthy value.
    """
    return [flag for flag, _reason in MAJOR_RULES if flags.get(flag)]


def major_reasons(flags):
    """The reasons (English, in rule order) that make a complaint major."""
    reasons = dict(MAJOR_RULES)
    return [reasons[flag] for flag in major_flags(flags)]


def escalate_severity(current, flags):
    """Severity after applying the major rules: never lowered, only raised."""
    if major_flags(flags):
        return "major"
    return current or "general"


def max_severity(*levels):
    """The highest of the given severity levels."""
    return max((lvl or "general" for lvl in levels), key=SEVERITY_ORDER.__getitem__)
