"""The report's view model: everything the template lays out, worked out in Python.

The template only loops and prints; counting, ordering, highlighting, outline
placement and link targets are decided here, where they can be tested. Nothing here
reads a file: page images arrive ready-made from :mod:`formlint.pageimages`.
"""

from __future__ import annotations

import base64
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from formlint.engine import FileResult, RunResult
from formlint.model import Finding, Location, Severity
from formlint.pageimages import PageImage
from formlint.rulepacks import Rule

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CATEGORY_ORDER = ("plain-language", "accessibility", "burden", "input")
#: The reading grade the plain-language guidance asks for (7th to 8th grade; see
#: reference plain_thresholds th-10). A rule pack can set its own with the file
#: stat ``grade_target``.
DEFAULT_GRADE_TARGET = 8.0
TOP_RULES = 10
MAX_MARK = 600  # characters of a highlighted span shown in full
MAX_AROUND = 120  # characters of context shown before and after the span
MIN_OUTLINE = 0.012  # smallest outline, as a fraction of the page (visible and clickable)
SAFE_URL = re.compile(r"^(?:https?://|mailto:)[^\s\"'<>]+$", re.IGNORECASE)


# -- small value types ------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of a passage's text; ``refs`` are the findings whose span ends here."""

    text: str
    mark: bool = False
    refs: tuple[tuple[int, str], ...] = ()  # (number, anchor)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    number: int
    anchor: str
    rule: str


@dataclass(frozen=True)
class Change:
    """A suggestion shown as before -> after; ``before`` is None for a field-level advice."""

    before: str | None
    after: tuple[str, ...]
    exact: bool  # a mechanical, exact-span fix (Finding.fix)


@dataclass
class FindingView:
    number: int
    anchor: str
    doc: int
    rule: str
    severity: str
    category: str
    message: str
    location: str
    context: str | None
    span: tuple[int, int] | None  # the matched text within ``context``
    page: int | None
    change: Change | None
    rule_anchor: str
    outline_anchor: str | None = None


@dataclass(frozen=True)
class Outline:
    anchor: str
    target: str  # the finding's anchor
    number: int
    severity: str
    style: str  # left/top/width/height in percent
    label: str
    doc: int
    rule: str
    category: str


@dataclass
class ImageView:
    src: str
    width: int
    height: int
    alt: str
    outlines: list[Outline] = field(default_factory=list)


@dataclass
class Passage:
    """One sentence or label shown once, with the findings on it.

    Prose findings on the same sentence (a long sentence with three hard words) share
    it: the sentence appears once with every flagged span marked and numbered, which is
    easier to read and, on long documents, megabytes smaller.
    """

    segments: list[Segment] | None
    findings: list[FindingView]


@dataclass
class Group:
    heading: str | None
    anchor: str
    passages: list[Passage]
    image: ImageView | None = None


@dataclass(frozen=True)
class FixItem:
    rule: str
    anchor: str  # this item, which also explains the rule for this document
    severity: str
    count: int
    reach: int
    unit: str
    first: str  # anchor of the first finding
    summary: str
    why: str
    fix: str | None
    source_title: str
    source_url: str | None


@dataclass(frozen=True)
class Measure:
    """A scorecard number against its target, with a plain-words verdict."""

    value: str
    target: str | None
    verdict: str
    ok: bool | None  # None: nothing to compare


@dataclass(frozen=True)
class CountRow:
    name: str
    label: str
    counts: tuple[int, ...]  # by SEVERITIES
    total: int


@dataclass
class DocView:
    index: int
    anchor: str
    path: str
    format: str
    total: int
    by_severity: tuple[int, ...]
    skipped: str | None
    unreadable: str | None
    grade: Measure
    burden: Measure
    fields: int | None
    pages: int | None
    words: int | None
    categories: list[CountRow]
    fix_first: list[FixItem]
    groups: list[Group]

    @property
    def severity_text(self) -> str:
        """"3 errors, 1 warning" (severities that occur)."""
        names = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}
        parts = []
        for severity, count in zip(SEVERITIES, self.by_severity):
            if count:
                one, many = names[severity.label]
                parts.append(f"{count:,} {one if count == 1 else many}")
        return ", ".join(parts)


