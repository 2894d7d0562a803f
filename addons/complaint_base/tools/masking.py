"""Masking of personal identifiers (BASE-55, PIPL art. 51: minimum
necessary access).  Pure functions, no Odoo import.

Users who do not handle a complaint see ``138****8000`` instead of the
phone number and ``1101**********1234`` instead of the ID number.
"""

import re

_DIGIT = re.compile(r"\d")


def mask_phone(value):
    """Keep the first 3 and last 4 digits of a phone number.

    Separators and a leading country code are kept readable:
    ``+86 138 0013 8000`` becomes ``+86 138 **** 8000``; numbers with fewer
    than 8 digits keep only their last 2 digits.
    """
    if not value:
        return value
    digits = _DIGIT.findall(value)
    total = len(digits)
    if total >= 11 and value.lstrip().startswith("+86"):
        keep_head = 5  # "86" + the 3-digit mobile prefix
    elif total >= 8:
        keep_head = 3
    else:
        keep_head = 0
    keep_tail = 4 if total >= 8 else min(2, total)
    out = []
    seen = 0
    for char in value:
        if char.isdigit():
            seen += 1
            if seen <= keep_head or seen > total - keep_tail:
                out.append(char)
            else:
                out.append("*")
        else:
            out.append(char)
    return "".join(out)


def mask_id_number(value):
    """Keep the first 4 and the last 4 characters of an ID number
    (18-character resident ID: the region code prefix and the check part);
    short values keep only their last character."""
    if not value:
        return value
    value = value.strip()
    if len(value) <= 8:
        return "*" * (len(value) - 1) + value[-1:]
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_email(value):
    """``z***@example.cn``: first character of the local part only."""
    if not value or "@" not in value:
        return value
    local, domain = value.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"
