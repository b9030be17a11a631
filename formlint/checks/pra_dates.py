"""The ``pra-expiry`` rule kind: an OMB approval whose expiration date has passed, or
will pass before a renewal could be through.

A collection of information needs a *current* control number: without one, no one may be
penalized for not answering it (44 U.S.C. 3512), so an expired date tells people they need
not fill in the form. Renewing takes months, because OMB approval follows a 60-day and a
30-day Federal Register notice (5 CFR 1320.8(d)(1), 1320.10(a)); the rule reminds the form's
owner ``renew-days`` before the date.

The findings depend on the day of the run, so the document's results cache entry is marked
to expire on the next day they could change (``CheckContext.holds_until``), unless the
day is fixed with ``as-of``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from formlint import dates
from formlint.checks.base import Param, register
from formlint.checks.burden import FORMAT_SEVERITY, BurdenCheck
from formlint.context import CheckContext
from formlint.model import Document, Finding, Severity


def _days(value: int) -> int:
    if not 0 <= value <= 3660:
        raise ValueError(f"{value} is not a number of days from 0 to 3660 (ten years)")
    return value


@register
class PraExpiryCheck(BurdenCheck):
    kind = "pra-expiry"
    params = {
        "as-of": Param((str, date), None, help="compare with this day (YYYY-MM-DD) instead of the day of the run",
                       convert=dates.parse_iso_day),
        "renew-days": Param(int, 120, help="report (as info) an approval that expires within this many days; 0: never",
                            convert=_days),
        "format-severity": FORMAT_SEVERITY,
    }

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        facts = self.facts(doc, ctx)
        notices = facts.notices
        if not facts.is_form or notices.omb_number is None or notices.expiration is None:
            return
        expires = dates.parse_form_date(notices.expiration_value or "")
        if expires is None:
            return
        as_of: date | None = self.options["as-of"]
        renew = timedelta(days=self.options["renew-days"])
        if as_of is None:
            as_of = dates.today()
            # The findings change the day the reminder starts and the day after the date;
            # a date that has passed stays passed.
            if as_of <= expires - renew:
                ctx.holds_until(expires - renew + timedelta(days=1))
            elif as_of <= expires:
                ctx.holds_until(expires + timedelta(days=1))
        printed = notices.expiration_value
        if as_of > expires:
            yield self.finding(
                notices.expiration.location,
                severity=self.capped(doc, self.rule.severity),
                text=notices.expiration.text,
                omb=notices.omb_value or "",
                printed=printed,
                suggestions=[self.rule.fix or ""],
                fingerprint=f"expired:{notices.omb_value}:{expires.isoformat()}",
            )
        elif renew and as_of > expires - renew:
            yield self.finding(
                notices.expiration.location,
                severity=self.capped(doc, Severity.INFO),
                text=notices.expiration.text,
                message=("The approval of OMB control number {omb} expires on {printed}, within {days} days: "
                         "renewing it takes a 60-day and a 30-day Federal Register notice, so start now."),
                omb=notices.omb_value or "",
                printed=printed,
                days=renew.days,
                suggestions=["Submit the renewal (information collection request) to OMB, or, if the form is being "
                             "withdrawn, plan its replacement before the date."],
                fingerprint=f"expiring:{notices.omb_value}:{expires.isoformat()}",
            )
