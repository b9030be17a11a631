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
