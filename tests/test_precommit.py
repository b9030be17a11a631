"""End to end: this checkout's .pre-commit-hooks.yaml, run by pre-commit itself.

``pre-commit try-repo`` clones this checkout (its committed and staged changes;
untracked files are not included), builds the hook's virtual environment and
pip-installs formlint with all its dependencies (spaCy, numpy, pdfplumber ...: about
120 MB of wheels, 425 MB installed). Every try-repo call builds a fresh environment, so
the test downloads the wheels once into a wheelhouse, then runs the two calls (a form
that must fail, one that must pass) side by side from it with the index switched off
(PIP_NO_INDEX + PIP_FIND_LINKS, as an air-gapped mirror would). Measured on the
shared two-core development machine (load average 5 to 7 from other work): the download
alone 34 s, the whole test 125 to 228 s; one try-repo install from the index alone took
38 to 114 s.

Without the package index the test skips and says why; CI sets
FORMLINT_REQUIRE_PRECOMMIT=1 (in .ci/run), where a skip would hide a broken hook and
is a failure instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.precommit

REQUIRED = os.environ.get("FORMLINT_REQUIRE_PRECOMMIT", "").strip() not in ("", "0", "false")
# What pip prints when it cannot reach the package index.
OFFLINE_SIGNS = ("Could not fetch URL", "Failed to establish a new connection", "Temporary failure in name resolution",
                 "Name or service not known", "Network is unreachable", "Max retries exceeded", "ProxyError",
                 "No matching distribution found", "Could not find a version that satisfies")


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"FORMLINT_REQUIRE_PRECOMMIT is set, but {reason}")
    pytest.skip(reason)


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _unavailable("pre-commit is not installed (it is in the test extra)")
    if shutil.which("git") is None:
        _unavailable("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.gov", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, capture_output=True)


def _forms_repo(tmp_path: Path) -> Path:
    """A throw-away repository with a bad and a good form, failing on warnings."""
    project = tmp_path / "forms-repo"
    project.mkdir()
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-bad.md", project / "bad.md")
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-good.md", project / "good.md")
    # The configured level: the bad page has warnings and no errors, so this is what fails it.
    (project / ".formlint.toml").write_text('fail-on = "warning"\n')
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "forms")
    return project


@pytest.mark.slow
def test_the_hook_fails_on_a_bad_form_and_passes_on_a_good_one(tmp_path: Path) -> None:
    command = _pre_commit()
    if not (ROOT / ".git").exists():
        _unavailable(f"{ROOT} is not a git checkout, which pre-commit try-repo needs")
    project = _forms_repo(tmp_path)
    wheelhouse = tmp_path / "wheels"
    download = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(wheelhouse),
                               str(ROOT), "hatchling>=1.21"], capture_output=True, text=True, timeout=900)
    if download.returncode != 0:
        out = download.stdout + download.stderr
        if any(sign in out for sign in OFFLINE_SIGNS):
            _unavailable(f"the package index cannot be reached to install the hook:\n{out[-2000:]}")
        pytest.fail(f"pip download of formlint's dependencies failed:\n{out[-4000:]}")

    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "GIT_", "PIP_"))}
    env.update(PRE_COMMIT_COLOR="never", PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse))
    runs = {
        name: subprocess.Popen([*command, "try-repo", str(ROOT), "formlint", "--verbose", "--files", name],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for name in ("bad.md", "good.md")
    }
    outputs = {}
    for name, process in runs.items():
        try:
            out, _ = process.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            for other in runs.values():
                other.kill()
            pytest.fail("pre-commit try-repo took longer than 15 minutes")
        outputs[name] = (process.returncode, out)

    for name, (code, out) in outputs.items():
        if "formlint...." not in out:  # the hook never ran: the environment could not be built
            pytest.fail(f"pre-commit could not install or run the hook on {name}:\n{out[-4000:]}")

    bad_code, bad_out = outputs["bad.md"]
    assert bad_code == 1, bad_out
    assert "formlint" in bad_out and "Failed" in bad_out
    assert "bad.md:8:" in bad_out and "plain/simple-words" in bad_out  # formlint's own report of the findings
    good_code, good_out = outputs["good.md"]
    assert good_code == 0, good_out
    assert "Passed" in good_out and "No problems found in 1 file." in good_out


def test_the_offline_local_hook_from_the_readme(tmp_path: Path) -> None:
    """The README's `repo: local` + `language: system` hook: no environment, no network."""
    command = _pre_commit()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, flags=re.S) if "repo: local" in b)
    config = yaml.safe_load(block)
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "formlint check"
    hook["entry"] = f"{sys.executable} -m formlint check"  # this checkout's formlint, not an installed one
    project = _forms_repo(tmp_path)
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    _git(project, "add", ".pre-commit-config.yaml")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_COLOR="never", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PYTHONPATH=str(ROOT))
    results = {}
    for name in ("bad.md", "good.md", "notes.py"):
        if name == "notes.py":
            (project / name).write_text("print('Please utilize this.')\n")
        done = subprocess.run([*command, "run", "--verbose", "--files", name], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)
        results[name] = (done.returncode, done.stdout + done.stderr)
    bad_code, bad_out = results["bad.md"]
    assert bad_code == 1 and "Failed" in bad_out and "bad.md:8:" in bad_out, bad_out
    good_code, good_out = results["good.md"]
    assert good_code == 0 and "Passed" in good_out and "No problems found in 1 file." in good_out, good_out
    other_code, other_out = results["notes.py"]
    assert other_code == 0 and "(no files to check)Skipped" in other_out, other_out
