"""Regulation profiles of bank consumer complaints, as plain data and functions.

No ORM here: the models of ``complaint_banking`` translate a complaint into
the few values these functions need (profile code, complexity, dates) and
turn the ``(amount, unit)`` answers into datetimes with complaint_base's
deadline engine (``tools/deadline.py``: DL-2 for working days, DL-3 for
calendar days, including the art. 203 roll-over to the next working day).

Two profiles ship (BANK-01a, BANK-01b):

``cbrc_2012``  CBRC notice of 2012 on consumer complaints (seed 003 F 九):
    decide within 15 *working* days of receipt; a complex case or one with
    a special reason may be extended, with a reason and a notice to the
    customer, to at most 60 working days in total.  The notice knows no
    clock pauses.

``cbirc_2020``  CBIRC order 2020 No. 3, which regulates banks and insurers
    alike: its periods are defined once, in complaint_base's
    ``tools/cbirc2020.py``; this profile only reads them.
"""

from collections import namedtuple

from odoo.addons.complaint_base.tools import cbirc2020

CBRC_2012 = "cbrc_2012"
CBIRC_2020 = "cbirc_2020"
DEFAULT_PROFILE = CBIRC_2020

WORKING_DAYS = "working_days"
CALENDAR_DAYS = cbirc2020.CALENDAR_DAYS

#: pause reasons (complaint.sla.pause.reason) that stop the 2020 clock
PAUSE_EXTERNAL_APPRAISAL = cbirc2020.PAUSE_EXTERNAL_APPRAISAL
PAUSE_TESTING = cbirc2020.PAUSE_TESTING
PAUSE_EVALUATION = cbirc2020.PAUSE_EVALUATION
PAUSE_MEDIATION = cbirc2020.PAUSE_MEDIATION

#: BANK-04: this many people complaining in person make a mass complaint
MASS_IN_PERSON_THRESHOLD = 20

#: BANK-08: the complainant applies for a review within 30 days of receiving
#: the decision; the superior institution decides within 30 days
REVIEW_APPLICATION_PERIOD = cbirc2020.review_request_period()
REVIEW_DECISION_PERIOD = cbirc2020.review_decision_period()

Profile = namedtuple(
    "Profile",
    [
        "code",
        "unit",
        "decision_days",
        "complex_days",
        "approval_threshold_days",
        "max_days",
        "pause_reasons",
        "source",
    ],
)
Profile.__doc__ = """Time limits of one regulation.

* ``unit``: how days are counted (``working_days`` or ``calendar_days``);
* ``decision_days``: decision period of an ordinary case;
* ``complex_days``: decision period of a complex case without any approval
  (``None``: complexity alone does not change the period);
* ``approval_threshold_days``: an extension beyond this total needs the
  approval of the superior institution (``None``: no such step);
* ``max_days``: the longest total period any extension may reach;
* ``pause_reasons``: clock-pause reasons the regulation accepts.
"""

PROFILES = {
    CBRC_2012: Profile(
        code=CBRC_2012,
        unit=WORKING_DAYS,
        decision_days=15,
        complex_days=None,
        approval_threshold_days=None,
        max_days=60,
        pause_reasons=frozenset(),
        source="CBRC 2012 notice, seed 003 F 九",
    ),
    CBIRC_2020: Profile(
        code=CBIRC_2020,
        unit=cbirc2020.CALENDAR_DAYS,
        decision_days=cbirc2020.DECISION_DAYS,
        complex_days=cbirc2020.COMPLEX_DAYS,
        approval_threshold_days=cbirc2020.APPROVAL_THRESHOLD_DAYS,
        max_days=cbirc2020.MAX_DAYS,
        pause_reasons=cbirc2020.PAUSE_REASONS,
        source=cbirc2020.SOURCE,
    ),
}


def get_profile(code):
    """The :class:`Profile` of ``code`` (falsy: the default profile).

    :raises ValueError: unknown profile code
    """
    code = code or DEFAULT_PROFILE
    try:
        return PROFILES[code]
    except KeyError:
        raise ValueError(
            f"unknown regulation profile {code!r}; expected one of {sorted(PROFILES)}"
        ) from None


def resolution_target(code, complexity="simple"):
    """``(amount, unit)`` of the decision period of a case (BANK-01a/b).

    >>> resolution_target("cbrc_2012")
    (15, 'working_days')
    >>> resolution_target("cbirc_2020", "complex")
    (30, 'calendar_days')
    """
    profile = get_profile(code)
    days = profile.decision_days
    if complexity == "complex" and profile.complex_days:
        days = profile.complex_days
    return days, profile.unit


def extension_cap(code):
    """``(amount, unit)``: the longest total period, counted from receipt,
    that an approved extension may reach."""
    profile = get_profile(code)
    return profile.max_days, profile.unit


def approval_threshold(code):
    """``(amount, unit)`` beyond which an extension needs the approval of
    the superior institution or a head-office senior manager, or ``None``."""
    profile = get_profile(code)
    if profile.approval_threshold_days is None:
        return None
    return profile.approval_threshold_days, profile.unit


def pause_allowed(code, reason):
    """True when the regulation lets the clock stop for ``reason``."""
    return reason in get_profile(code).pause_reasons


def clock_start(received, parent_received=None, parent_open=False, new_facts=False):
    """Start of the decision clock of a complaint (BANK-01b, art. 14).

    A repeat complaint on the same matter received while the original is
    still being handled is merged into it: it shares the original's clock.
    A repeat bringing new facts or reasons is a new complaint with its own
    clock, as is any complaint that is not a repeat.
    """
    if parent_received and parent_open and not new_facts:
        return min(parent_received, received)
    return received


def is_merged_repeat(has_parent, parent_open, new_facts):
    """True when a repeat complaint is handled together with its original."""
    return bool(has_parent and parent_open and not new_facts)


def is_mass_in_person(people_in_person):
    """BANK-04: 20 or more people complaining in person."""
    return (people_in_person or 0) >= MASS_IN_PERSON_THRESHOLD
