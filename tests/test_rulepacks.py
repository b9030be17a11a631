from pathlib import Path

import pytest

from formlint.rulepacks import RuleError, builtin_rules_dir, load_rules
from tests.conftest import ROOT
from tests.helpers import builtin_rules

GOOD = """
id: custom/no-foo
kind: pattern
category: custom
severity: warning
message: 'Avoid "{match}".'
why: Foo confuses readers.
source: {title: House style, url: https://example.gov/style}
params:
  patterns: [{regex: '\\bfoo\\b', suggestion: bar}]
examples: {flag: ["A foo here."], pass: ["A bar here."]}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_builtin_rules_load_and_cover_every_category() -> None:
    ruleset = load_rules()
    prefixes = {r.id.split("/")[0] for r in ruleset}
    assert {"plain", "a11y", "burden", "io"} <= prefixes
    assert builtin_rules_dir().name in ("rules", "_rules")


def test_a_user_pack_adds_rules(tmp_path: Path) -> None:
    write(tmp_path / "pack", "no-foo.yaml", GOOD)
    ruleset = load_rules([tmp_path / "pack"])
    assert ruleset.get("custom/no-foo") is not None


@pytest.mark.parametrize(
    "change, message",
    [
        (("kind: pattern", "kind: telepathy"), "unknown kind 'telepathy'"),
        (("severity: warning", "severity: fatal"), "unknown severity"),
        (("patterns: [{regex: '\\bfoo\\b', suggestion: bar}]", "patterns: [{regex: '(unclosed'}]"), "bad regex"),
        (("  patterns:", "  colour: red\n  patterns:"), "unknown parameter 'colour'"),
        (("examples: {flag: [\"A foo here.\"], pass: [\"A bar here.\"]}", "examples: {flag: [\"A foo.\"]}"),
         "examples need"),
        (("id: custom/no-foo", "id: NoFoo"), "id must look like"),
        (("severity: warning", "severity: warning\nlanguages: [English]"), "'english' is not a language code"),
    ],
)
def test_invalid_rules_stop_with_the_file_and_rule_named(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = write(tmp_path / "pack", "bad.yaml", GOOD.replace(*change))
    with pytest.raises(RuleError) as error:
        load_rules([tmp_path / "pack"])
    assert message in str(error.value) and str(path) in str(error.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "pack", "a.yaml", GOOD)
    write(tmp_path / "pack", "b.yaml", GOOD)
    with pytest.raises(RuleError, match="already defined"):
        load_rules([tmp_path / "pack"])


def test_a_builtin_id_cannot_be_redefined(tmp_path: Path) -> None:
    write(tmp_path / "pack", "a.yaml", GOOD.replace("custom/no-foo", "plain/simple-words").replace(
        "category: custom", "category: plain-language"))
    with pytest.raises(RuleError, match="'plain/simple-words' is already defined"):
        load_rules([tmp_path / "pack"])


@pytest.mark.parametrize("language, runs", [
    (None, True), ("", True), ("en", True), ("en-US", True), ("EN_gb", True), ("es", False), ("es-US", False),
    ("english", True), ("x", True), ("x-private", True),  # no language tag or no language: as if none were declared
])
def test_a_rule_with_languages_runs_only_on_documents_in_them(language: str | None, runs: bool) -> None:
    rule = load_rules().get("plain/simple-words")
    assert rule is not None and rule.languages == ("en",)
    assert rule.applies_to_language(language) is runs


def test_a_rule_without_languages_runs_on_any_document(tmp_path: Path) -> None:
    write(tmp_path / "pack", "no-foo.yaml", GOOD)
    rule = load_rules([tmp_path / "pack"]).get("custom/no-foo")
    assert rule is not None and rule.languages == () and rule.applies_to_language("es")


def test_the_readme_documents_every_builtin_rule() -> None:
    """Every rule is named in the README (its id, or for the long accessibility lists the part
    after "a11y/"), so a new rule cannot ship undocumented."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [rule.id for rule in builtin_rules()
               if f"`{rule.id}`" not in readme and f"`{rule.id.split('/', 1)[1]}`" not in readme]
    assert missing == []
