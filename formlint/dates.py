"""Dates printed on forms ("Expires 03/31/2027", "Expiration Date: 04-30-2025", "June 30,
2024", "12/2026"), and the day a run compares them with.

Forms of U.S. agencies write dates month first; a date that cannot be a calendar day
("13/45/2020") is not a date. A month without a day means its last day: an approval that
"expires 12/2026" is valid through December 31.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

_NUMERIC = re.compile(r"(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*/\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORDS = re.compile(r"([a-z]{3})[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", re.IGNORECASE)


def today() -> date:
    """The day of the run (a function, so that tests can move it)."""
    return date.today()


#: Years a form's date can be in: outside them a "date" is a misread or a typo ("01/01/0001").
YEARS = range(1900, 2201)


def parse_form_date(text: str) -> date | None:
    """The calendar day a form's date names, or None when it names none."""
    day = _parse(text.strip())
    return day if day is not None and day.year in YEARS else None


def _parse(text: str) -> date | None:
    try:
        if found := _ISO.fullmatch(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _NUMERIC.fullmatch(text):
            year = int(found[4]) + (2000 if len(found[4]) == 2 else 0)  # "12/31/26" is 2026
            return date(year, int(found[1]), int(found[3]))
        if found := _MONTH_YEAR.fullmatch(text):
            return _last_day(int(found[2]), int(found[1]))
        if (found := _WORDS.fullmatch(text)) and found[1].lower() in _MONTHS:
            month, year = _MONTHS[found[1].lower()], int(found[3])
            return date(year, month, int(found[2])) if found[2] else _last_day(year, month)
    except ValueError:
        return None  # month 13, February 30
    return None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_iso_day(value: object) -> date:
    """A configured day: a TOML date or "YYYY-MM-DD" (for the ``as-of`` parameter)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD") from None
