"""CBIRC order 2020 No. 3 (银行业保险业消费投诉处理管理办法), as plain data
and functions, no ORM: the one place its periods are defined.

The measures regulate the consumer complaints of banks and insurers alike;
a complaint follows them when its addon says so
(``complaint.complaint._cbirc2020_applies``).  In force since 2020-03-01:

* art. 18: decide within 15 *calendar* days of receipt; a complex case
  within 30 days; a further extension, up to 60 days in total, needs the
  approval of the superior institution (or a head-office senior manager)
  and a notice to the complainant.  Time spent on external appraisal,
  testing, evaluation and mediation does not count: the clock stops and the
  complainant is told.  A last day that is not a working day moves to the
  next working day (DL-3, Civil Code art. 203).
* arts. 19-20: a complainant who disagrees may ask for a review (核查/复核)
  within 30 days of receiving the decision; the reviewing institution
  decides within 30 days of the request.
* art. 14 and the regulators' forwarding: a complaint received from the
  regulator (12378 hotline, forwarding office) is handled as the regulator
  asks and reported back.

Periods are ``(amount, unit)`` pairs as complaint_base's deadline engine
(``tools/deadline.py``) reads them.
"""

CALENDAR_DAYS = "calendar_days"

#: art. 18: decision within 15 calendar days of receipt
DECISION_DAYS = 15
#: art. 18: complex case, within 30 days without any approval
COMPLEX_DAYS = 30
#: art. 18: beyond 30 days in total an extension needs the superior's approval
APPROVAL_THRESHOLD_DAYS = 30
#: art. 18: never beyond 60 days in total
MAX_DAYS = 60

#: art. 18: the reasons for which the clock stops (complaint.sla.pause.reason)
PAUSE_EXTERNAL_APPRAISAL = "external_appraisal"
PAUSE_TESTING = "testing"
PAUSE_EVALUATION = "evaluation"
PAUSE_MEDIATION = "mediation"
PAUSE_REASONS = frozenset(
    {PAUSE_EXTERNAL_APPRAISAL, PAUSE_TESTING, PAUSE_EVALUATION, PAUSE_MEDIATION}
)
#: art. 18: the complainant is told when the clock stops for these reasons
NOTIFIED_PAUSE_REASONS = PAUSE_REASONS

#: arts. 19-20: review requested within 30 days of receiving the decision ...
REVIEW_REQUEST_DAYS = 30
#: ... and decided within 30 days of the request
REVIEW_DECISION_DAYS = 30

#: approval levels of an extension (one selection for every sector)
LEVEL_INSTITUTION = "institution"
LEVEL_SUPERIOR = "superior"
LEVEL_HEAD_OFFICE = "head_office"
APPROVAL_LEVELS = (LEVEL_INSTITUTION, LEVEL_SUPERIOR, LEVEL_HEAD_OFFICE)

SOURCE = "CBIRC order 2020 No. 3, arts. 14, 18-20, 23, 43"


def resolution_period(complexity="simple"):
    """``(amount, unit)`` of the decision period (art. 18).

    >>> resolution_period()
    (15, 'calendar_days')
    >>> resolution_period("complex")
    (30, 'calendar_days')
    """
    days = COMPLEX_DAYS if complexity == "complex" else DECISION_DAYS
    return days, CALENDAR_DAYS


def approval_threshold():
    """``(amount, unit)`` beyond which an extension needs the superior
    institution's approval."""
    return APPROVAL_THRESHOLD_DAYS, CALENDAR_DAYS


def extension_cap():
    """``(amount, unit)``: the longest total period from receipt."""
    return MAX_DAYS, CALENDAR_DAYS


def review_request_period():
    """``(amount, unit)`` of the window to ask for a review, counted from
    the receipt of the decision (art. 19)."""
    return REVIEW_REQUEST_DAYS, CALENDAR_DAYS


def review_decision_period():
    """``(amount, unit)`` of the review decision, counted from the request
    (art. 20)."""
    return REVIEW_DECISION_DAYS, CALENDAR_DAYS


def pause_allowed(reason):
    """True when the measures let the clock stop for ``reason``."""
    return reason in PAUSE_REASONS


def pause_notified(reason):
    """True when the complainant is told that the clock stops."""
    return reason in NOTIFIED_PAUSE_REASONS


def approval_level(needs_superior, approver_is_superior):
    """The level at which an extension is approved: the handling
    institution within 30 days; beyond, the superior institution or a
    head-office senior manager."""
    if not needs_superior:
        return LEVEL_INSTITUTION
    return LEVEL_SUPERIOR if approver_is_superior else LEVEL_HEAD_OFFICE


def regulator_forwarded(channel_is_regulator, current=False):
    """Whether a complaint is forwarded by the regulator: a complaint that
    came through a regulator channel is; otherwise what was recorded stays
    (the flag may be set by hand for a forwarding letter)."""
    return bool(channel_is_regulator or current)


def review_in_window(requested_at, decision_received_at, window_deadline):
    """``None`` when a review request at ``requested_at`` is in time, else
    ``"no_decision"``, ``"before_decision"`` or ``"too_late"``."""
    if not decision_received_at:
        return "no_decision"
    if requested_at < decision_received_at:
        return "before_decision"
    if window_deadline and requested_at > window_deadline:
        return "too_late"
    return None
