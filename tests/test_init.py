"""``formlint init``: a commented starter configuration that never clobbers one."""

from __future__ import annotations

import tomllib
from pathlib import Path

from formlint.config import load_config
from tests.helpers import run_cli


def test_writes_formlint_toml_that_loads(tmp_path: Path) -> None:
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0 and "Wrote .formlint.toml" in result.stdout
    path = tmp_path / ".formlint.toml"
    text = path.read_text()
    assert text.count("\n# ") > 10  # commented
    config = load_config(path)
    assert config.fail_on == "error" and config.source == path.resolve()
    # Every commented example is valid too, once uncommented.
    uncommented = "\n".join(line[2:] if line.startswith("# ") and ("=" in line or line.startswith("# [")) else line
                            for line in text.splitlines())
    full = load_config_text(tmp_path, uncommented)
    assert full.severity and full.rules and full.per_file_ignores and full.baseline is not None and full.serve
    again = run_cli("init", cwd=tmp_path)
    assert again.exit_code == 2 and "already configures formlint" in again.stderr
    assert path.read_text() == text


def load_config_text(folder: Path, text: str):  # type: ignore[no-untyped-def]
    target = folder / "uncommented" / ".formlint.toml"
    target.parent.mkdir()
    target.write_text(text)
    return load_config(target)


def test_appends_to_pyproject_without_touching_the_rest(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    original = '[project]\nname = "forms"\n\n[tool.black]\nline-length = 100'  # no final newline
    pyproject.write_text(original)
    result = run_cli("init", cwd=tmp_path)
    assert result.exit_code == 0 and "[tool.formlint]" in result.stdout
    text = pyproject.read_text()
    assert text.startswith(original + "\n")
    data = tomllib.loads(text)
    assert data["project"]["name"] == "forms" and data["tool"]["black"] == {"line-length": 100}
    assert data["tool"]["formlint"] == {"fail-on": "error"}
    assert load_config(pyproject).fail_on == "error"
    assert not (tmp_path / ".formlint.toml").exists()
    again = run_cli("init", cwd=tmp_path)
    assert again.exit_code == 2 and "pyproject.toml already configures formlint" in again.stderr
    assert pyproject.read_text() == text


def test_choices_and_refusals(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run_cli("init", "--toml", cwd=tmp_path).exit_code == 0
    assert (tmp_path / ".formlint.toml").is_file() and "formlint" not in (tmp_path / "pyproject.toml").read_text()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pyproject.toml").write_text("[project\n")
    result = run_cli("init", "--pyproject", cwd=broken)
    assert result.exit_code == 2 and "not valid TOML" in result.stderr
    assert (broken / "pyproject.toml").read_text() == "[project\n"
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "setup.cfg").write_text("[formlint]\nfail-on = warning\n")
    result = run_cli("init", cwd=cfg)
    assert result.exit_code == 2 and "setup.cfg already configures formlint" in result.stderr