@dataclass(frozen=True)
class RuleRow:
    rule: str
    count: int
    files: int
    severity: str
    summary: str
    source_title: str
    source_url: str | None


@dataclass(frozen=True)
class ElementRow:
    element: str
    subject: str | None
    forms: tuple[tuple[str, str, tuple[str, ...]], ...]  # (path, doc anchor, fields)


@dataclass
class ReportView:
    title: str
    version: str
    generated: str | None
    files: int
    checked: int
    skipped: int
    findings: int
    by_severity: tuple[int, ...]
    severities: tuple[str, ...]
    categories: list[CountRow]
    top_rules: list[RuleRow]
    tell_us_once: list[ElementRow] | None
    docs: list[DocView]
    filter_rules: list[tuple[str, str, int]]  # rule, category, findings
    images: int


# -- helpers ------------------------------------------------------------------------


def category_label(name: str) -> str:
    return name.replace("-", " ").capitalize()


def category_key(name: str) -> tuple[int, str]:
    return (CATEGORY_ORDER.index(name) if name in CATEGORY_ORDER else len(CATEGORY_ORDER), name)


def rule_anchor(doc: int, rule_id: str) -> str:
    return f"d{doc}-r-{rule_id.replace('/', '_')}"


def safe_url(url: str | None) -> str | None:
    """Only web and mail links reach the page: a custom rule's ``javascript:`` URL is text."""
    return url if url and SAFE_URL.match(url.strip()) else None


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def fmt(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def location_text(loc: Location) -> str:
    parts = []
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    if loc.line is not None:
        parts.append(f"line {loc.line}" + (f", column {loc.column}" if loc.column is not None else ""))
    if loc.field:
        parts.append(f"field {loc.field}")
    elif loc.pointer:
        parts.append(f"at {loc.pointer}")
    return ", ".join(parts) or "whole file"


def span_in_context(finding: Finding) -> tuple[int, int] | None:
    """Where the matched text sits in the finding's context: the span the check recorded,
    else the first occurrence of the text."""
    context = finding.context
    if not context:
        return None
    span = finding.context_span
    if span is not None and 0 <= span[0] < span[1] <= len(context):
        return span
    if finding.text:
        start = context.find(finding.text)
        if start < 0:
            start = context.lower().find(finding.text.lower())
        if start >= 0:
            return (start, start + len(finding.text))
    return None


def _whole(context: str, span: Span) -> bool:
    return not context[: span.start].strip() and not context[span.end:].strip()


def passage_segments(context: str, spans: Sequence[Span], refs: bool) -> list[Segment]:
    """``context`` cut at every span boundary; runs inside a span are marked. A span that
    is the whole sentence (a long-sentence finding) is not marked: the sentence is it.
    With ``refs``, each span's end carries its finding's number, to tell marks apart."""
    partial = [s for s in spans if not _whole(context, s)]
    if len(partial) < len(spans) or not spans:  # the whole sentence is flagged: show more of it
        around = MAX_MARK // 2
    else:
        around = MAX_AROUND
    if not partial:
        return [Segment(_clip_end(context, MAX_MARK))]
    cuts = sorted({0, len(context)} | {s.start for s in partial} | {s.end for s in partial})
    raw: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        mark = any(s.start <= a and s.end >= b for s in partial)
        ending = tuple((s.number, s.anchor) for s in sorted(partial, key=lambda s: s.number) if s.end == b)
        raw.append(Segment(context[a:b], mark, ending if refs else ()))
    merged: list[Segment] = []
    for seg in raw:
        last = merged[-1] if merged else None
        if last is not None and last.mark == seg.mark and not last.refs:
            merged[-1] = Segment(last.text + seg.text, seg.mark, seg.refs)
        else:
            merged.append(seg)
    out = []
    for i, seg in enumerate(merged):
        text = seg.text
        if seg.mark:
            text = _clip_end(text, MAX_MARK)
        elif i == 0:
            text = _clip_start(text, around)
        elif i == len(merged) - 1:
            text = _clip_end(text, around)
        elif len(text) > 2 * around + 20:
            text = text[:around].rstrip() + " … " + text[-around:].lstrip()
        out.append(Segment(text, seg.mark, seg.refs))
    return out


def _clip_start(text: str, limit: int) -> str:
    return text if len(text) <= limit else "…" + text[-limit:].lstrip()


def _clip_end(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def change_for(finding: Finding, span: tuple[int, int] | None) -> Change | None:
    """before -> after: the exact fix when there is one, else the suggestions (with the
    matched text as "before" when it is a span of the sentence, not a whole field)."""
    if finding.fix is not None:
        return Change(finding.fix.original, (finding.fix.replacement,), exact=True)
    if not finding.suggestions:
        return None
    after = tuple(finding.suggestions[:3])
    return Change(finding.text if span is not None and finding.text else None, after, exact=False)


# -- building the view ------------------------------------------------------------------


def build(result: RunResult, images: Mapping[str, Mapping[int, PageImage]] | None = None,
          title: str | None = None, generated: str | None = None, version: str = "") -> ReportView:
    images = images or {}
    rules = {rule.id: rule for rule in result.rules}
    files = result.files
    all_findings = result.findings
    docs = [build_doc(i, file, rules, images.get(file.path, {})) for i, file in enumerate(files, 1)]
    severity_counts = Counter(f.severity for f in all_findings)
    checked = sum(1 for f in files if not f.skipped)
    skipped = len(files) - checked
    rule_counts = Counter(f.rule for f in all_findings)
    category_of = {f.rule: f.category for f in all_findings}
    rule_files = Counter(rule for file in files for rule in {f.rule for f in file.findings})
    top = sorted(rule_counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]
    top_rules = [rule_row(rule_id, count, rule_files[rule_id], rules.get(rule_id), all_findings)
                 for rule_id, count in top]
    default_title = f"formlint report: {plural(checked, 'file')}, {plural(len(all_findings), 'finding')}"
    return ReportView(
        title=title or default_title,
        version=version,
        generated=generated,
        files=len(files),
        checked=checked,
        skipped=skipped,
        findings=len(all_findings),
        by_severity=tuple(severity_counts[s] for s in SEVERITIES),
        severities=tuple(s.label for s in SEVERITIES),
        categories=category_rows(all_findings),
        top_rules=top_rules,
        tell_us_once=tell_us_once(files, docs),
        docs=docs,
        filter_rules=[(rule, category_of[rule], count) for rule, count in sorted(rule_counts.items())],
        images=sum(1 for d in docs for g in d.groups if g.image is not None),
    )


def category_rows(findings: Sequence[Finding]) -> list[CountRow]:
    by_category: dict[str, Counter[Severity]] = defaultdict(Counter)
    for finding in findings:
        by_category[finding.category][finding.severity] += 1
    rows = []
    for name in sorted(by_category, key=category_key):
        counts = tuple(by_category[name][s] for s in SEVERITIES)
        rows.append(CountRow(name, category_label(name), counts, sum(counts)))
    return rows


def rule_row(rule_id: str, count: int, files: int, rule: Rule | None, findings: Sequence[Finding]) -> RuleRow:
    if rule is None:  # a finding from a rule no longer loaded (should not happen): still list it
        worst = max(f.severity for f in findings if f.rule == rule_id)
        return RuleRow(rule_id, count, files, worst.label, "", "", None)
    return RuleRow(rule_id, count, files, rule.severity.label, rule.short, rule.source.title,
                   safe_url(rule.source.url))


def build_doc(index: int, file: FileResult, rules: Mapping[str, Rule],
              pages: Mapping[int, PageImage]) -> DocView:
    anchor = f"d{index}"
    stats = file.stats or {}
    findings = file.findings
    views: list[FindingView] = []
    for number_, finding in enumerate(findings, 1):
        views.append(finding_view(index, number_, finding, rules.get(finding.rule)))
    counts = Counter(f.severity for f in findings)
    unreadable = stats.get("unreadable")
    return DocView(
        index=index,
        anchor=anchor,
        path=file.path,
        format=file.format.value if file.format else "unknown",
        total=len(findings),
        by_severity=tuple(counts[s] for s in SEVERITIES),
        skipped=file.skipped,
        unreadable=str(unreadable) if unreadable else None,
        grade=grade_measure(stats),
        burden=burden_measure(stats),
        fields=_int(stats.get("fields")),
        pages=_int(stats.get("pages")),
        words=_int(stats.get("words")),
        categories=category_rows(findings),
        fix_first=fix_first(index, findings, views, rules),
        groups=groups_for(index, file, findings, views, pages),
    )


def _int(value: Any) -> int | None:
    num = number(value)
    return int(num) if num is not None else None


def finding_view(doc: int, number_: int, finding: Finding, rule: Rule | None) -> FindingView:
    span = span_in_context(finding)
    return FindingView(
        number=number_,
        anchor=f"d{doc}-{number_}",
        doc=doc,
        rule=finding.rule,
        severity=finding.severity.label,
        category=finding.category,
        message=finding.message,
        location=location_text(finding.location),
        context=finding.context or None,
        span=span,
        page=finding.location.page,
        change=change_for(finding, span),
        rule_anchor=rule_anchor(doc, finding.rule),
    )


def grade_measure(stats: Mapping[str, Any]) -> Measure:
    grade = number(stats.get("grade"))
    target = number(stats.get("grade_target")) or DEFAULT_GRADE_TARGET
    goal = f"grade {fmt(target)} or lower"
    if grade is None:
        return Measure("not measured", goal, "no readability score for this file", None)
    ok = grade <= target
    verdict = "at or below the target" if ok else f"{fmt(grade - target)} grades above the target"
    return Measure(f"grade {fmt(grade)}", goal, verdict, ok)


def burden_measure(stats: Mapping[str, Any]) -> Measure:
    estimate = number(stats.get("burden_minutes"))
    stated = number(stats.get("stated_burden_minutes"))
    if estimate is None:
        target = f"{fmt(stated)} min stated" if stated is not None else None
        return Measure("not estimated", target, "no burden estimate for this file", None)
    if stated is None:
        return Measure(f"{fmt(estimate)} min", None, "the form states no burden estimate", None)
    ok = estimate <= stated
    diff = abs(estimate - stated)
    verdict = (f"{fmt(diff)} min less than stated" if estimate < stated else "as stated") if ok else \
        f"{fmt(diff)} min more than stated"
    return Measure(f"{fmt(estimate)} min", f"{fmt(stated)} min stated", verdict, ok)


def fix_first(doc: int, findings: Sequence[Finding], views: Sequence[FindingView],
              rules: Mapping[str, Rule]) -> list[FixItem]:
    """One item per rule, most severe first, then by how many fields (or places) it touches."""
    by_rule: dict[str, list[int]] = defaultdict(list)
    for i, finding in enumerate(findings):
        by_rule[finding.rule].append(i)
    items = []
    for rule_id, indexes in by_rule.items():
        chosen = [findings[i] for i in indexes]
        worst = max(f.severity for f in chosen)
        fields = {f.location.field for f in chosen if f.location.field}
        reach, unit = (len(fields), "field") if fields else (len(chosen), "place")
        rule = rules.get(rule_id)
        items.append((
            (-worst, -reach, rule_id),
            FixItem(
                rule=rule_id,
                anchor=rule_anchor(doc, rule_id),
                severity=worst.label,
                count=len(chosen),
                reach=reach,
                unit=unit,
                first=views[indexes[0]].anchor,
                summary=rule.short if rule else "",
                why=" ".join(rule.why.split()) if rule else "",
                fix=" ".join(rule.fix.split()) if rule and rule.fix else None,
                source_title=rule.source.title if rule else "",
                source_url=safe_url(rule.source.url) if rule else None,
            ),
        ))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def groups_for(doc: int, file: FileResult, findings: Sequence[Finding], views: Sequence[FindingView],
               pages: Mapping[int, PageImage]) -> list[Group]:
    """Findings in reading order; in a PDF, one group per page, with its image."""
    if not findings:
        return []
    paged = any(f.location.page is not None for f in findings)
    if not paged:
        return [Group(None, f"d{doc}-all", passages(views))]
    by_page: dict[int | None, list[int]] = defaultdict(list)
    for i, finding in enumerate(findings):
        by_page[finding.location.page].append(i)
    groups = []
    for page in sorted(by_page, key=lambda p: -1 if p is None else p):
        members = [views[i] for i in by_page[page]]
        if page is None:
            groups.append(Group("Whole document", f"d{doc}-p0", passages(members)))
            continue
        group = Group(f"Page {page}", f"d{doc}-p{page}", passages(members))
        image = pages.get(page)
        if image is not None:
            group.image = image_view(doc, file.path, image, [(findings[i], views[i]) for i in by_page[page]])
        groups.append(group)
    return groups


def passages(views: Sequence[FindingView]) -> list[Passage]:
    """Consecutive findings on the same sentence share one passage. A repeated sentence
    elsewhere (the same rule on the same span again) starts a new one."""
    runs: list[list[FindingView]] = []
    for view in views:
        run = runs[-1] if runs else None
        if (run is not None and view.context is not None and run[0].context == view.context
                and run[0].page == view.page
                and not any(v.rule == view.rule and v.span == view.span for v in run)):
            run.append(view)
        else:
            runs.append([view])
    result = []
    for run in runs:
        context = run[0].context
        if context is None:
            result.append(Passage(None, run))
            continue
        spans = [Span(v.span[0], v.span[1], v.number, v.anchor, v.rule) for v in run if v.span is not None]
        result.append(Passage(passage_segments(context, spans, refs=len(run) > 1), run))
    return result


def image_view(doc: int, path: str, image: PageImage,
               members: Sequence[tuple[Finding, FindingView]]) -> ImageView:
    outlines = []
    shift: dict[tuple[int, int], float] = {}  # labels of outlines with the same corner sit side by side
    for finding, view in members:
        bbox = finding.location.bbox
        placed = image.place(bbox) if bbox is not None else None
        if placed is None:
            continue
        left, top, width, height = _at_least(placed)
        anchor = f"d{doc}-b{view.number}"
        view.outline_anchor = anchor
        style = f"left:{left * 100:.2f}%;top:{top * 100:.2f}%;width:{width * 100:.2f}%;height:{height * 100:.2f}%"
        key = (round(left * 100), round(top * 100))
        if key in shift:
            style += f";--o:{shift[key]:.2f}em"
        shift[key] = shift.get(key, 0.0) + 0.62 * len(str(view.number)) + 0.75
        label = f"Finding {view.number}: {view.severity} {view.rule}"
        outlines.append(Outline(anchor, view.anchor, view.number, view.severity, style, label,
                                doc, view.rule, view.category))
    src = f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"
    flagged = plural(len(outlines), "flagged place")
    alt = f"Page {image.page} of {path}, drawn with its form fields; {flagged} outlined and numbered"
    return ImageView(src, image.width, image.height, alt, outlines)


def _at_least(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, top, width, height = box
    if width < MIN_OUTLINE:
        left, width = max(left - (MIN_OUTLINE - width) / 2, 0.0), MIN_OUTLINE
    if height < MIN_OUTLINE:
        top, height = max(top - (MIN_OUTLINE - height) / 2, 0.0), MIN_OUTLINE
    return min(left, 1 - width), min(top, 1 - height), width, height


def tell_us_once(files: Sequence[FileResult], docs: Sequence[DocView]) -> list[ElementRow] | None:
    """The cross-form table of data elements, when several files carry a field classification.

    A file's ``stats["data_elements"]`` is a list of ``{"field", "element", "subject"}``
    entries (the burden pack's field classifier fills it). Without it on at least two
    files, there is no table (None). Rows are the elements asked for on two forms or more.
    """
    per_element: dict[tuple[str, str | None], dict[int, list[str]]] = defaultdict(dict)
    carriers = 0
    for file, doc in zip(files, docs):
        entries = (file.stats or {}).get("data_elements")
        if not isinstance(entries, list):
            continue
        carriers += 1
        for entry in entries:
            if not isinstance(entry, Mapping) or not entry.get("element"):
                continue
            key = (str(entry["element"]), str(entry["subject"]) if entry.get("subject") else None)
            fields = per_element[key].setdefault(doc.index, [])
            name = str(entry.get("field") or "")
            if name and name not in fields:
                fields.append(name)
    if carriers < 2:
        return None
    by_index = {doc.index: doc for doc in docs}
    rows = []
    for (element, subject), forms in per_element.items():
        if len(forms) < 2:
            continue
        cells = tuple((by_index[i].path, by_index[i].anchor, tuple(forms[i])) for i in sorted(forms))
        rows.append(ElementRow(element, subject, cells))
    rows.sort(key=lambda row: (-len(row.forms), row.element, row.subject or ""))
    return rows
