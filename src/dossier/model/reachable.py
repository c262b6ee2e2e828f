"""How to reach someone: e-mail addresses and phone numbers, checked when data is read.

Phone numbers are checked and formatted with `phonenumbers` (Google's libphonenumber data):
the rules of every numbering plan are far beyond a pattern of our own. E-mail addresses are
checked for their form with `email-validator`, without asking any server. Both libraries are
imported only when a number or an address is checked or shown, so a dossier without contact
details never pays for them.
"""

from __future__ import annotations

from typing import Annotated

from dossier.model.values import Checked, invalid

EXAMPLE_PHONE = "+81 44 200 2111"


def _check_phone(value: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise invalid(
            "phone",
            "'{value}' is not a phone number in international form",
            {"value": value[:40], "hint": f"write it with its country code, as {EXAMPLE_PHONE}"},
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise invalid(
            "phone",
            "'{value}' is not a valid number of its country's phone plan",
            {"value": value[:40], "hint": "check the digits and the country code"},
        )
    return value


def _check_email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise invalid(
            "email",
            "'{value}' is not an e-mail address: {reason}",
            {"value": value[:80], "reason": str(error)},
        ) from None
    return value


Phone = Annotated[str, Checked(_check_phone, (("pattern", r"^\+"), ("examples", (EXAMPLE_PHONE,))))]
"""A phone number with its country code, stored as written."""
Email = Annotated[str, Checked(_check_email, (("format", "email"),))]
"""An e-mail address."""


def international(phone: str) -> str:
    """`+81 44-200-2111`: the number as its country's plan writes it internationally."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def tel_uri(phone: str) -> str:
    """`tel:+81-44-200-2111` (RFC 3966), for vCards and links."""
    import phonenumbers

    number = phonenumbers.parse(phone, None)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966))
