"""Load and validate the declarative rules (one YAML file per rule).

The built-in packs are the top-level ``rules/`` folder of the source tree; in a wheel
they are installed as ``formlint/_rules``. Users add packs with ``rule-paths`` in
their configuration. Every problem with a rule file stops the run with a message
naming the file and the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from formlint.checks import load_kinds
from formlint.checks.base import APPLIES_TO, Check, NlpNeed, ParamError, validate_params
from formlint.config import PROFILES
from formlint.errors import RuleError
from formlint.languages import primary_language
from formlint.model import Format, Severity

CATEGORIES = {"plain": "plain-language", "a11y": "accessibility", "burden": "burden", "io": "input"}
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_KEYS = ("id", "kind", "category", "severity", "message", "why", "source", "examples")
KNOWN_KEYS = frozenset(REQUIRED_KEYS) | {
    "applies-to", "formats", "params", "default", "tier", "profile", "fix", "name", "summary", "tags", "languages",
}


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Example:
    """A flag/pass example: inline text in a format, or a file relative to the project root."""

    text: str | None = None
    format: Format = Format.MARKDOWN
    file: str | None = None
    config: tuple[tuple[str, Any], ...] = ()  # configuration keys the example runs with

    def describe(self) -> str:
        return self.file if self.file else self.text or ""


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    why: str
    source: Source
    applies_to: frozenset[str]
    formats: frozenset[Format] | None
    params: dict[str, Any]
    raw_params: dict[str, Any]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    default: bool = True
    tier: str = "fast"
    profile: str | None = None  # runs only under this design-system profile (uswds | govuk)
    fix: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    origin: Path | None = None
    languages: tuple[str, ...] = ()  # the document languages it can judge ("en"); empty: any

    def applies_to_language(self, language: str | None) -> bool:
        """Whether the rule runs on a document in ``language`` (its lang attribute or /Lang).

        A document that declares no language, or something that is not a language tag
        ("english", which a11y/pdf-bad-lang reports), is checked by every rule: most
        declare none, and most are in English."""
        primary = primary_language(language)
        return not self.languages or primary is None or primary in self.languages


    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def short(self) -> str:
        """One line for listings: the summary, else the first sentence of ``why``."""
        if self.summary:
            return self.summary
        first = self.why.strip().split(". ")[0].rstrip(".")
        return first + "."

    def applies_to_format(self, fmt: Format) -> bool:
        return self.formats is None or fmt in self.formats


@dataclass
class RuleSet:
    """All loaded rules with their kinds, in a stable order."""

    rules: dict[str, Rule] = field(default_factory=dict)
    kinds: dict[str, type[Check]] = field(default_factory=dict)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def kind_of(self, rule: Rule) -> type[Check]:
        return self.kinds[rule.kind]

    def needs_nlp(self, rule: Rule) -> NlpNeed:
        return self.kind_of(rule).nlp

    def matching(self, selector: str) -> list[Rule]:
        return [r for r in self if selector_matches(selector, r)]


def selector_matches(selector: str, rule: Rule) -> bool:
    """Ruff-style selection: an exact id, an id prefix ("a11y/pdf", "plain/") or a
    category ("burden", "plain-language", "accessibility")."""
    selector = selector.strip()
    if not selector:
        return False
    if selector in (rule.category, rule.id.split("/")[0]):
        return True
    return rule.id.startswith(selector)


def builtin_rules_dir() -> Path:
    """``formlint/_rules`` in an installed wheel; the repository's ``rules/`` otherwise."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_rules"
    if installed.is_dir():
        return installed
    source = package_dir.parent / "rules"
    if source.is_dir():
        return source
    raise RuleError(f"built-in rules not found (looked in {installed} and {source}); reinstall formlint")


