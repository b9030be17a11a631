"""The wheel carries the built-in rule packs: build it, install it (not editable) into a
fresh virtual environment, and run formlint from there, away from the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    build = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", ROOT, cwd=work)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((work / "dist").glob("formlint-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=work)
    assert install.returncode == 0, install.stderr[-2000:]
    # The dependencies (spaCy, pdfplumber ...) come from this test environment: a plain
    # path line in a .pth file makes them importable without running this environment's
    # own .pth hooks, so the editable formlint of the source tree stays out of sight.
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip()
    Path(site, "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


def test_the_installed_package_is_the_wheel_with_its_rules(installed: Path, tmp_path: Path) -> None:
    probe = run(installed / "bin" / "python", "-c",
                "import formlint, pathlib; p = pathlib.Path(formlint.__file__).parent; "
                "print(p); print((p / '_rules' / 'plain' / 'simple-words.yaml').is_file())", cwd=tmp_path)
    location, has_rules = probe.stdout.split()
    assert Path(location).is_relative_to(installed) and has_rules == "True"


def test_rules_and_check_run_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    formlint = installed / "bin" / "formlint"
    listing = run(formlint, "rules", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "plain/simple-words" in listing.stdout and "a11y/pdf-field-no-name" in listing.stdout
    form = tmp_path / "form.md"
    form.write_bytes((FIXTURES / "markdown" / "apply-for-benefits-bad.md").read_bytes())
    checked = run(formlint, "check", "--format", "json", form.name, cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    rules = json.loads(checked.stdout)["summary"]["by_rule"]
    assert {"plain/simple-words", "burden/physical-signature"} <= set(rules)
    module = run(installed / "bin" / "python", "-m", "formlint", "--version", cwd=tmp_path)
    assert module.returncode == 0 and "formlint" in module.stdout


def test_the_html_report_renders_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    """Templates, style sheet and script ship in the wheel; the report draws PDF pages there too."""
    form = tmp_path / "form.pdf"
    form.write_bytes((FIXTURES / "pdf" / "benefit-application-bad.pdf").read_bytes())
    made = run(installed / "bin" / "formlint", "report", form.name, "--no-nlp", "-o", "out.html", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert 'id="filter-form"' in html and "<style>" in html and html.count("<script>") == 1
    assert 'src="data:image/png;base64,' in html and 'class="box s-error"' in html
    assert "a11y/pdf-field-no-name" in html
    checked = run(installed / "bin" / "formlint", "check", form.name, "--no-nlp", "--format", "html", cwd=tmp_path)
    assert checked.returncode == 1 and checked.stdout == html


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """The README's quick start promises that CI runs its test command, word for word."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.startswith("python3 -m pip install")]
    assert len(commands) == 2, commands  # one installs and runs formlint, one runs the tests
    test_command = next(c for c in commands if "pytest" in c)
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == test_command
