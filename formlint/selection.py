"""Which rules run, with which parameters and severities, for which files."""

from __future__ import annotations

import fnmatch
from dataclasses import replace
from pathlib import PurePosixPath

from formlint.checks.base import Check, NlpNeed, ParamError, validate_params
from formlint.config import Config, ConfigError
from formlint.model import Finding
from formlint.rulepacks import Rule, RuleSet, selector_matches


def validate_against_rules(config: Config, ruleset: RuleSet) -> None:
    """Every rule id or prefix named in the configuration must match a known rule."""
    named: list[tuple[str, str]] = []
    named += [("select", s) for s in config.select or ()]
    named += [("extend-select", s) for s in config.extend_select]
    named += [("ignore", s) for s in config.ignore]
    named += [("severity", s) for s in config.severity]
    for glob, selectors in config.per_file_ignores.items():
        named += [(f"per-file-ignores.{glob}", s) for s in selectors]
    for key, selector in named:
        if not ruleset.matching(selector):
            raise ConfigError(f"{_where(config)}unknown rule id or prefix {selector!r} in '{key}'")
    for rule_id in config.rules:
        if ruleset.get(rule_id) is None:
            raise ConfigError(f"{_where(config)}unknown rule id {rule_id!r} in 'rules'")


def _where(config: Config) -> str:
    return f"{config.source}: " if config.source else ""


def enabled_rules(config: Config, ruleset: RuleSet, *, nlp: bool = True) -> list[Rule]:
    """Rules to run: the default set or ``select``, plus ``extend-select``, minus ``ignore``."""
    if config.select is None:
        chosen = [r for r in ruleset if r.default]
    else:
        chosen = [r for r in ruleset if any(selector_matches(s, r) for s in config.select)]
    extra = [r for r in ruleset if any(selector_matches(s, r) for s in config.extend_select)]
    for rule in extra:
        if rule not in chosen:
            chosen.append(rule)
    chosen = [r for r in chosen if not any(selector_matches(s, r) for s in config.ignore)]
    if not nlp:
        chosen = [r for r in chosen if ruleset.needs_nlp(r) is not NlpNeed.REQUIRED]
    return sorted(chosen, key=lambda r: r.id)


def configured_rule(rule: Rule, config: Config, ruleset: RuleSet) -> Rule:
    """The rule with the user's parameter overrides and severity applied."""
    overrides = config.rules.get(rule.id)
    severity = severity_override(rule.id, rule, config)
    if not overrides and severity is None:
        return rule
    params = rule.params
    if overrides:
        kind = ruleset.kind_of(rule)
        merged = {**rule.raw_params, **{k.replace("_", "-"): v for k, v in overrides.items()}}
        base = rule.origin.parent if rule.origin else config.root
        try:
            params = validate_params(kind, merged, base, f"{_where(config)}rules.{rule.id}")
        except ParamError as error:
            raise ConfigError(str(error)) from None
    return replace(rule, params=params, severity=severity or rule.severity)


def severity_override(rule_id: str, rule: Rule, config: Config):  # type: ignore[no-untyped-def]
    """The most specific matching selector wins (an exact id beats a prefix)."""
    best = None
    for selector, level in config.severity.items():
        if selector_matches(selector, rule) and (best is None or len(selector) > len(best[0])):
            best = (selector, level)
    return best[1] if best else None


def instantiate(rules: list[Rule], ruleset: RuleSet) -> list[Check]:
    return [ruleset.kind_of(rule)(rule, rule.params) for rule in rules]


def ignored_for_path(display_path: str, config: Config) -> tuple[str, ...]:
    """Selectors that ``per-file-ignores`` switches off for this file."""
    path = PurePosixPath(display_path)
    result: list[str] = []
    for glob, selectors in config.per_file_ignores.items():
        if path.match(glob) or fnmatch.fnmatch(str(path), glob):
            result.extend(selectors)
    return tuple(result)


def apply_severity(finding: Finding, rule: Rule, config: Config) -> Finding:
    level = severity_override(rule.id, rule, config)
    if level is not None:
        finding.severity = level
    return finding
