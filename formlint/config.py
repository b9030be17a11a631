"""Settings: defaults < config file < command line.

The config file is the first found walking up from the current directory:
``.formlint.toml`` (keys at the top level, or under ``[tool.formlint]``),
``pyproject.toml`` with ``[tool.formlint]``, or ``setup.cfg`` with ``[formlint]``.
Every key is validated; an unknown key or rule id is an error that names it.
"""

from __future__ import annotations

import configparser
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from formlint.model import Severity

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
PROFILES = ("uswds", "govuk")


class ConfigError(ValueError):
    """A configuration problem the user must fix (exit code 2)."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None  # None = every rule that is on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)  # selector -> severity
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> params
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glob -> selectors
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    accept: tuple[str, ...] = ()  # words and phrases never flagged by word-list rules
    reject: tuple[str, ...] = ()  # words always flagged (plain/custom-words)
    acronyms: tuple[str, ...] = ()  # accepted abbreviations
    profile: str = "uswds"
    nlp: bool = True
    nlp_model: str | None = None
    deep: bool = False
    rule_paths: tuple[Path, ...] = ()
    max_file_size_mb: float = 10.0
    max_pdf_size_mb: float = 200.0
    max_memory_mb: float = 2048.0  # per worker process; 0 = no limit (see formlint.limits)
    jobs: int | None = None
    timeout: float = 60.0
    cache: bool = True
    cache_dir: Path | None = None
    baseline: Path | None = None
    serve: bool = False  # after a full check, start `formlint serve` for the checks that follow
    burden: dict[str, Any] = field(default_factory=dict)  # time-model constants and profile ([tool.formlint.burden])
    source: Path | None = None  # the file these settings came from
    root: Path = field(default_factory=Path.cwd)  # paths in the file are relative to this

    @property
    def fail_on_severity(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# key in the file -> (Config attribute, parser)
def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace("\n", ",").split(",")]
        return tuple(p for p in parts if p)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ConfigError(f"'{key}' must be a list of strings")


def _choice(choices: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def parse(value: Any, key: str) -> str:
        text = str(value).strip().lower()
        if text not in choices:
            raise ConfigError(f"'{key}' must be one of {', '.join(choices)}, not {value!r}")
        return text

    return parse


def _bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ConfigError(f"'{key}' must be true or false, not {value!r}")


def _number(value: Any, key: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"'{key}' must be a number, not {value!r}") from None
    if number <= 0:
        raise ConfigError(f"'{key}' must be positive")
    return number


def _limit(value: Any, key: str) -> float:
    """A positive number, or 0 for "no limit"."""
    if value in (0, "0"):
        return 0.0
    return _number(value, key)


def _int(value: Any, key: str) -> int:
    number = _number(value, key)
    if number != int(number):
        raise ConfigError(f"'{key}' must be a whole number")
    return int(number)


def _severity_map(value: Any, key: str) -> dict[str, Severity]:
    value = _table(value, key)
    result = {}
    for selector, level in value.items():
        try:
            result[str(selector)] = Severity.parse(str(level))
        except ValueError as error:
            raise ConfigError(f"'{key}.{selector}': {error}") from None
    return result


def _table(value: Any, key: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):  # setup.cfg: "name = value" lines or "name: value" lines
        result: dict[str, Any] = {}
        for line in value.strip().splitlines():
            if not line.strip():
                continue
            sep = "=" if "=" in line else ":"
            if sep not in line:
                raise ConfigError(f"'{key}': cannot read line {line.strip()!r} (use 'name = value')")
            name, _, rest = line.partition(sep)
            result[name.strip()] = rest.strip()
        return result
    raise ConfigError(f"'{key}' must be a table")


def _per_file(value: Any, key: str) -> dict[str, tuple[str, ...]]:
    return {str(glob): _str_list(rules, f"{key}.{glob}") for glob, rules in _table(value, key).items()}


def _rules_table(value: Any, key: str) -> dict[str, dict[str, Any]]:
    table = _table(value, key)
    for rule_id, params in table.items():
        if not isinstance(params, dict):
            raise ConfigError(f"'{key}.{rule_id}' must be a table of rule parameters")
    return {str(k): dict(v) for k, v in table.items()}


def _burden_table(value: Any, key: str) -> dict[str, Any]:
    from formlint.burden import BurdenConfigError, validate_overrides

    table = _table(value, key)
    try:
        return validate_overrides(table, key)
    except BurdenConfigError as error:
        raise ConfigError(str(error)) from None


def _paths(value: Any, key: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in _str_list(value, key))


def _path(value: Any, key: str) -> Path:
    return Path(str(value))


KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", _str_list),
    "extend-select": ("extend_select", _str_list),
    "ignore": ("ignore", _str_list),
    "severity": ("severity", _severity_map),
    "rules": ("rules", _rules_table),
    "per-file-ignores": ("per_file_ignores", _per_file),
    "exclude": ("exclude", _str_list),
    "fail-on": ("fail_on", _choice(FAIL_ON_CHOICES)),
    "accept": ("accept", _str_list),
    "reject": ("reject", _str_list),
    "acronyms": ("acronyms", _str_list),
    "profile": ("profile", _choice(PROFILES)),
    "nlp": ("nlp", _bool),
    "nlp-model": ("nlp_model", lambda v, k: str(v)),
    "deep": ("deep", _bool),
    "rule-paths": ("rule_paths", _paths),
    "max-file-size-mb": ("max_file_size_mb", _number),
    "max-pdf-size-mb": ("max_pdf_size_mb", _number),
    "max-memory-mb": ("max_memory_mb", _limit),
    "jobs": ("jobs", _int),
    "timeout": ("timeout", _number),
    "cache": ("cache", _bool),
    "cache-dir": ("cache_dir", _path),
    "serve": ("serve", _bool),
    "baseline": ("baseline", _path),
    "burden": ("burden", _burden_table),
}
PATH_KEYS = ("rule_paths", "cache_dir", "baseline")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: the current directory) upward."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / ".formlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_section(pyproject):
            return pyproject
        setup_cfg = folder / "setup.cfg"
        if setup_cfg.is_file() and _setup_cfg_has_section(setup_cfg):
            return setup_cfg
    return None


def _pyproject_has_section(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        # A broken file that names formlint's table is meant for formlint: loading it reports
        # the error, where skipping it would drop the user's settings without a word.
        return b"tool.formlint" in raw
    return isinstance(data.get("tool"), dict) and "formlint" in data["tool"]


def _setup_cfg_has_section(path: Path) -> bool:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        try:
            return b"[formlint]" in path.read_bytes()  # broken, but meant for formlint: report it
        except OSError:
            return False
    return parser.has_section("formlint")


def load_config(path: Path | None = None, *, discover: bool = True) -> Config:
    """Read settings from ``path``, or from the nearest config file when ``discover``."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"config file {path} not found")
    raw = _read_raw(path)
    return config_from_mapping(raw, source=path, root=path.parent)


