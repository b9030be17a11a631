"""The rows of a burden report: one per form, read from the per-file facts of a run.

``formlint burden`` prints them (:mod:`formlint.commands.burden`) and ``burden --compare``
/ ``--diff`` pairs two versions of each (:mod:`formlint.burden_change`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from datetime import date
from typing import Any

from formlint import dates
from formlint.burden import ratio
from formlint.classify import default_taxonomy
from formlint.reporters.escape import printable
from formlint.results import FileResult

BREAKDOWN = ("reading", "notices", "fields", "lookups", "uploads", "gathering", "channel")


@dataclass
class FormRow:
    path: str
    format: str
    kind: str
    pages: int | None
    words: int
    fields: int
    questions: int
    fields_by_type: dict[str, int]
    minutes: float
    low: float
    high: float
    breakdown: dict[str, float]
    steps: list[str]
    stated: float | None
    elements: list[str]
    assumptions: list[str]
    omb_number: str | None = None
    omb_expires: date | None = None  # the printed expiration date, read as a day

    @property
    def ratio(self) -> float | None:
        return ratio(self.stated, self.minutes)

    def approval(self, today: date) -> str | None:
        """The OMB approval as a forms manager tracks it: number, date and how far off it is."""
        if self.omb_number is None:
            return None
        if self.omb_expires is None:
            return f"OMB {self.omb_number}, no expiration date shown"
        days = (self.omb_expires - today).days
        when = (f"expired {-days} days ago" if days < 0 else "expires today" if days == 0
                else f"expires in {days} days")
        return f"OMB {self.omb_number}, {self.omb_expires.isoformat()}: {when}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "format": self.format, "kind": self.kind, "pages": self.pages, "words": self.words,
            "fields": self.fields, "questions": self.questions, "fields_by_type": self.fields_by_type,
            "estimated_minutes": self.minutes, "range": [self.low, self.high], "breakdown": self.breakdown,
            "steps": self.steps, "stated_minutes": self.stated, "ratio": self.ratio, "elements": self.elements,
            "assumptions": self.assumptions, "omb_number": self.omb_number,
            "omb_expires": self.omb_expires.isoformat() if self.omb_expires else None,
        }


@dataclass
class Report:
    forms: list[FormRow] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    responses: int | None = None  # responses a year to each form (--responses), for hours a year

    def elements(self) -> list[dict[str, Any]]:
        """The tell-us-once table: every element, the forms asking for it, most asked first."""
        asked: dict[str, list[str]] = {}
        for form in self.forms:
            for element in form.elements:
                asked.setdefault(element, []).append(form.path)
        rows = [{"element": element, "label": element_label(element), "forms": len(paths), "which": paths}
                for element, paths in asked.items()]
        rows.sort(key=lambda r: (-r["forms"], r["element"]))
        return rows


def build_report(results: Iterable[FileResult]) -> Report:
    report = Report()
    for result in results:
        stats = result.stats
        if "unreadable" in stats:
            report.unreadable.append((result.path, str(stats["unreadable"])))
            continue
        if result.skipped:
            report.skipped.append((result.path, result.skipped))
            continue
        if stats.get("form") not in ("form", "flat-form") or not stats.get("burden"):
            report.skipped.append((result.path, f"not a form ({stats.get('form') or 'document'})"))
            continue
        burden = stats["burden"]
        pra = stats.get("pra") or {}
        elements = sorted({row["element"] for row in stats.get("data_elements", []) if row.get("element")})
        report.forms.append(FormRow(
            path=result.path, format=result.format.value if result.format else "", kind=stats["form"],
            pages=stats.get("pages"), words=int(stats.get("words") or 0), fields=int(stats.get("fields") or 0),
            questions=int(burden.get("questions") or 0), fields_by_type=dict(burden.get("fields_by_type") or {}),
            minutes=float(burden["minutes"]), low=float(burden["low"]), high=float(burden["high"]),
            breakdown=dict(burden["breakdown"]), steps=list(burden.get("steps") or []),
            stated=stats.get("stated_burden_minutes"), elements=elements,
            assumptions=list(burden.get("assumptions") or []),
            omb_number=pra.get("omb_number"),
            omb_expires=dates.parse_form_date(pra["expiration"]) if pra.get("expiration") else None,
        ))
    return report


def file_notes(skipped: Iterable[tuple[str, str]], unreadable: Iterable[tuple[str, str]]) -> list[str]:
    """The text report's last lines: files that are not forms, and files that could not be
    read (names from the file system, made printable)."""
    return ([f"skipped {printable(path)}: {printable(why)}" for path, why in skipped]
            + [f"unreadable {printable(path)}: {printable(why)}" for path, why in unreadable])


@cache
def _element_labels() -> dict[str, str]:
    return {e.id: e.label for e in default_taxonomy().elements}


def element_label(element: str) -> str:
    """How the reports name a data element ("ssn" -> "Social Security number")."""
    return _element_labels().get(element, element)


def minutes_text(value: float | None) -> str:
    """Minutes as the reports write them: "12", "133.6", "26,360"; "-" for none."""
    if value is None:
        return "-"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def hours_a_year(minutes: float, responses: int | None) -> float | None:
    """Minutes per response as hours a year at ``responses`` responses (the unit of the PRA
    inventory); None when the number of responses is not given."""
    return None if responses is None else round(minutes * responses / 60, 1)
