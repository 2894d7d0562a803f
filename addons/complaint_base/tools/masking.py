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


def phone_digits(value):
    """The digits that identify a phone number, for matching numbers typed
    differently (``+86 138 0013 8000`` and ``13800138000``): the last 11
    digits (a mainland mobile number without the country code), or all the
    digits of a shorter number."""
    digits = "".join(_DIGIT.findall(value or ""))
    return digits[-11:]


# ---------------------------------------------------------------- domains
# A domain is a prefix-notation list of "&", "|", "!" and (left, op, right)
# leaves, normalised by the caller (``expression.normalize_domain``).

_OPERATORS = ("&", "|", "!")


def _is_leaf(token):
    return isinstance(token, list | tuple) and len(token) == 3


def _leaf_field(token):
    left = token[0]
    return left.split(".", 1)[0] if isinstance(left, str) else None


def domain_fields(domain, names):
    """Which of ``names`` a domain filters on (first element of each leaf)."""
    return {
        _leaf_field(token)
        for token in domain or ()
        if _is_leaf(token) and _leaf_field(token) in names
    }


def relax_domain(domain, names):
    """The domain with every leaf on ``names`` made neutral-to-true: the
    records it selects include those selected by the original domain, for
    any value of those fields.  Used to decide, without looking at the
    hidden values, which records a search on them could reach.

    ``domain`` must be normalised (explicit "&" operators).  A leaf under an
    odd number of "!" becomes false (so that its negation is true).
    """
    result = []
    negated = [False]  # polarity of the sub-expression expected next
    for token in domain:
        polarity = negated.pop() if negated else False
        if token in _OPERATORS:
            result.append(token)
            if token == "!":
                negated.append(not polarity)
            else:
                negated.extend((polarity, polarity))
        elif _is_leaf(token) and _leaf_field(token) in names:
            result.append((0, "=", 1) if polarity else (1, "=", 1))
        else:
            result.append(token)
    return result


def order_fields(order, names):
    """Which of ``names`` an ORDER BY specification sorts on."""
    found = set()
    for part in (order or "").split(","):
        words = part.strip().split()
        if words:
            fname = words[0].strip('"').split(".", 1)[0].split(":", 1)[0]
            if fname in names:
                found.add(fname)
    return found


def spec_fields(specs, names):
    """Which of ``names`` read_group specifications (``phone``,
    ``phone:count_distinct``, ``received_at:month``) use."""
    found = set()
    for spec in specs or ():
        if isinstance(spec, str):
            fname = spec.split(":", 1)[0].split(".", 1)[0]
            if fname in names:
                found.add(fname)
    return found


def mask_value(name, value):
    """Masked form of ``value`` of field ``name`` (phone or ID number)."""
    if not value or not isinstance(value, str):
        return value
    if name == "id_number":
        return mask_id_number(value)
    return mask_phone(value)


def runs(ids, marked):
    """Consecutive runs of ``ids`` (order kept) that are all in ``marked``
    or all out of it: ``[(in marked?, [ids]), ...]``.  An export masks a
    run at a time and keeps the rows in the order asked."""
    result = []
    for record_id in ids:
        flag = record_id in marked
        if result and result[-1][0] == flag:
            result[-1][1].append(record_id)
        else:
            result.append((flag, [record_id]))
    return result
