"""The results cache: hits skip the work; a changed file, configuration, rule file or
formlint version each invalidate it; a cached run imports neither spaCy nor the PDF stack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import formlint.pipeline
from formlint import cache as cache_module
from formlint import shortcut as shortcut_module
from formlint.engine import discover
from tests.conftest import FIXTURES, ROOT
from tests.helpers import run_cli


@pytest.fixture
def linted(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Records the files each run actually lints (the cache misses)."""
    calls: list[list[str]] = []
    real = formlint.pipeline.lint_targets

    def spy(targets: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([t.display for t in targets])
        return real(targets, *args, **kwargs)

    monkeypatch.setattr(formlint.pipeline, "lint_targets", spy)
    return calls


@pytest.fixture
def project(cached_project: Path) -> Path:
    """Two forms and a config, with the cache on (tests/conftest.py)."""
    return cached_project


def check(cwd: Path, *args: str) -> tuple[int, str]:
    result = run_cli("check", ".", "--no-nlp", "--format", "json", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, result.stdout


def test_second_run_comes_from_the_cache_with_identical_output(project: Path, linted: list[list[str]]) -> None:
    first = check(project)
    assert linted == [["a.md", "b.txt"]]
    second = check(project)
    assert linted == [["a.md", "b.txt"]]  # nothing linted the second time
    assert second == first
    cache_root = project / ".formlint_cache"
    assert (cache_root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache_root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    text_first = run_cli("check", ".", "--no-nlp", cwd=project).stdout
    assert len(linted) == 1 and "plain/simple-words" in text_first  # other formats reuse the cached results


def test_a_changed_file_is_linted_again(project: Path, linted: list[list[str]]) -> None:
    check(project)
    (project / "a.md").write_text("Please use the enclosed envelope. We will commence soon.\n")
    _, out = check(project)
    assert linted[-1] == ["a.md"]
    texts = [f["text"] for file in json.loads(out)["files"] for f in file["findings"]]
    assert "commence" in texts and "utilize" not in texts


def test_a_changed_configuration_invalidates(project: Path, linted: list[list[str]]) -> None:
    check(project)
    (project / ".formlint.toml").write_text('fail-on = "info"\naccept = ["utilize"]\n')
    _, out = check(project)
    assert linted[-1] == ["a.md", "b.txt"]
    assert "utilize" not in [f["text"] for file in json.loads(out)["files"] for f in file["findings"]]
    check(project, "--select", "plain")  # command-line settings are part of the key too
    assert linted[-1] == ["a.md", "b.txt"] and len(linted) == 3
    check(project, "--fail-on", "never")  # ... but not those that act after linting
    assert len(linted) == 3


def test_a_new_formlint_version_invalidates(project: Path, linted: list[list[str]],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    check(project)
    # An upgrade changes both keys (the shortcut key also sees the new files and dist-info).
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    monkeypatch.setattr(shortcut_module, "__version__", "99.0.0")
    check(project)
    assert linted == [["a.md", "b.txt"], ["a.md", "b.txt"]]
    check(project)
    assert len(linted) == 2


def test_a_changed_rule_file_invalidates(project: Path, linted: list[list[str]]) -> None:
    rules = project / "house"
    rules.mkdir()
    rule = textwrap.dedent("""\
        id: house/no-envelope
        kind: pattern
        category: house-style
        severity: warning
        message: 'Say "{match}" differently.'
        why: Our style guide.
        source: {title: Style guide, url: https://example.gov/style}
        params:
          patterns: [{regex: '\\benvelope\\b'}]
        examples: {flag: ["Use the envelope."], pass: ["Use the form."]}
        """)
    (rules / "no-envelope.yaml").write_text(rule)
    (project / ".formlint.toml").write_text('fail-on = "info"\nrule-paths = ["house"]\nextend-select = ["house"]\n')
    _, out = check(project)
    assert "house/no-envelope" in out
    (rules / "no-envelope.yaml").write_text(rule.replace("envelope\\b", "postage\\b"))
    _, out = check(project)
    assert linted[-1] == ["a.md", "b.txt"] and "house/no-envelope" not in out


def test_no_cache_neither_reads_nor_writes(project: Path, linted: list[list[str]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    check(project, "--no-cache")
    assert not (project / ".formlint_cache").exists()
    check(project)
    check(project, "--no-cache")
    assert len(linted) == 3
    (project / ".formlint.toml").write_text('fail-on = "info"\ncache = false\n')
    check(project)
    check(project)
    assert len(linted) == 5
    (project / ".formlint.toml").write_text('fail-on = "info"\n')
    monkeypatch.setenv("FORMLINT_NO_CACHE", "1")
    check(project)
    assert len(linted) == 6
    monkeypatch.setenv("FORMLINT_NO_CACHE", "0")
    check(project)
    assert len(linted) == 6  # on again, and the entries written before are still good


def test_unreadable_files_are_cached_and_damaged_entries_are_misses(project: Path,
                                                                       linted: list[list[str]]) -> None:
    (project / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    _, out = check(project)
    assert "io/unreadable" in out and len(linted) == 1
    _, again = check(project)
    assert len(linted) == 1 and again == out  # no miss: "truncated" stays true until the file changes
    for entry in (project / ".formlint_cache").rglob("*.entry"):
        entry.write_text("{not json")
    _, out = check(project)
    assert linted[-1] == ["a.md", "b.txt", "broken.pdf"] and "plain/simple-words" in out


def test_cache_clear_removes_only_what_formlint_wrote(project: Path) -> None:
    check(project)
    root = project / ".formlint_cache"
    assert list(root.rglob("*.entry"))
    result = run_cli("cache", "clear", cwd=project)
    assert result.exit_code == 0 and "2 cached results" in result.stdout
    assert not root.exists()
    # A cache-dir pointed at a folder with other files: only formlint's own entries go.
    (project / ".formlint.toml").write_text('cache-dir = "shared"\n')
    (project / "shared").mkdir()
    (project / "shared" / ".gitignore").write_text("keep-me\n")
    (project / "shared" / "notes.txt").write_text("mine\n")
    check(project)
    assert run_cli("cache", "dir", cwd=project).stdout.strip() == str((project / "shared").resolve())
    run_cli("cache", "clear", cwd=project)
    assert sorted(p.name for p in (project / "shared").iterdir()) == [".gitignore", "notes.txt"]
    assert (project / "shared" / ".gitignore").read_text() == "keep-me\n"


def test_git_never_sees_the_cache(project: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    check(project)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert ".formlint_cache" not in status and "a.md" in status


def test_a_cached_run_imports_neither_spacy_nor_the_pdf_stack_and_starts_no_worker(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    shutil.copytree(FIXTURES, forms)
    probe = textwrap.dedent("""\
        import sys
        from formlint.cli import main
        try:
            main(["check", "forms", "--format", "json", "-o", "out.json", "--jobs", "2"])
        except SystemExit as exit:
            code = exit.code
        heavy = sorted({m.split(".")[0] for m in sys.modules} & {"spacy", "thinc", "pdfplumber", "pdfminer",
                                                                 "pypdfium2", "numpy", "markdown_it"})
        print({"code": code, "heavy": heavy, "runner": "formlint.runner" in sys.modules,
               "readers": sorted(m for m in sys.modules if m.startswith("formlint.readers."))})
        """)
    env = {key: value for key, value in os.environ.items() if key != "FORMLINT_NO_CACHE"}
    env.update(FORMLINT_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        runs.append((eval(done.stdout.strip().splitlines()[-1]), (tmp_path / "out.json").read_text()))
    (first, first_out), (second, second_out) = runs
    assert first["code"] == second["code"] == 1
    assert first["runner"] is True  # the first run did the work in worker processes
    # Rule kinds may import the plain data classes of a format's facts, never a parser.
    facts_only = {"formlint.readers.base", "formlint.readers.html_tree", "formlint.readers.html_template",
                  "formlint.readers.pdf_facts", "formlint.readers.schema_facts"}
    assert {k: v for k, v in second.items() if k != "readers"} == {"code": 1, "heavy": [], "runner": False}
    assert set(second["readers"]) <= facts_only, second["readers"]
    assert second_out == first_out
    assert json.loads(second_out)["summary"]["files"] == len(discover([FIXTURES]))


def test_a_stored_finding_keeps_where_its_words_are_in_the_sentence() -> None:
    """The HTML report marks the exact words of a finding from ``context_span``: a result
    from the cache must keep it (and never the in-memory ``block_span``)."""
    from formlint.model import Finding, Location, Severity
    from formlint.results import FileResult

    finding = Finding(rule="plain/simple-words", category="plain-language", severity=Severity.INFO,
                      message="Use use.", location=Location("a.md", line=3, column=5), text="utilize",
                      context="Please utilize this form.", context_span=(7, 14))
    finding.block_span = (123, 7, 14)
    stored = json.loads(json.dumps(cache_module.result_to_dict(FileResult("a.md", None, findings=[finding]))))
    assert "block_span" not in stored["findings"][0]
    again = cache_module.result_from_dict(stored).findings[0]
    assert again.context_span == (7, 14) and again.block_span is None and again == finding
