"""``formlint burden --compare`` / ``--diff`` output: text for the terminal, Markdown for a
pull request comment or a CI job summary, JSON for tools."""

from __future__ import annotations

import json
import re

from formlint import __version__
from formlint.burden_change import Comparison, FormChange
from formlint.burden_report import element_label, file_notes, minutes_text
from formlint.reporters.escape import encodable, printable

PART_NAMES = {"lookups": "look-ups"}


def _signed(value: float) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + minutes_text(abs(value))


def _change(change: FormChange) -> str:
    """"-131.8 min, -99%" (no share for a new form)."""
    share = change.share
    return f"{_signed(change.minutes)} min" + (f", {share:+.0%}" if share is not None else "")


def _hours(comparison: Comparison, minutes: float) -> str:
    hours = comparison.hours_a_year(minutes)
    return "" if hours is None else f"; {_signed(hours)} hours a year at {comparison.responses:,} responses"


def _parts(change: FormChange, arrow: str) -> str:
    return ", ".join(f"{PART_NAMES.get(part, part)} {minutes_text(old)} {arrow} {minutes_text(new)}"
                     for part, (old, new) in change.breakdown().items())


def _labels(elements: list[str]) -> str:
    return ", ".join(element_label(e) for e in elements)


def _lines(change: FormChange, comparison: Comparison, arrow: str = "->") -> list[tuple[str, str]]:
    """(heading, text) rows describing one form's change; shared by text and Markdown."""
    before, after = change.before, change.after
    rows: list[tuple[str, str]] = []
    if before is None and after is not None:
        rows.append(("estimated", f"new form: {minutes_text(after.minutes)} min{_hours(comparison, change.minutes)}"))
    elif after is None and before is not None:
        rows.append(("estimated", f"form removed: {minutes_text(before.minutes)} min no longer asked of anyone"
                                  f"{_hours(comparison, change.minutes)}"))
    else:
        span = f"{minutes_text(change.minutes_before)} {arrow} {minutes_text(change.minutes_after)}"
        rows.append(("estimated", f"{span} min ({_change(change)}{_hours(comparison, change.minutes)})"))
        if change.breakdown():
            rows.append(("parts", _parts(change, arrow)))
    if before is not None and after is not None:
        route = []
        if change.steps_removed:
            route.append("no longer " + ", ".join(change.steps_removed))
        if change.steps_added:
            route.append("now also " + ", ".join(change.steps_added))
        if route:
            rows.append(("route", "; ".join(route)))
        rows.append(("questions", f"{before.questions} {arrow} {after.questions}; "
                                  f"words {before.words:,} {arrow} {after.words:,}"))
        if change.elements_removed:
            rows.append(("no longer asks", _labels(change.elements_removed)))
        if change.elements_added:
            rows.append(("newly asks", _labels(change.elements_added)))
        if before.stated is not None or after.stated is not None:
            rows.append(("stated", f"{minutes_text(before.stated)} {arrow} {minutes_text(after.stated)} min"))
    else:
        row = after or before
        assert row is not None
        rows.append(("questions", f"{row.questions}; words {row.words:,}; {', '.join(row.steps)}"))
    rows.extend(("note", note) for note in change.notes())
    return rows


def _summary(comparison: Comparison, arrow: str = "->") -> str:
    total = len(comparison.changes)
    if not total:
        return "No forms to compare."
    changed = len(comparison.compared)
    head = f"{total} form{'s' if total != 1 else ''} compared, {changed} changed"
    if not changed:
        return head + "."
    over = " over all of them" if total > 1 else ""
    span = f"{minutes_text(comparison.minutes_before)} {arrow} {minutes_text(comparison.minutes_after)}"
    return (f"{head}: estimated {span} min "
            f"per response{over} ({_signed(comparison.minutes)} min{_hours(comparison, comparison.minutes)}). "
            "Estimates are approximate; the change between versions is what they measure best.")


def render_text(comparison: Comparison) -> str:
    out: list[str] = []
    for change in comparison.compared:
        out.append(printable(change.label()))
        width = max(len(heading) for heading, _ in _lines(change, comparison))
        for heading, text in _lines(change, comparison):
            out.append(f"  {heading.ljust(width)}  {printable(text)}")
        out.append("")
    out.append(_summary(comparison))
    for change in comparison.unchanged:
        out.append(f"unchanged {printable(change.name)}: {minutes_text(change.minutes_after)} min")
    out.extend(file_notes(comparison.skipped, comparison.unreadable))
    return "\n".join(out) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
ARROW = "\u2192"  # Markdown is read rendered: an arrow, not "->" with its ">" escaped


def _md(text: str) -> str:
    """Text from files, safe inside a Markdown table cell or list item."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))


def render_markdown(comparison: Comparison) -> str:
    out = ["## Burden before and after", "", _md(_summary(comparison, ARROW)), ""]
    compared = comparison.compared
    if compared:
        out += ["| Form | Before (min) | After (min) | Change | Route | Questions |", "|---|---:|---:|---|---|---|"]
        for change in compared:
            before, after = change.before, change.after
            route = "; ".join([*(f"no longer {s}" for s in change.steps_removed),
                               *(f"now also {s}" for s in change.steps_added)])
            questions = (f"{before.questions} {ARROW} {after.questions}" if before and after
                         else str((after or before).questions if (after or before) else ""))
            status = "new form" if before is None else "removed" if after is None else _change(change)
            out.append(f"| {_md(change.label(ARROW))} | {minutes_text(before.minutes) if before else '-'} | "
                       f"{minutes_text(after.minutes) if after else '-'} | {_md(status)} | {_md(route) or '-'} | "
                       f"{_md(questions)} |")
        out.append("")
        for change in compared:
            in_table = ("estimated", "questions", "route")
            details = [(h, t) for h, t in _lines(change, comparison, ARROW) if h not in in_table]
            if details:
                out.append(f"**{_md(change.label(ARROW))}**")
                out += [f"- {_md(heading)}: {_md(text)}" for heading, text in details]
                out.append("")
    for label, rows in (("Unreadable", comparison.unreadable), ("Skipped", comparison.skipped)):
        if rows:
            out.append(f"{label}: " + "; ".join(f"{_md(path)} ({_md(why)})" for path, why in rows))
            out.append("")
    out.append(f"<sub>formlint {__version__} burden estimate; see `formlint explain burden/burden-estimate-mismatch`."
               "</sub>")
    return "\n".join(out) + "\n"


def render_json(comparison: Comparison) -> str:
    document = {
        "formlint": __version__,
        "responses_a_year": comparison.responses,
        "summary": {
            "changed": len(comparison.compared), "unchanged": len(comparison.unchanged),
            "estimated_minutes_before": comparison.minutes_before, "estimated_minutes_after": comparison.minutes_after,
            "change_minutes": comparison.minutes, "change_hours_a_year": comparison.hours_a_year(comparison.minutes),
        },
        "forms": [c.as_dict() for c in comparison.compared + comparison.unchanged],
        "skipped": [{"path": p, "reason": r} for p, r in comparison.skipped],
        "unreadable": [{"path": p, "reason": r} for p, r in comparison.unreadable],
    }
    return encodable(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
