"""Remove personal data from text before it is stored: e-mail addresses, card numbers and phone numbers."""
from __future__ import annotations

import re

# Each pattern takes time linear in the text. A match may start only where a run of its characters starts
# (the look-behinds), and possessive quantifiers (++, *+, ?+) never give back what they took, so no part of
# the text is scanned again from each position after it (the patterns before issue 11 took 62 s at 100,000
# characters). Which runs of digits are personal is then decided once per run, in Python.
LOCAL_PART = r"(?<![\w.+-])[\w.+-]++"
LABEL = r"[\w-]++"
AT = r"(?:\s*+@\s*+|\s*+[\[(]\s*+at\s*+[\])]\s*+)"  # jo@example.org, jo (at) example.org, jo [at] ...
SPELLED_DOT = r"(?:\s*+[\[(]\s*+dot\s*+[\])]\s*+|\s++dot\s++)"
DOT = rf"(?:\.|{SPELLED_DOT})"
EMAIL = re.compile(rf"{LOCAL_PART}{AT}{LABEL}(?:{DOT}{LABEL})++", re.IGNORECASE)
# "jo at example dot com": a spelled-out "at" counts only beside a spelled-out "dot", so that
# "look at indeed.com" is still a question about a web site.
SPELLED_EMAIL = re.compile(rf"{LOCAL_PART}\s++at\s++{LABEL}(?:\.{LABEL})*+{SPELLED_DOT}{LABEL}(?:{DOT}{LABEL})*+",
                           re.IGNORECASE)
# A run of digits joined by up to three spaces, dots, dashes, slashes or brackets, with an optional extension
# ("ext. 12", "x12", "#12"); not one that goes on from a word, a figure ("12,345", "3.5") or an amount ("$").
NUMBER = re.compile(r"(?<![\w,.+$])(?P<main>\+?(?:\(\s?)?\d++(?:[\s().\-/]{1,3}+\d++)*+)"
                    r"(?:\s*+(?i:ext(?:ension)?\.?|x|\#)\s*+\d{1,6}+(?!\d))?+")
YEAR = re.compile(r"(?:19|20)\d\d")
LOCAL_PHONE = re.compile(r"[2-9]\d\d[-. ]\d{4}")  # a 7-digit local number: 555-0123


def luhn(digits: str) -> bool:
    """Say whether a string of digits passes the Luhn check that card numbers carry."""
    total = 0
    for n, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if n % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _number(match: re.Match) -> str:
    """Return the placeholder for a card or phone number, or the run of digits itself if it is neither."""
    text, main = match.group(), match.group("main")
    after = match.string[match.end():match.end() + 2]
    if after[:1].isalnum() or after[:1] == "_" or (after[:1] in ",." and after[1:2].isdigit()):
        return text  # it goes on as a word or a figure ("12,345,678.5")
    digits = "".join(re.findall(r"\d", main))
    if 13 <= len(digits) <= 19 and luhn(digits):
        return "[card]"
    if all(YEAR.fullmatch(group) for group in re.findall(r"\d+", main)):
        return text  # a list of years ("1999 2005 2010") is not a phone number
    if 9 <= len(digits) <= 15 or LOCAL_PHONE.fullmatch(main):
        return "[phone]"
    return text


def redact(text: str) -> str:
    """Replace e-mail addresses, card numbers and phone numbers with placeholders."""
    text = SPELLED_EMAIL.sub("[email]", EMAIL.sub("[email]", text))
    return NUMBER.sub(_number, text)
