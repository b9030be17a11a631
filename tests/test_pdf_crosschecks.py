"""formlint's PDF accessibility rules against independent counts, on the corpus PDFs.

1. Every fillable field without /TU is reported by a11y/pdf-field-no-name: the count
   is made here directly with pypdf (its own field walk), skipping fields whose widgets
   are all hidden, as veraPDF and formlint do.
2. The checks formlint shares with the PyPI package ``pdfua`` (language, title, marked,
   figures, links) agree file by file. Deliberate differences, asserted as such:

   * Title: pdfua (UA-07-001) only checks that a title exists; formlint also reports a
     placeholder title ("untitled", a file name such as "passport_ds82.pdf"). Every
     file formlint reports beyond pdfua must have a placeholder title.
   * Marked: pdfua has two rules (UA-01-002 MarkInfo, UA-01-005 StructTreeRoot);
     formlint reports an untagged file once (a11y/pdf-no-structure-tree) and keeps
     a11y/pdf-not-marked for tags that exist but are not declared. Compared as
     "the file is reported as untagged".
   * Figures: pdfua compares the raw /S with "Figure" and misses role-mapped figures
     (Word's InlineShape -> Figure); formlint follows the RoleMap. pdfua's count must
     equal formlint's count of figures tagged <Figure> literally.
   * Links: pdfua treats every link as described as soon as any tagged <Link> element
     in the document has /Alt; formlint requires each link's /Contents (PDF/UA-1
     7.18.5, Matterhorn 28-012). Counts must agree except on such files, where pdfua
     reports none.
"""

from __future__ import annotations

import warnings
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from formlint.checks.pdf_a11y import PLACEHOLDER_TITLE
from formlint.config import Config
from formlint.engine import FileResult, Runtime, Target, lint_bytes
from formlint.model import Format
from tests.conftest import CORPUS
from tests.helpers import builtin_rules

pytestmark = pytest.mark.corpus

PDFS = sorted(CORPUS.glob("pdf-*/*.pdf")) if CORPUS.is_dir() else []
FILLABLE = [p for p in PDFS if p.parent.name == "pdf-fillable"]


@lru_cache(maxsize=1)
def _runtime() -> Runtime:
    ruleset = builtin_rules()
    return Runtime.create(Config(nlp=False), ruleset, [r for r in ruleset if r.id.startswith("a11y/pdf-")])


@lru_cache(maxsize=None)
def formlint(path: Path) -> FileResult:
    return lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), _runtime())


def rules_of(path: Path) -> Counter[str]:
    return Counter(f.rule.removeprefix("a11y/pdf-") for f in formlint(path).findings)


# --------------------------------------------------------------------------- /TU count


def fields_without_tooltip(path: Path) -> int:
    """Terminal fields with no /TU, by pypdf's object model (not formlint's reader)."""
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(path)
        acroform = reader.trailer["/Root"].get("/AcroForm")
        if acroform is None:
            return 0
        count = 0
        stack = list(acroform.get_object().get("/Fields", []))
        while stack:
            node = stack.pop().get_object()
            kids = node.get("/Kids") or []
            field_kids = [k for k in kids if "/T" in k.get_object()]
            if field_kids:
                stack.extend(field_kids)
                continue
            widgets = [k.get_object() for k in kids] or [node]
            if all(int(w.get("/F", 0)) & 2 for w in widgets):
                continue  # every widget hidden: never announced
            tooltip = node.get("/TU")
            if tooltip is None or not str(tooltip).strip():
                count += 1
        return count


@pytest.mark.parametrize("path", FILLABLE, ids=[p.name for p in FILLABLE])
def test_every_field_without_tooltip_is_reported(corpus_dir: Path, path: Path) -> None:
    assert rules_of(path)["field-no-name"] == fields_without_tooltip(path)


def test_the_tooltip_count_is_not_trivially_zero(corpus_dir: Path) -> None:
    assert sum(fields_without_tooltip(p) for p in FILLABLE) > 500


# --------------------------------------------------------------------------- pdfua


@lru_cache(maxsize=None)
def pdfua_rules(path: Path) -> Counter[str]:
    pdfua = pytest.importorskip("pdfua")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = pdfua.validate(str(path))
    return Counter(finding.rule_id for finding in report.findings)


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_pdfua_and_formlint_agree_on_shared_checks(corpus_dir: Path, path: Path) -> None:
    theirs = pdfua_rules(path)
    ours = rules_of(path)
    facts = _facts(path)

    # language
    assert bool(theirs["UA-06-001"]) == bool(ours["no-lang"] or ours["bad-lang"])
    # title present / placeholder; title displayed
    if theirs["UA-07-001"]:
        assert ours["no-title"]
    elif ours["no-title"]:
        title = facts.xmp_title or facts.info_title or ""
        assert PLACEHOLDER_TITLE.match(title.strip()), f"formlint reports title {title!r}"
    assert bool(theirs["UA-07-002"]) == bool(ours["title-not-displayed"])
    # tagged
    assert bool(theirs["UA-01-002"] or theirs["UA-01-005"]) == bool(ours["no-structure-tree"] or ours["not-marked"])
    # figures without alt (pdfua: literal <Figure> only)
    literal = sum(1 for f in facts.figures if f.struct_type == "Figure" and not (f.alt or "").strip()
                  and not (f.actual_text or "").strip())
    assert theirs["UA-13-004"] == literal
    assert ours["figure-no-alt"] >= theirs["UA-13-004"]
    # links without a description
    if _has_described_link_element(path):
        assert theirs["UA-18-005"] == 0  # pdfua's document-wide shortcut
    else:
        assert theirs["UA-18-005"] == ours["link-no-contents"]


def test_pdfua_agreement_covers_real_findings(corpus_dir: Path) -> None:
    """The comparison means something only if both tools find things on the corpus."""
    totals = Counter()
    for path in PDFS:
        totals.update(pdfua_rules(path))
    for rule in ("UA-06-001", "UA-07-001", "UA-07-002", "UA-01-005", "UA-13-004", "UA-18-005"):
        assert totals[rule] > 0, rule


@lru_cache(maxsize=None)
def _facts(path: Path):  # type: ignore[no-untyped-def]
    from formlint.readers.base import ReadOptions
    from formlint.readers.pdf import read_pdf

    doc = read_pdf(path.read_bytes(), path.name, ReadOptions())
    assert doc.pdf is not None
    return doc.pdf


def _has_described_link_element(path: Path) -> bool:
    facts = _facts(path)
    return any(
        a.subtype == "Link" and a.struct_type == "Link" and (a.struct_alt or "").strip()
        for page in facts.pages for a in page.annotations
    )


def test_placeholder_titles_are_recognised() -> None:
    for title in ("untitled", "Microsoft Word - form.docx", "passport_ds82.pdf", "Document1", "  "):
        assert PLACEHOLDER_TITLE.match(title.strip()), title
    for title in ("2025 Form 1040", "Application for a U.S. Passport", "Title 38 benefits"):
        assert not PLACEHOLDER_TITLE.match(title), title
