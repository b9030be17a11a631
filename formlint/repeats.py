"""One finding for words a PDF page repeats in its fields' tooltips.

A PDF field's tooltip often repeats the question printed beside it, and the check boxes of
one question all carry the same tooltip: the I-485's "Did a relative file the associated
Form I-140 for you ...?" is on the page and in the tooltips of 15 check boxes, so the
long-sentence rule reported it 16 times. The author rewrites the question once and copies
it, so one finding is enough: the one on the page's text, or else the first field's.

Only plain-language findings on PDF pages: an accessibility or burden finding on a field
is about that field, and in an HTML page or a JSON schema each label is its own line of
source to edit.
"""

from __future__ import annotations

from formlint.model import Finding

PLAIN_LANGUAGE = "plain-language"


def drop_tooltip_repeats(findings: list[Finding]) -> list[Finding]:
    """``findings``, in the report's order, without the plain-language findings on a field
    that repeat, word for word and in the same sentence, one on the same page's text or on
    a field before it on that page."""

    def key(finding: Finding) -> tuple[str, int | None, str | None, str, str | None]:
        # The sentence too: a word in another sentence of a tooltip is another finding.
        return finding.rule, finding.location.page, finding.text, finding.message, finding.context

    def on_a_page(finding: Finding) -> bool:
        return finding.category == PLAIN_LANGUAGE and finding.location.page is not None

    shown = {key(f) for f in findings if on_a_page(f) and f.location.field is None}
    kept: list[Finding] = []
    # In the report's order, so that the field kept is always the same one (the checks may
    # find the copies in any order).
    for finding in sorted(findings, key=Finding.sort_key):
        if on_a_page(finding) and finding.location.field is not None:
            if key(finding) in shown:
                continue
            shown.add(key(finding))
        kept.append(finding)
    return kept
