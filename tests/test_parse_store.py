"""Sentence parses kept between runs (formlint.parse_store): an edited document re-parses
only its changed sentences, and its findings are those of a check from scratch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from formlint.config import Config
from formlint.engine import Runtime, lint_text
from formlint.model import Format
from formlint.parse_store import ParseStore
from tests.helpers import run_cli

# A guide with sentences for every NLP rule: passives, hidden verbs, noun strings and the
# word lists' part-of-speech rows.
DOCUMENT = """# How to apply

Your application must be submitted before the deadline.
We will make a determination within 30 days.
The benefit application review process schedule is posted online.
Forms that are not signed are returned to the sender.
You should conduct a review of your answers before you send them.
A copy of your lease is required.
Payments are made on the first business day of each month.
If you move, your new address must be reported to us.
Our office will provide assistance to applicants who ask for it.
The decision letter is mailed to the address on file.

## After you apply

You will be contacted by a caseworker.
Benefits may be reduced if your income changes.
"""
CHANGED = "The form was signed by the applicant in blue ink."


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    runtime = Runtime.create(Config())
    if not runtime.nlp.available:
        pytest.skip("no spaCy model")
    return runtime


def _lint(runtime: Runtime, text: str, store: ParseStore | None, path: str = "guide.md") -> list[Any]:
    runtime.nlp.store = store
    try:
        return [(f.rule, f.message, f.location, f.text, f.suggestions)
                for f in lint_text(text, Format.MARKDOWN, runtime, path=path).findings]
    finally:
        runtime.nlp.store = None


def _sentences(batches: list[list[str]]) -> set[str]:
    return {text for batch in batches for text in batch}


def test_an_unchanged_document_parses_nothing_the_second_time(runtime: Runtime, tmp_path: Path,
                                                              parsed: list[list[str]]) -> None:
    store = ParseStore(tmp_path / "parses")
    first = _lint(runtime, DOCUMENT, store)
    assert len(_sentences(parsed)) >= 10  # passives, hidden verbs, noun strings, word-list parts of speech
    assert list((tmp_path / "parses").rglob("*.spacy"))
    parsed.clear()
    assert _lint(runtime, DOCUMENT, store) == first
    assert parsed == []


def test_an_edited_document_parses_only_what_changed_and_finds_what_a_fresh_check_finds(
        runtime: Runtime, tmp_path: Path, parsed: list[list[str]]) -> None:
    store = ParseStore(tmp_path / "parses")
    _lint(runtime, DOCUMENT, store)
    before = _sentences(parsed)
    edited = DOCUMENT + "\n" + CHANGED + "\n"
    parsed.clear()
    with_store = _lint(runtime, edited, store)
    assert _sentences(parsed) == {CHANGED}
    parsed.clear()
    assert with_store == _lint(runtime, edited, None)
    assert any(f[0] == "plain/passive-voice" and f[3] == "was signed" for f in with_store)
    # The store now holds this version's sentences only: a removed sentence is dropped.
    shortened = DOCUMENT.replace(next(iter(before)), "")
    _lint(runtime, shortened, store)
    kept = store.load("guide.md", runtime.nlp.pipeline().vocab)
    assert next(iter(before)) not in kept and CHANGED not in kept
    assert kept  # the rest is still there


def test_each_file_has_its_own_parses(runtime: Runtime, tmp_path: Path, parsed: list[list[str]]) -> None:
    store = ParseStore(tmp_path / "parses")
    _lint(runtime, DOCUMENT, store, path="one.md")
    parsed.clear()
    _lint(runtime, DOCUMENT, store, path="two.md")
    assert _sentences(parsed)  # another file starts without the first one's parses
    assert len(list((tmp_path / "parses").rglob("*.spacy"))) == 2


def test_a_damaged_store_is_a_miss_and_is_replaced(runtime: Runtime, tmp_path: Path,
                                                   parsed: list[list[str]]) -> None:
    store = ParseStore(tmp_path / "parses")
    expected = _lint(runtime, DOCUMENT, None)
    store.path_for("guide.md").parent.mkdir(parents=True)
    store.path_for("guide.md").write_bytes(b"\x00not a DocBin")
    parsed.clear()
    assert _lint(runtime, DOCUMENT, store) == expected
    assert parsed  # parsed again
    assert store.load("guide.md", runtime.nlp.pipeline().vocab)  # and stored whole


def test_a_store_that_cannot_be_written_costs_nothing_but_the_saving(runtime: Runtime, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = ParseStore(tmp_path / "file" / "parses")
    assert _lint(runtime, DOCUMENT, store) == _lint(runtime, DOCUMENT, None)
    assert store.writable is False


def test_a_document_that_needs_no_parse_never_loads_the_model(tmp_path: Path) -> None:
    runtime = Runtime.create(Config())
    store = ParseStore(tmp_path / "parses")
    findings = _lint(runtime, "# Apply\n\nPlease utilize the form.\n", store)
    assert [f[0] for f in findings] == ["plain/simple-words"]
    assert runtime.nlp._pipeline is None and not (tmp_path / "parses").exists()


def test_check_keeps_parses_in_the_cache_and_cache_clear_removes_them(cached_project: Path) -> None:
    (cached_project / "c.md").write_text(DOCUMENT, encoding="utf-8")
    result = run_cli("check", ".", "--no-cache", cwd=cached_project)
    assert result.exit_code == 1 and not (cached_project / ".formlint_cache").exists()
    result = run_cli("check", ".", cwd=cached_project)
    root = cached_project / ".formlint_cache"
    assert [p.parent.parent.name for p in root.rglob("*.spacy")] == ["parses"] * len(list(root.rglob("*.spacy")))
    assert list(root.rglob("*.spacy")) and (root / ".gitignore").exists()
    (cached_project / "c.md").write_text(DOCUMENT + "\n" + CHANGED + "\n", encoding="utf-8")
    edited = run_cli("check", ".", "--format", "json", cwd=cached_project).stdout
    assert edited == run_cli("check", ".", "--format", "json", "--no-cache", cwd=cached_project).stdout
    assert "was signed" in edited
    assert run_cli("cache", "clear", cwd=cached_project).exit_code == 0
    assert not root.exists()
