"""a11y/pdf-th-no-scope: the structure walk's tables (header cells, Scope in /A or
through the ClassMap, Headers on cells) and the rule on the fixtures and the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from formlint.engine import Target, lint_bytes
from formlint.model import Format
from formlint.readers.base import ReadOptions
from formlint.readers.pdf import read_pdf
from formlint.readers.pdf_struct import walk_structure
from tests.conftest import FIXTURES, ROOT
from tests.helpers import runtime_for

PDF_DIR = FIXTURES / "pdf"
CORPUS = ROOT.parent / "shared" / "corpus"


def walk(root: dict[str, Any]) -> list[tuple[int | None, int, int, int]]:
    result = walk_structure(root, lambda name: name, {}, {})
    return [(t.page, t.header_cells, t.headers_without_scope, t.cells_with_headers) for t in result.tables]


def cell(kind: str, **keys: Any) -> dict[str, Any]:
    return {"S": kind, "K": [], **keys}


def test_scope_counts_in_the_attribute_dictionary_an_array_of_them_or_a_class() -> None:
    row = {"S": "TR", "K": [
        cell("TH", A={"O": "Table", "Scope": "Column"}),
        cell("TH", A=[{"O": "Layout"}, 0, {"O": "Table", "Scope": "Row"}]),  # revision numbers between
        cell("TH", C="headerClass"),
        cell("TH", C=["other", "headerClass"]),
        cell("TH"),
        cell("TD"),
    ]}
    root = {"ClassMap": {"headerClass": {"O": "Table", "Scope": "Both"}, "other": {"O": "Layout"}},
            "K": [{"S": "Table", "K": [row]}]}
    assert walk(root) == [(None, 5, 1, 0)]


def test_headers_on_cells_and_nested_tables_are_counted_per_table() -> None:
    inner = {"S": "Table", "K": [{"S": "TR", "K": [cell("TH")]}]}
    outer = {"S": "Table", "K": [{"S": "TR", "K": [cell("TH", ID="h1"), cell("TD", A={"Headers": ["h1"]}, K=[inner])]}]}
    assert walk({"K": [outer]}) == [(None, 1, 1, 1), (None, 1, 1, 0)]


def lint(path: Path) -> list[Any]:
    runtime = runtime_for("a11y/pdf-th-no-scope", nlp=False)
    return lint_bytes(path.read_bytes(), Target(path, path.name, Format.PDF), runtime).findings


def test_the_fixtures() -> None:
    found = lint(PDF_DIR / "a11y" / "tagged-defects.pdf")
    assert [(f.location.page, f.text) for f in found] == [(1, "2 <TH>")]
    assert "2 header cells in 1 table (page 1) have no Scope" in found[0].message
    assert "no cell in that table names its headers" in found[0].message
    assert lint(PDF_DIR / "a11y" / "tagged-clean.pdf") == []
    facts = read_pdf((PDF_DIR / "a11y" / "tagged-clean.pdf").read_bytes(), "x.pdf", ReadOptions()).pdf
    assert facts is not None and [(t.page, t.header_cells, t.headers_without_scope) for t in facts.tables] == [
        (1, 2, 0)]


def test_irs_tables_that_use_headers_and_ids_pass_and_one_of_only_header_cells_does_not() -> None:
    matches = sorted(CORPUS.glob("*/irs-f1040sr-2025.pdf"))
    if not matches:
        pytest.skip("irs-f1040sr-2025.pdf is not in ../shared/corpus")
    facts = read_pdf(matches[0].read_bytes(), "sr.pdf", ReadOptions()).pdf
    assert facts is not None
    # Line 10's table: TH with IDs, TD with Headers. Line 15's: every cell a TH, none with Scope.
    assert [(t.header_cells, t.headers_without_scope, t.cells_with_headers) for t in facts.tables] == [
        (2, 2, 6), (8, 8, 0)]
    assert [(f.location.page, f.text) for f in lint(matches[0])] == [(2, "8 <TH>")]

