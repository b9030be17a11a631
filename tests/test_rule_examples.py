"""Every rule's own examples are tests: each 'flag' example must produce a finding of
that rule and each 'pass' example none (the sqlfluff style: docs and tests from one
declaration)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from formlint.config import config_from_mapping
from formlint.engine import Runtime, Target
from formlint.readers import EXTENSIONS, format_for
from formlint.rulepacks import Example, Rule
from formlint.runner import run_targets
from tests.conftest import ROOT
from tests.helpers import builtin_rules

RULES = list(builtin_rules())
SUFFIX = {fmt: ext for ext, fmt in reversed(list(EXTENSIONS.items()))}


def findings_for(rule: Rule, example: Example) -> list[str]:
    # A deep-tier rule runs only with deep on, a profile rule only under its profile.
    settings = {"deep": rule.tier == "deep", "profile": rule.profile or "uswds", **dict(example.config)}
    config = replace(config_from_mapping(settings), select=(rule.id,))
    runtime = Runtime.create(config, builtin_rules(), [rule])
    with tempfile.TemporaryDirectory() as tmp:
        if example.file:
            path = ROOT / example.file
            assert path.is_file(), f"{rule.id}: example file {example.file} is missing"
            fmt = format_for(path)
        else:
            assert example.text is not None
            path = Path(tmp) / f"example{SUFFIX[example.format]}"
            path.write_text(example.text, encoding="utf-8")
            fmt = example.format
        assert fmt is not None
        timeout = config.timeout if "timeout" in dict(example.config) else None
        [result] = run_targets([Target(path, path.name, fmt)], runtime, jobs=1, timeout=timeout)
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
