"""Variables of pre-approved SMS templates (BASE-46).  Pure functions.

In China an SMS goes out only as an approved template of the provider: the
gateway sends the template code and the values of its variables, never a
free text.  A template line lists the variables the approved template
uses, in its order, as ``name`` or ``provider_name=name`` separated by
commas, e.g. ``number,deadline,link`` or ``code=number,date=deadline``.
``name`` is one of the values the complaint gives (``number``, ``deadline``,
``contact``, ``phone``, ``link``, ``rating_link``, ``company``, ``subject``
and what a sector adds).
"""

import re

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: providers cap one variable's length (Alibaba 35 characters for most
#: variables, Tencent 6-20 for verification codes); links are exempt
MAX_VALUE = 35
LONG_VALUES = ("link", "rating_link")


def parse_variables(text):
    """``"code=number, deadline"`` -> ``[("code", "number"), ("deadline",
    "deadline")]``; raises ``ValueError`` on a malformed entry."""
    pairs = []
    for raw in (text or "").split(","):
        item = raw.strip()
        if not item:
            continue
        provider_name, _sep, name = item.partition("=")
        provider_name = provider_name.strip()
        name = (name or provider_name).strip()
        if not (_NAME.match(provider_name) and _NAME.match(name)):
            raise ValueError(item)
        pairs.append((provider_name, name))
    return pairs


def _clip(name, value):
    value = "" if value is None or value is False else str(value)
    if name in LONG_VALUES:
        return value
    return value[:MAX_VALUE]


def named_params(text, values):
    """Alibaba: ``{provider_name: value}``; a missing value is ``"-"``."""
    return {
        provider_name: _clip(name, values.get(name) or "-")
        for provider_name, name in parse_variables(text)
    }


def ordered_params(text, values):
    """Tencent: the values in the template's order."""
    return [_clip(name, values.get(name) or "-") for _p, name in parse_variables(text)]


def missing_values(text, values):
    """Names the template needs that ``values`` does not give."""
    return [name for _p, name in parse_variables(text) if not values.get(name)]
