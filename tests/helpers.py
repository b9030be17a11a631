"""Helpers shared by the tests: lint snippets and run the CLI in-process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from formlint.checks.base import Check
from formlint.cli import main
from formlint.config import Config
from formlint.engine import FileResult, Runtime, lint_text
from formlint.model import Format
from formlint.rulepacks import RuleSet, load_rules, parse_rule


@cache
def builtin_rules() -> RuleSet:
    return load_rules()


def runtime_for(*rule_ids: str, nlp: bool = True, **config: Any) -> Runtime:
    ruleset = builtin_rules()
    cfg = Config(select=rule_ids or None, nlp=nlp, **config)
    rules = [r for r in ruleset if not rule_ids or any(r.id == i or r.id.startswith(i) for i in rule_ids)]
    return Runtime.create(cfg, ruleset, rules)


def lint(text: str, *rule_ids: str, fmt: Format = Format.MARKDOWN, nlp: bool = True, **config: Any) -> FileResult:
    return lint_text(text, fmt, runtime_for(*rule_ids, nlp=nlp, **config))


def rules_fired(result: FileResult) -> list[str]:
    return [f.rule for f in result.findings]


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)


def run_json(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "json", *args, cwd=cwd)
    return result.exit_code, json.loads(result.stdout)


def runtime_with_check(check: type[Check], **config: Any) -> Runtime:
    """A runtime whose only rule, ``test/<kind>``, runs ``check`` (a test double)."""
    base = builtin_rules()
    kinds = {**base.kinds, check.kind: check}
    rule = parse_rule({
        "id": f"test/{check.kind}", "kind": check.kind, "category": "test", "severity": "info",
        "message": "m", "why": "w", "source": {"title": "t", "url": "https://example.gov"},
        "examples": {"flag": ["a"], "pass": ["b"]},
    }, Path("test.yaml"), kinds)
    ruleset = RuleSet(rules={**base.rules, rule.id: rule}, kinds=kinds)
    return Runtime.create(Config(**config), ruleset, [rule])


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` as a test user (no signing, no global identity needed)."""
    import subprocess

    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.gov",
                           "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, capture_output=True, text=True, check=True).stdout