def load_rules(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> RuleSet:
    kinds = load_kinds()
    ruleset = RuleSet(kinds=kinds)
    for directory in [builtin_rules_dir(), *extra_dirs]:
        if not directory.is_dir():
            raise RuleError(f"rule folder {directory} does not exist")
        for path in sorted(directory.rglob("*.yaml")) + sorted(directory.rglob("*.yml")):
            if "data" in path.relative_to(directory).parts[:-1]:
                continue  # data folders hold word lists, not rules
            rule = load_rule_file(path, kinds)
            if rule.id in ruleset.rules:
                other = ruleset.rules[rule.id].origin
                raise RuleError(f"{path}: rule {rule.id!r} is already defined in {other}")
            ruleset.rules[rule.id] = rule
    ruleset.rules = dict(sorted(ruleset.rules.items()))
    return ruleset


# libyaml's loader reads the rule files about ten times faster than the pure-Python one,
# which matters on every start-up (the cached pre-commit run reads all of them). A file
# it refuses is read again by the pure-Python loader, whose messages the errors quote.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rule_file(path: Path, kinds: dict[str, type[Check]]) -> Rule:
    try:
        text = path.read_text(encoding="utf-8")
        try:
            raw = yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError:
            raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RuleError(f"{path}: cannot read rule file: {_one_line(error)}") from None
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of keys (id, kind, ...)")
    return parse_rule(raw, path, kinds)


def parse_rule(raw: dict[str, Any], path: Path, kinds: dict[str, type[Check]]) -> Rule:
    rule_id = str(raw.get("id", "")).strip()
    where = f"{path}: rule {rule_id or '(no id)'}"
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise RuleError(f"{where}: missing key {missing[0]!r}")
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise RuleError(f"{where}: unknown key {unknown[0]!r}")
    if not RULE_ID.match(rule_id):
        raise RuleError(f"{where}: id must look like 'category/name' (lower case, dashes)")
    prefix = rule_id.split("/")[0]
    category = str(raw["category"])
    if prefix in CATEGORIES and CATEGORIES[prefix] != category:
        raise RuleError(f"{where}: category must be {CATEGORIES[prefix]!r} for {prefix}/ rules, not {category!r}")
    kind_name = str(raw["kind"])
    kind = kinds.get(kind_name)
    if kind is None:
        raise RuleError(f"{where}: unknown kind {kind_name!r} (known: {', '.join(sorted(kinds))})")
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as error:
        raise RuleError(f"{where}: {error}") from None
    applies_to = frozenset(_string_list(raw.get("applies-to", ["prose"]), where, "applies-to"))
    bad = sorted(applies_to - APPLIES_TO)
    if bad:
        raise RuleError(f"{where}: applies-to has unknown target {bad[0]!r} (use {', '.join(sorted(APPLIES_TO))})")
    formats = None
    if "formats" in raw:
        try:
            formats = frozenset(Format(f) for f in _string_list(raw["formats"], where, "formats"))
        except ValueError as error:
            raise RuleError(f"{where}: {error}") from None
    source = raw["source"]
    if not isinstance(source, dict) or not source.get("title") or not source.get("url"):
        raise RuleError(f"{where}: source needs a title and a url")
    params_raw = raw.get("params") or {}
    if not isinstance(params_raw, dict):
        raise RuleError(f"{where}: params must be a mapping")
    try:
        params = validate_params(kind, params_raw, path.parent, where)
    except ParamError as error:
        raise RuleError(str(error)) from None
    flag, passing = _examples(raw["examples"], where, path)
    tier = str(raw.get("tier", "fast"))
    if tier not in ("fast", "deep"):
        raise RuleError(f"{where}: tier must be 'fast' or 'deep'")
    languages = tuple(str(v).lower() for v in _string_list(raw.get("languages", []), where, "languages"))
    bad_languages = [v for v in languages if primary_language(v) != v]  # a primary subtag: "en", "es"
    if bad_languages:
        raise RuleError(f"{where}: languages: {bad_languages[0]!r} is not a language code (use e.g. 'en', 'es')")
    profile = str(raw["profile"]) if raw.get("profile") is not None else None
    if profile is not None and profile not in PROFILES:
        raise RuleError(f"{where}: profile must be one of {', '.join(PROFILES)}")
    return Rule(
        id=rule_id,
        kind=kind_name,
        category=category,
        severity=severity,
        message=str(raw["message"]).strip(),
        why=str(raw["why"]).strip(),
        source=Source(str(source["title"]), str(source["url"])),
        applies_to=applies_to,
        formats=formats,
        params=params,
        raw_params=dict(params_raw),
        flag_examples=flag,
        pass_examples=passing,
        default=bool(raw.get("default", True)),
        tier=tier,
        profile=profile,
        fix=str(raw["fix"]).strip() if raw.get("fix") else None,
        summary=str(raw["summary"]).strip() if raw.get("summary") else None,
        tags=tuple(_string_list(raw.get("tags", []), where, "tags")),
        origin=path,
        languages=languages,
    )


def _examples(raw: Any, where: str, path: Path) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(raw, dict) or not raw.get("flag") or not raw.get("pass"):
        raise RuleError(f"{where}: examples need at least one 'flag' and one 'pass' example")
    return (
        tuple(_example(item, where) for item in _as_list(raw["flag"])),
        tuple(_example(item, where) for item in _as_list(raw["pass"])),
    )


def _example(item: Any, where: str) -> Example:
    if isinstance(item, str):
        return Example(text=item)
    if isinstance(item, dict):
        unknown = set(item) - {"format", "file", "text", "config"}
        if unknown:
            raise RuleError(f"{where}: unknown example key {sorted(unknown)[0]!r}")
        config = item.get("config") or {}
        if not isinstance(config, dict):
            raise RuleError(f"{where}: an example's config must be a mapping")
        settings = tuple(sorted(config.items()))
        fmt = item.get("format", "markdown")
        try:
            fmt = Format(fmt)
        except ValueError:
            raise RuleError(f"{where}: example format {fmt!r} is unknown") from None
        if "file" in item:
            return Example(file=str(item["file"]), format=fmt, config=settings)
        if "text" in item:
            return Example(text=str(item["text"]), format=fmt, config=settings)
    raise RuleError(f"{where}: an example is a string, or a mapping with 'text' (and 'format') or 'file'")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _string_list(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise RuleError(f"{where}: {key} must be a list of strings")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
