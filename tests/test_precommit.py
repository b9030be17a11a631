"""End to end: this checkout's .pre-commit-hooks.yaml, run by pre-commit itself.

``pre-commit try-repo`` clones this checkout (with its committed and staged changes;
untracked files are not included), builds the hook's virtual environment and
pip-installs formlint with all its dependencies from the package index: about 40 to 55
seconds on a two-core machine, once per try-repo call. The two calls (a form that must
fail, one that must pass) run side by side to keep the wall time near one install.

Without the package index the test skips and says why; CI sets
FORMLINT_REQUIRE_PRECOMMIT=1 (in .ci/run), where a skip would hide a broken hook and
is a failure instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

pytestmark = [pytest.mark.precommit, pytest.mark.slow]

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


def test_the_hook_fails_on_a_bad_form_and_passes_on_a_good_one(tmp_path: Path) -> None:
    command = _pre_commit()
    if not (ROOT / ".git").exists():
        _unavailable(f"{ROOT} is not a git checkout, which pre-commit try-repo needs")
    project = tmp_path / "forms-repo"
    project.mkdir()
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-bad.md", project / "bad.md")
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-good.md", project / "good.md")
    # The configured level: the bad page has warnings and no errors, so this is what fails it.
    (project / ".formlint.toml").write_text('fail-on = "warning"\n')
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-q", "-m", "forms")

    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "GIT_"))}
    env["PRE_COMMIT_COLOR"] = "never"
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
        if "An unexpected error has occurred" in out or "Installing environment" in out and "formlint...." not in out:
            if any(sign in out for sign in OFFLINE_SIGNS):
                _unavailable(f"pre-commit could not install the hook from the package index:\n{out[-2000:]}")
            pytest.fail(f"pre-commit could not run the hook on {name}:\n{out[-4000:]}")

    bad_code, bad_out = outputs["bad.md"]
    assert bad_code == 1, bad_out
    assert "formlint" in bad_out and "Failed" in bad_out
    assert "bad.md:8:" in bad_out and "plain/simple-words" in bad_out  # formlint's own report of the findings
    good_code, good_out = outputs["good.md"]
    assert good_code == 0, good_out
    assert "Passed" in good_out and "No problems found in 1 file." in good_out
