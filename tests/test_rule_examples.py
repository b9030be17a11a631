"""Every rule's own examples are tests: each 'flag' example must produce a finding of
that rule and each 'pass' example none (the sqlfluff style: docs and tests from one
declaration)."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.engine import Target, lint_bytes, lint_text
from formlint.readers import format_for
from formlint.rulepacks import Example, Rule
from tests.conftest import ROOT
from tests.helpers import builtin_rules, runtime_for

RULES = list(builtin_rules())


def findings_for(rule: Rule, example: Example) -> list[str]:
    # A deep-tier rule runs only with deep on, a profile rule only under its profile.
    settings = {"deep": rule.tier == "deep", "profile": rule.profile or "uswds"}
    runtime = runtime_for(rule.id, **settings)
    if example.file:
        path = ROOT / example.file
        assert path.is_file(), f"{rule.id}: example file {example.file} is missing"
        target = Target(path, example.file, format_for(path))
        result = lint_bytes(path.read_bytes(), target, runtime)
    else:
        assert example.text is not None
        result = lint_text(example.text, example.format, runtime)
    return [f.rule for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_flag_examples_are_flagged(rule: Rule) -> None:
    for example in rule.flag_examples:
        assert findings_for(rule, example), f"{rule.id} did not flag: {example.describe()!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_pass_examples_are_not_flagged(rule: Rule) -> None:
    for example in rule.pass_examples:
        assert not findings_for(rule, example), f"{rule.id} flagged a pass example: {example.describe()!r}"


def test_every_rule_has_a_checkable_source() -> None:
    for rule in RULES:
        assert rule.source.url.startswith("https://"), rule.id
        assert len(rule.why) > 60, f"{rule.id}: 'why' should explain the rule"
