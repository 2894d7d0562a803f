"""Phone numbers for SMS notices (BASE-46).  Pure functions, no Odoo import.

Chinese SMS gateways (Alibaba Cloud, Tencent Cloud) take numbers in E.164
(``+8613800138000``); complainants give them in every shape ("138 0013 8000",
"0086-138...", "+86 (138) 0013 8000").  ``phonenumbers`` is Google's
libphonenumber, which Odoo's ``phone_validation`` also uses.
"""

import phonenumbers

DEFAULT_REGION = "CN"


def to_e164(number, region=DEFAULT_REGION):
    """The number in E.164 form, or ``False`` when it is not a valid number.

    A number without a country code is read as a number of ``region``
    (mainland China unless the company's country says otherwise); a leading
    ``00`` is the international prefix.
    """
    if not number or not isinstance(number, str):
        return False
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(parsed):
        if region and region.upper() != DEFAULT_REGION:
            # a complaint product for China: a bare 1xx number is Chinese
            return to_e164(number, DEFAULT_REGION)
        return False
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """True when the E.164 number can receive SMS (mobile, or a number type
    libphonenumber cannot tell apart from mobile)."""
    if not e164:
        return False
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def national_number(e164):
    """``("86", "13800138000")`` for ``"+8613800138000"`` (provider queries
    take the national number and the country code apart)."""
    parsed = phonenumbers.parse(e164, None)
    return str(parsed.country_code), str(parsed.national_number)
