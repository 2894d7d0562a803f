"""Is a year's official working calendar known? (DL-7)

China's State Council announces the next year's public holidays and make-up
working days (调休) late in the year.  The ``holidays`` library ships them
once they are announced; until then, administrators enter them as
calendar overrides (DL-5).  Pure functions, no Odoo import.
"""

import datetime as dt
from functools import lru_cache

import holidays as holidays_lib

#: countries whose schedule is announced year by year (make-up days);
#: elsewhere the library's rules give every year's holidays
ANNOUNCED_COUNTRIES = frozenset({"CN"})
#: from this day of the year on, next year's schedule is awaited
REMINDER_MONTH = 11
REMINDER_DAY = 1

LIBRARY = "library"
OVERRIDES = "overrides"
RULES = "rules"
UNKNOWN = "unknown"


@lru_cache(maxsize=256)
def library_knows(country, subdiv, year):
    """True when the library ships the official schedule of ``year``."""
    if not country:
        return False
    try:
        lib = holidays_lib.country_holidays(country, subdiv=subdiv, years=[year])
    except NotImplementedError:
        return False
    if country not in ANNOUNCED_COUNTRIES:
        return True
    special = getattr(lib, "special_public_holidays", None) or {}
    if year in special:
        return True
    return any(day.year == year for day in getattr(lib, "weekend_workdays", ()))


def schedule_source(country, subdiv, year, override_years=()):
    """Where the schedule of ``year`` comes from: ``library`` (official,
    shipped), ``rules`` (a country without yearly announcements),
    ``overrides`` (entered by an administrator) or ``unknown``."""
    if library_knows(country, subdiv or None, year):
        return LIBRARY if country in ANNOUNCED_COUNTRIES else RULES
    if year in set(override_years):
        return OVERRIDES
    return UNKNOWN


def reminder_due(today, country, subdiv, override_years=()):
    """The year to remind about (next year), or ``None``: from 1 November,
    while next year's schedule is unknown."""
    if not country or country not in ANNOUNCED_COUNTRIES:
        return None
    if (today.month, today.day) < (REMINDER_MONTH, REMINDER_DAY):
        return None
    year = today.year + 1
    if schedule_source(country, subdiv, year, override_years) == UNKNOWN:
        return year
    return None


def shown_years(today):
    """Years shown in the settings: this year and the next."""
    if isinstance(today, dt.datetime):
        today = today.date()
    return [today.year, today.year + 1]
