"""``check --diff REF``: only the files changed since a git revision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import git, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "forms").mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / "forms" / name).write_text("Please utilize the enclosed envelope.\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "forms")
    return tmp_path


def checked(cwd: Path, *args: str) -> list[str]:
    result = run_cli("check", "--format", "json", "--no-nlp", "--no-cache", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def test_only_changed_and_new_files_are_checked(repo: Path) -> None:
    assert checked(repo, "--diff", "HEAD") == []
    (repo / "forms" / "a.md").write_text("We will commence the review.\n")  # changed, not staged
    (repo / "forms" / "new.md").write_text("Please utilize this.\n")  # untracked
    (repo / "forms" / "c.md").unlink()  # deleted: nothing to check
    (repo / "notes.md").write_text("Please utilize this.\n")
    assert checked(repo, "--diff", "HEAD") == ["forms/a.md", "forms/new.md", "notes.md"]
    assert checked(repo, "forms", "--changed-since", "HEAD") == ["forms/a.md", "forms/new.md"]
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "edit")
    assert checked(repo, "--diff", "HEAD") == []
    assert checked(repo, "--diff", "HEAD~1") == ["forms/a.md", "forms/new.md", "notes.md"]
    # From a subfolder, paths are still right.
    assert checked(repo / "forms", "--diff", "HEAD~1") == ["a.md", "new.md"]


def test_ignored_files_are_not_new(repo: Path) -> None:
    (repo / ".gitignore").write_text("drafts/\n")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "d.md").write_text("Please utilize this.\n")
    assert checked(repo, "--diff", "HEAD") == []  # .gitignore itself is not a form


def test_unknown_revision_and_no_repository_are_usage_errors(repo: Path,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    result = run_cli("check", "--diff", "no-such-branch", cwd=repo)
    assert result.exit_code == 2 and "unknown git revision 'no-such-branch'" in result.stderr
    assert result.stderr.count("\n") == 1
    result = run_cli("check", "--diff", "--upload-pack=evil", cwd=repo)
    assert result.exit_code == 2 and "not a git revision" in result.stderr
    elsewhere = tmp_path_factory.mktemp("not-a-repo")
    (elsewhere / "a.md").write_text("Hello.\n")
    result = run_cli("check", "--diff", "HEAD", cwd=elsewhere)
    assert result.exit_code == 2 and "is not inside one" in result.stderr


def test_only_new_leaves_out_what_each_file_already_had(repo: Path) -> None:
    forms = repo / "forms"
    (forms / "a.md").write_text("Please utilize the enclosed envelope.\n\nWe will commence the review.\n")
    (forms / "b.md").write_text("Please utilize the enclosed envelope.\nUtilize it twice.\n")  # a second "utilize"
    git(repo, "mv", "forms/c.md", "forms/renamed.md")  # the same findings under a new name
    (forms / "new.md").write_text("Please utilize this.\n")  # no old version: all new
    before = {p.name: p.read_bytes() for p in forms.iterdir()}
    result = run_cli("check", "--format", "json", "--no-nlp", "--no-cache", "--diff", "HEAD", "--only-new",
                     "--fail-on", "warning", cwd=repo)
    assert result.exit_code == 1, result.stderr
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    reported = {path: [x["text"] for x in f["findings"]] for path, f in files.items()}
    assert reported == {"forms/a.md": ["commence"], "forms/b.md": ["Utilize"], "forms/new.md": ["utilize"],
                        "forms/renamed.md": []}
    assert files["forms/a.md"]["stats"]["preexisting"] == 1 and "baselined" not in files["forms/a.md"]["stats"]
    assert {p.name: p.read_bytes() for p in forms.iterdir()} == before  # old versions read into a temporary folder
    text = run_cli("check", "--no-nlp", "--no-cache", "--diff", "HEAD", "--only-new", cwd=repo).stdout
    assert text.rstrip().endswith("3 findings already there at HEAD not shown.")
    # Nothing new in the renamed file, and only what is new fails the run.
    only_renamed = run_cli("check", "--no-nlp", "--no-cache", "--diff", "HEAD", "--only-new", "--fail-on", "warning",
                           "forms/renamed.md", cwd=repo)
    assert only_renamed.exit_code == 0 and "1 finding already there at HEAD not shown." in only_renamed.stdout


def test_only_new_needs_diff_and_does_not_fix(repo: Path) -> None:
    result = run_cli("check", "--only-new", cwd=repo)
    assert result.exit_code == 2 and "--only-new needs --diff REF" in result.stderr
    result = run_cli("check", "--diff", "HEAD", "--only-new", "--fix", cwd=repo)
    assert result.exit_code == 2 and "use one at a time" in result.stderr
