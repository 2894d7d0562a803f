"""Insurance complaint rules (INS-02 … INS-10) as plain functions, no ORM.

Source: seed 000, "投诉流程及操作规范" of a property & casualty insurer
(95511 hotline), and the CBIRC 2020 No. 3 measures (银行业保险业消费投诉
处理管理办法) that apply to insurers and banks alike.

The models only read their records into arguments and call these functions,
so the rules can be read, and tested, on their own.
"""

from dateutil.relativedelta import relativedelta

from odoo.addons.complaint_base.tools.deadline import end_of_local_day

# --------------------------------------------------------------- INS-02
#: 12378 case without violation: accepted in the system within 1 working day
REGULATOR_ACK_WORKING_DAYS = 1
#: 12378 case involving a violation: reported to the audit department within
#: 3 working days of receipt
AUDIT_REPORT_WORKING_DAYS = 3

# --------------------------------------------------------------- INS-10
# The 2020 measures' periods (15/30/60 days, the superior's approval above
# 30 days, the notified pauses, the 30 + 30-day review) are defined once,
# in complaint_base's tools/cbirc2020.py.

# --------------------------------------------------------------- INS-08/09
#: rectification report within one month of reaching media/regulator/HQ
RECTIFICATION_MONTHS = 1
#: a caller kept online this long may be transferred to the branch handler
LIVE_TRANSFER_MINUTES = 15

# --------------------------------------------------------------- INS-04
UPGRADE_ALWAYS_TIERS = ("important",)
UPGRADE_IF_URGENT_TIERS = ("value", "normal")


def regulator_targets(forwarded, involves_violation):
    """SLA targets of a 12378 case: ``{kind: (amount, unit)}`` (INS-02).

    Both are counted from the receipt (DL-2: the receipt day is not counted,
    the period ends at 23:59:59 local time of the last working day).
    """
    if not forwarded:
        return {}
    if involves_violation:
        return {"audit_report": (AUDIT_REPORT_WORKING_DAYS, "working_days")}
    return {"acknowledge": (REGULATOR_ACK_WORKING_DAYS, "working_days")}


def upgrade_reason(tier, urgent, business_risk):
    """Why a complaint is upgraded (INS-04), or ``None`` when it is not.

    Seed 000 第一条(二): complaints of important customers, and urgent
    complaints of value and normal customers, are upgraded; a complaint with
    no business risk is not upgraded and stays with the first handler.
    """
    if not business_risk:
        return None
    if tier in UPGRADE_ALWAYS_TIERS:
        return "important_customer"
    if urgent and tier in UPGRADE_IF_URGENT_TIERS:
        return "urgent"
    return None


def handling_branch(underwriting, loss):
    """Branch that handles the complaint (INS-05): for an off-site claim (the
    loss happened at another branch) the underwriting branch handles it and
    answers for time and satisfaction; otherwise the underwriting branch, or
    the loss branch when the policy's branch is unknown.  Any value works
    (ids or records); falsy means unknown."""
    return underwriting or loss or None


def is_offsite_claim(underwriting, loss):
    """An off-site claim (异地理赔): both branches known and different."""
    return bool(underwriting and loss and underwriting != loss)


def counted_branch(offsite, underwriting, responsible, overdue, repeat):
    """Branch whose complaint count the complaint goes to (INS-05).

    Seed 000 第二条(二)4(2)④: an off-site complaint handled beyond the closing
    time limit, or repeated through the responsible branch's fault, counts
    against the responsible branch; any other counts against the underwriting
    branch.  A complaint that is not off-site counts against the responsible
    branch once liability is decided, else the underwriting branch.
    """
    if offsite:
        if responsible and (overdue or repeat):
            return responsible
        return underwriting or responsible or None
    return responsible or underwriting or None


def minutes_online(call_started_at, now):
    """Whole minutes between the call start and ``now`` (naive UTC)."""
    if not call_started_at:
        return 0
    return int((now - call_started_at).total_seconds() // 60)


def live_transfer_allowed(call_started_at, now, threshold=LIVE_TRANSFER_MINUTES):
    """INS-09: a caller unresolved after ``threshold`` minutes online may be
    transferred live to the branch handler."""
    return bool(call_started_at) and minutes_online(call_started_at, now) >= threshold


def add_months_deadline(start_utc, months, calendar):
    """End of the local day ``months`` calendar months after ``start_utc``,
    rolled forward to a working day (DL-3 applied to a period in months:
    Civil Code art. 202, the same date of the last month; art. 203, a
    holiday moves the end to the next working day).  Naive UTC in and out;
    ``calendar`` is a ``complaint_base.tools.deadline.WorkCalendar``."""
    local_day = calendar.to_local(start_utc).date()
    target = local_day + relativedelta(months=months)
    return end_of_local_day(calendar.next_working_day(target), calendar.tz)


def deadline_status(deadline, done_at, now):
    """``met`` / ``missed`` / ``open`` / ``overdue`` / ``none`` for a report.

    ``met`` when done by the deadline, ``missed`` when done after it,
    ``overdue`` when not done and the deadline passed, ``open`` otherwise.
    """
    if not deadline:
        return "none"
    if done_at:
        return "met" if done_at <= deadline else "missed"
    return "overdue" if now > deadline else "open"
