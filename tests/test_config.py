from pathlib import Path

import pytest

from formlint.config import Config, ConfigError, config_from_mapping, find_config, load_config
from formlint.model import Severity
from formlint.selection import enabled_rules, ignored_for_path, validate_against_rules
from tests.helpers import builtin_rules


def test_defaults() -> None:
    config = Config()
    assert config.fail_on_severity is Severity.ERROR and config.nlp and config.select is None


def test_pyproject_section_is_found_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.formlint]\nfail-on = "warning"\nignore = ["plain/long-sentence"]\n')
    sub = tmp_path / "forms" / "a"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_config() == tmp_path / "pyproject.toml"
    config = load_config()
    assert config.fail_on == "warning" and config.ignore == ("plain/long-sentence",)


def test_pyproject_without_section_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "setup.cfg").write_text("[formlint]\nselect = plain, burden\nfail-on = info\n")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.select == ("plain", "burden") and config.fail_on == "info"


@pytest.mark.parametrize("name, text", [
    ("pyproject.toml", '[tool.formlint]\nselect = [\n'),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.formlint]\nfail-on = warning\n'),  # an unquoted string
    ("setup.cfg", "[formlint]\nselect = plain\n[broken\n"),
])
def test_a_broken_file_meant_for_formlint_is_an_error_not_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    # Skipping it would run with the defaults and drop the user's settings without a word.
    (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    assert find_config() == tmp_path / name
    with pytest.raises(ConfigError, match=name):
        load_config()


def test_a_broken_pyproject_of_another_tool_is_still_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = \n')
    monkeypatch.chdir(tmp_path)
    assert find_config() is None


def test_formlint_toml_wins_in_the_same_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".formlint.toml").write_text('profile = "govuk"\n')
    (tmp_path / "setup.cfg").write_text("[formlint]\nprofile = uswds\n")
    monkeypatch.chdir(tmp_path)
    assert load_config().profile == "govuk"


def test_setup_cfg_rule_params_and_severity(tmp_path: Path) -> None:
    cfg = tmp_path / "setup.cfg"
    cfg.write_text(
        "[formlint]\nseverity =\n    plain/long-sentence = error\nper-file-ignores =\n    legacy/*.pdf: a11y\n"
        "[formlint.rules.plain/long-sentence]\nmax-words = 30\n"
    )
    config = load_config(cfg)
    assert config.severity == {"plain/long-sentence": Severity.ERROR}
    assert config.per_file_ignores == {"legacy/*.pdf": ("a11y",)}
    assert config.rules == {"plain/long-sentence": {"max-words": 30}}


def test_unknown_key_is_an_error_that_names_it() -> None:
    with pytest.raises(ConfigError, match="unknown configuration key 'selekt'.*did you mean 'select'"):
        config_from_mapping({"selekt": ["plain"]})


def test_bad_values_are_errors() -> None:
    with pytest.raises(ConfigError, match="fail-on"):
        config_from_mapping({"fail-on": "sometimes"})
    with pytest.raises(ConfigError, match="'max-file-size-mb' must be a number"):
        config_from_mapping({"max-file-size-mb": "big"})


def test_unknown_rule_ids_are_errors_that_name_them() -> None:
    ruleset = builtin_rules()
    for mapping, key in [({"select": ["plain/nope"]}, "select"), ({"ignore": ["zzz"]}, "ignore"),
                         ({"severity": {"a11y/x": "info"}}, "severity"),
                         ({"per-file-ignores": {"*.md": ["burden/bogus"]}}, "per-file-ignores")]:
        with pytest.raises(ConfigError, match=f"unknown rule id or prefix .* in '{key}"):
            validate_against_rules(config_from_mapping(mapping), ruleset)
    with pytest.raises(ConfigError, match="unknown rule id 'plain/nope' in 'rules'"):
        validate_against_rules(config_from_mapping({"rules": {"plain/nope": {"x": 1}}}), ruleset)


def test_selection_like_ruff() -> None:
    ruleset = builtin_rules()
    ids = lambda cfg: {r.id for r in enabled_rules(cfg, ruleset)}  # noqa: E731
    assert ids(Config(select=("burden",))) == {r.id for r in ruleset if r.id.startswith("burden/")}
    assert "a11y/pdf-field-no-name" in ids(Config(select=("a11y/pdf",)))
    assert "a11y/html-label" not in ids(Config(select=("a11y/pdf",)))
    assert "plain/simple-words" not in ids(Config(ignore=("plain/simple-words",)))
    assert ids(Config(select=("plain-language",))) == {r.id for r in ruleset if r.category == "plain-language"}


def test_per_file_ignores_match_globs() -> None:
    config = Config(per_file_ignores={"legacy/*.pdf": ("a11y",), "*.md": ("plain/long-sentence",)})
    assert ignored_for_path("legacy/old.pdf", config) == ("a11y",)
    assert ignored_for_path("docs/guide.md", config) == ("plain/long-sentence",)
    assert ignored_for_path("forms/new.pdf", config) == ()
