"""formlint.repeats: a PDF tooltip that repeats the page's sentence is not reported again."""

from __future__ import annotations

from formlint.model import Finding, Location, Severity
from formlint.repeats import drop_tooltip_repeats

QUESTION = ("Did a relative file the associated Form I-140 for you or does a relative have a significant "
            "ownership interest?")


def _finding(rule: str = "plain/long-sentence", category: str = "plain-language", page: int | None = 6,
             field: str | None = None, context: str = QUESTION, text: str = QUESTION) -> Finding:
    return Finding(rule, category, Severity.WARNING, "This sentence is long.",
                   Location("f.pdf", page=page, field=field),
                   text=text, context=context)


def test_a_tooltip_repeating_the_page_is_dropped_and_the_page_finding_kept() -> None:
    """I-485 page 6: the question, then the tooltips of its check boxes."""
    findings = [_finding()] + [_finding(field=f"Pt2Relative_CB[{n}]") for n in range(3)]
    assert drop_tooltip_repeats(findings) == [findings[0]]


def test_of_tooltips_alone_the_first_is_kept() -> None:
    findings = [_finding(field="a[0]"), _finding(field="a[1]")]
    assert drop_tooltip_repeats(findings) == [findings[0]]


def test_what_differs_is_kept() -> None:
    findings = [
        _finding(),
        _finding(field="b", page=7),  # another page
        _finding(field="c", context="Another sentence that also says provide."),  # another sentence
        _finding(field="d", rule="a11y/pdf-field-generic-name", category="accessibility"),  # about the field
        _finding(field="e", page=None),  # an HTML or JSON label: its own line of source
    ]
    assert drop_tooltip_repeats(findings) == sorted(findings, key=Finding.sort_key)


def test_the_field_kept_does_not_depend_on_the_order_the_checks_found_them() -> None:
    first, second = _finding(field="a[0]"), _finding(field="a[1]")
    assert drop_tooltip_repeats([second, first]) == [first]
    assert drop_tooltip_repeats([first, second]) == [first]