def _read_raw(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if path.name == "setup.cfg" or path.suffix == ".cfg":
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text, source=str(path))
        except configparser.Error as error:
            raise ConfigError(f"{path}: {' '.join(str(error).split())}") from None
        if not parser.has_section("formlint"):
            raise ConfigError(f"{path}: no [formlint] section")
        raw: dict[str, Any] = dict(parser.items("formlint"))
        rules = {
            section.split(".", 2)[2]: dict(parser.items(section))
            for section in parser.sections()
            if section.startswith("formlint.rules.")
        }
        if rules:
            raw["rules"] = {k: {p: _cfg_value(v) for p, v in params.items()} for k, params in rules.items()}
        return raw
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("formlint")
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: no [tool.formlint] section")
        return section
    if isinstance(data.get("tool"), dict) and "formlint" in data["tool"]:
        return data["tool"]["formlint"]
    return data


def _cfg_value(text: str) -> Any:
    """setup.cfg values are strings: read numbers and booleans for rule parameters."""
    stripped = text.strip()
    for convert in (int, float):
        try:
            return convert(stripped)
        except ValueError:
            pass
    if stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    return stripped


def config_from_mapping(raw: dict[str, Any], *, source: Path | None = None, root: Path | None = None) -> Config:
    where = f"{source}: " if source else ""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        normalized = key.replace("_", "-")
        if normalized not in KEYS:
            suggestion = _closest(normalized, KEYS)
            hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
            raise ConfigError(f"{where}unknown configuration key {key!r}{hint}")
        attribute, parse = KEYS[normalized]
        try:
            values[attribute] = parse(value, normalized)
        except ConfigError as error:
            raise ConfigError(f"{where}{error}") from None
    root = root or Path.cwd()
    for attribute in PATH_KEYS:
        if attribute in values:
            value = values[attribute]
            values[attribute] = (
                tuple(_under(root, p) for p in value) if isinstance(value, tuple) else _under(root, value)
            )
    return Config(source=source, root=root, **values)


def _under(root: Path, path: Path) -> Path:
    return path if path.is_absolute() else (root / path).resolve()


def _closest(word: str, choices: dict[str, Any]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return matches[0] if matches else None


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def config_fields() -> list[str]:
    return [f.name for f in fields(Config)]
