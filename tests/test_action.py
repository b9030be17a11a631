"""The GitHub Action, its run script, and the CI examples in the README.

action.yml and the README's workflow and GitLab examples are validated against the
SchemaStore schemas that check-jsonschema ships (offline); the pre-commit examples
against pre-commit's own config schema. The action's run script is executed the way the
runner executes it, with its inputs in environment variables.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT
from tests.helpers import git

ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "scripts" / "github-action-run.sh"
README = ROOT / "README.md"


def readme_blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## In repositories and CI"):text.index("## What formlint reads")]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def block_with(marker: str) -> str:
    found = [b for b in readme_blocks("yaml") if marker in b]
    assert len(found) == 1, f"one README yaml block with {marker!r}"
    return found[0]


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


# -- action.yml ------------------------------------------------------------------


def test_action_yml_is_a_valid_composite_action() -> None:
    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "config", "sarif-file"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    text = ACTION.read_text()
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used <= set(action["inputs"]), used - set(action["inputs"])
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs go through env:, never into the script text (no shell injection).
            assert "inputs." not in step["run"]
    assert "scripts/github-action-run.sh" in steps[-1]["run"]
    assert set(action["outputs"]) == {"sarif-file", "exit-code"}


def _run_script(cwd: Path, **inputs: str) -> tuple[int, str, dict[str, str], str]:
    github_output = cwd / "github_output.txt"
    summary = cwd / "summary.md"
    github_output.write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FORMLINT_NO_CACHE": "",  # as in a real job: the annotation run reads the SARIF run's results
        "FORMLINT_COMMAND": f"{sys.executable} -m formlint",
        "GITHUB_OUTPUT": str(github_output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "FORMLINT_PATHS": ".", "FORMLINT_FAIL_ON": "error", "FORMLINT_CONFIG": "", "FORMLINT_SARIF": "formlint.sarif",
        "FORMLINT_BASELINE": "", "FORMLINT_CHANGED_SINCE": "", "FORMLINT_ONLY_NEW": "false",
        "FORMLINT_BURDEN_SINCE": "", "FORMLINT_ARGS": "",
    }
    env.update({f"FORMLINT_{key.upper()}": value for key, value in inputs.items()})
    done = subprocess.run(["bash", str(SCRIPT)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    outputs = dict(line.split("=", 1) for line in github_output.read_text().splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, outputs, summary.read_text() if summary.exists() else ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_run_script_writes_sarif_annotates_and_sets_the_exit_code(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-bad.md", forms / "bad.md")
    shutil.copy(FIXTURES / "markdown" / "apply-for-benefits-good.md", forms / "good.md")
    (tmp_path / "other.md").write_text("Please utilize the enclosed envelope.\n")

    code, log, outputs, summary = _run_script(tmp_path, paths="forms\n  other.md", fail_on="warning", args="--no-nlp")
    assert code == 1, log
    assert outputs == {"sarif-file": "formlint.sarif", "exit-code": "1"}
    sarif = json.loads((tmp_path / "formlint.sarif").read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"forms/bad.md", "other.md"}  # both paths of the multi-line input
    annotations = [line for line in log.splitlines() if line.startswith("::")]
    assert len(annotations) == len(sarif["runs"][0]["results"])
    assert {a.split("file=")[1].split(",")[0] for a in annotations} == {"forms/bad.md", "other.md"}
    assert summary.startswith("### formlint") and "Found " in summary

    code, log, outputs, _ = _run_script(tmp_path, paths="forms", fail_on="never", sarif="", args="--no-nlp")
    assert code == 0 and outputs == {"sarif-file": "", "exit-code": "0"}

    # Inputs are data, never shell: a glob is not expanded, a command is not run.
    code, log, outputs, _ = _run_script(tmp_path, paths="*.md $(touch pwned)", args="--no-nlp")
    assert code == 2 and "*.md: no such file" in log and not (tmp_path / "pwned").exists()

    (tmp_path / "bad.toml").write_text('fail-on = "sometimes"\n')
    code, log, outputs, _ = _run_script(tmp_path, paths="forms", config="bad.toml", args="--no-nlp")
    assert code == 2 and "'fail-on' must be one of" in log and outputs == {"exit-code": "2"}


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None, reason="needs bash and git")
def test_burden_since_adds_each_changed_forms_burden_to_the_job_summary(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(FIXTURES / "html" / "benefit-application-bad.html", forms / "apply.html")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "forms")
    shutil.copy(FIXTURES / "html" / "benefit-application-good.html", forms / "apply.html")

    code, log, outputs, summary = _run_script(tmp_path, paths="forms", fail_on="never", sarif="", args="--no-nlp",
                                              burden_since="HEAD")
    assert code == 0 and outputs == {"sarif-file": "", "exit-code": "0"}, log
    assert summary.startswith("### formlint")
    assert "## Burden before and after" in summary and "| forms/apply.html | 133.6 | 1.8 | -131.8 min" in summary

    # only-new: the changed form's findings that were there at HEAD are left out of the annotations.
    code, log, outputs, summary = _run_script(tmp_path, paths="forms", fail_on="warning", sarif="", args="--no-nlp",
                                              changed_since="HEAD", only_new="true")
    assert code == 0 and not [line for line in log.splitlines() if line.startswith("::")], log
    assert "already there at HEAD not shown" in summary

    code, log, outputs, _ = _run_script(tmp_path, paths="forms", fail_on="never", sarif="", args="--no-nlp",
                                        burden_since="no-such-branch")
    assert code == 2 and "unknown git revision 'no-such-branch'" in log and outputs["exit-code"] == "2"


# -- the README's CI examples --------------------------------------------------------


def test_readme_workflow_is_a_valid_github_workflow_using_the_action(tmp_path: Path) -> None:
    workflow = block_with("upload-sarif")
    path = tmp_path / "formlint.yml"
    path.write_text(workflow)
    done = check_jsonschema("vendor.github-workflows", path)
    assert done.returncode == 0, done.stdout + done.stderr
    steps = yaml.safe_load(workflow)["jobs"]["formlint"]["steps"]
    ours = next(s for s in steps if s.get("uses", "").startswith("formlint/formlint@"))
    action = yaml.safe_load(ACTION.read_text())
    assert set(ours["with"]) <= set(action["inputs"])
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == ours["with"]["sarif-file"] and "failure()" in upload["if"]


def test_readme_gitlab_example_is_valid_gitlab_ci(tmp_path: Path) -> None:
    example = block_with("codequality")
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(example)
    done = check_jsonschema("vendor.gitlab-ci", path)
    assert done.returncode == 0, done.stdout + done.stderr
    job = yaml.safe_load(example)["formlint"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any(f"--format gitlab --output {report}" in line for line in job["script"])


def test_readme_pre_commit_examples_and_the_hook_manifest_are_valid(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is in the test extra")
    manifest = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in manifest] == ["formlint"]
    hook = manifest[0]
    assert hook["entry"] == "formlint check" and hook["language"] == "python" and hook["require_serial"]
    files = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    for name in ("form.pdf", "Form.PDF", "a/b.html", "x.htm", "g.md", "n.txt", "forms/f.schema.json"):
        assert files.search(name) and not exclude.search(name), name
    for name in ("a.py", "b.docx", "package.json", "web/tsconfig.build.json"):
        assert not files.search(name) or exclude.search(name), name
    configs = [b for b in readme_blocks("yaml") if "pre-commit-config" in b]
    assert len(configs) == 2
    for number, config in enumerate(configs):
        path = tmp_path / f"config{number}.yaml"
        path.write_text(config)
        loaded = clientlib.load_config(str(path))
        local = loaded["repos"][0]
        if local["repo"] == "local":
            assert local["hooks"][0]["files"] == hook["files"]  # the offline hook checks the same files
