"""Pure rules of the banking workflow integrity (BASE-46, BASE-57, BANK-02).

No Odoo import: the models pass plain values and turn the answers into
messages the complaint officer understands.
"""

import datetime as dt

#: clock difference tolerated on a time a user enters (a call, an application)
CLOCK_SKEW = dt.timedelta(minutes=5)

#: ``mail.notification`` states of an e-mail Odoo has queued or sent
MAIL_QUEUED_STATES = frozenset({"ready", "process", "pending", "sent"})


def is_future(moment, now, skew=CLOCK_SKEW):
    """Whether a time entered by a user lies in the future (beyond the
    tolerated clock difference)."""
    return bool(moment) and moment > now + skew


def frozen_changes(vals, frozen):
    """Names of ``frozen`` fields that ``vals`` would change."""
    return sorted(name for name in vals if name in frozen)


def notice_missing_proof(channel, call_record, has_attachment, has_mail, sms_proof):
    """What a notice sent by ``channel`` lacks to prove it was sent (BANK-02,
    BASE-46), or ``None`` when its proof is complete.

    * phone: the call record written by the user, or a recording;
    * letter: the letter or the postal receipt as an attachment;
    * e-mail: the message Odoo's mail queued (an attachment proves nothing);
    * SMS: the gateway's acceptance (its message id).
    """
    if channel == "phone":
        return None if (call_record or "").strip() or has_attachment else "phone"
    if channel == "letter":
        return None if has_attachment else "letter"
    if channel == "email":
        return None if has_mail else "email"
    if channel == "sms":
        return None if sms_proof else "sms"
    return None


def mail_was_queued(statuses):
    """Whether at least one e-mail notification was queued or sent."""
    return any(status in MAIL_QUEUED_STATES for status in statuses)
