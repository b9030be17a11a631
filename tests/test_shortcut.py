"""The cached-run shortcut: a fully cached `check` renders from the cache without loading
the rules, says exactly what the full run says, and steps aside whenever something that
decides the findings may have changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import formlint.pipeline
from formlint import shortcut
from formlint.cache import settings
from formlint.config import load_config
from tests.conftest import ROOT
from tests.helpers import run_cli

# What a run prints about itself: the exit code, the rule machinery it imported, its output.
PROBE = textwrap.dedent("""\
    import sys
    from formlint.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
    loaded = sorted(m for m in ("formlint.rulepacks", "formlint.engine", "formlint.checks", "yaml", "spacy")
                    if m in sys.modules)
    print("PROBE", {"code": code, "loaded": loaded}, file=sys.stderr)
    """)


@pytest.fixture
def project(cached_project: Path) -> Path:
    """Two forms and a config, with the cache on (tests/conftest.py)."""
    return cached_project


def probe(cwd: Path, *args: str) -> tuple[dict[str, Any], str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORMLINT_NO_CACHE", "FORMLINT_CACHE_DIR")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", PROBE, "check", ".", "--no-nlp", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    line = next(line for line in done.stderr.splitlines() if line.startswith("PROBE "))
    return eval(line.removeprefix("PROBE ")), done.stdout


def test_a_fully_cached_check_never_loads_the_rules_and_prints_what_the_full_run_printed(project: Path) -> None:
    first, first_out = probe(project)
    second, second_out = probe(project)
    assert first["code"] == second["code"] == 1
    assert "formlint.rulepacks" in first["loaded"]  # the first run had to load them
    assert second["loaded"] == []  # no rule files, no rule kinds, no engine, no YAML parser
    assert second_out == first_out and "plain/simple-words" in second_out
    markers = list((project / ".formlint_cache").glob("*/*" + shortcut.SUFFIX))
    assert len(markers) == 1


def test_every_finding_only_format_takes_the_shortcut_and_sarif_does_not(project: Path) -> None:
    probe(project)
    for output_format in sorted(shortcut.FORMATS):
        full, full_out = probe(project, "--format", output_format, "--no-cache")
        cached, cached_out = probe(project, "--format", output_format)
        assert cached["loaded"] == [] and cached_out == full_out, output_format
    sarif, sarif_out = probe(project, "--format", "sarif")  # SARIF lists the rules: it loads them
    assert "formlint.rulepacks" in sarif["loaded"] and json.loads(sarif_out)["runs"][0]["results"]


def test_a_new_file_an_edited_file_or_other_settings_take_the_long_way(project: Path) -> None:
    probe(project)
    (project / "c.md").write_text("Commence the process.\n")
    new_file, out = probe(project)
    assert "formlint.rulepacks" in new_file["loaded"] and "c.md" in out
    (project / "a.md").write_text("Please use the envelope.\n")
    edited, out = probe(project)
    assert "formlint.rulepacks" in edited["loaded"] and "utilize" not in out
    other, out = probe(project, "--select", "burden")
    assert "formlint.rulepacks" in other["loaded"] and "plain/" not in out
    again, _ = probe(project, "--select", "burden")
    assert again["loaded"] == []  # each setting gets its own shortcut


def test_the_key_changes_with_the_settings_and_with_a_rule_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    rules = project / "house"
    rules.mkdir()
    (rules / "r.yaml").write_text("id: house/x\n")
    config = load_config(None).with_overrides(rule_paths=(rules,))
    key = shortcut.shortcut_key(config, settings(config))
    assert shortcut.shortcut_key(config, settings(config)) == key  # stable
    other = config.with_overrides(accept=("utilize",))
    assert shortcut.shortcut_key(other, settings(other)) != key
    (rules / "r.yaml").write_text("id: house/xy\n")
    assert shortcut.shortcut_key(config, settings(config)) != key
    (rules / "s.yaml").write_text("")
    assert len({key, shortcut.shortcut_key(config, settings(config))}) == 2


def test_a_damaged_or_foreign_marker_is_a_miss_and_the_next_full_run_repairs_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = formlint.pipeline.lint

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(formlint.pipeline, "lint", spy)
    first = run_cli("check", ".", "--no-nlp", cwd=project).stdout
    assert len(calls) == 1
    (marker,) = (project / ".formlint_cache").glob("*/*" + shortcut.SUFFIX)
    assert run_cli("check", ".", "--no-nlp", cwd=project).stdout == first
    assert len(calls) == 1  # the shortcut answered
    for damage in ("{not json", json.dumps({"shortcut": shortcut.SHORTCUT_FORMAT, "run": "0" * 24})):
        marker.write_text(damage)
        assert run_cli("check", ".", "--no-nlp", cwd=project).stdout == first
        assert json.loads(marker.read_text())["run"] == marker.parent.name  # rewritten by the full run
    assert len(calls) == 3
