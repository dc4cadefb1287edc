"""Remove personal data from text before it is stored: e-mail addresses and phone numbers."""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Nine to fifteen digits run together or joined by spaces, dots, dashes or brackets (a phone number),
# but not numbers written with thousands separators such as 12,345.
PHONE = re.compile(r"(?<![\w,.])\+?(?:[()\s.-]*\d){9,15}(?![\w,])")
YEAR = re.compile(r"(19|20)\d\d")


def _phone(match: re.Match) -> str:
    groups = re.findall(r"\d+", match.group())
    if all(YEAR.fullmatch(g) for g in groups):
        return match.group()  # a list of years ("1999 2005 2010") is not a phone number
    return "[phone]"


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers with placeholders."""
    return PHONE.sub(_phone, EMAIL.sub("[email]", text))
