"""``formlint burden --compare OLD NEW`` and ``--diff REF``: a revision's effect on the time tax."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from formlint.burden_change import Comparison, FormChange
from formlint.burden_report import FormRow
from formlint.gitdiff import Change, Revision, changes
from tests.conftest import FIXTURES
from tests.helpers import git, run_cli

BAD = FIXTURES / "html" / "benefit-application-bad.html"
GOOD = FIXTURES / "html" / "benefit-application-good.html"
CLEAN = FIXTURES / "html" / "a11y-clean.html"
TEMPLATE = FIXTURES / "html" / "template-form.html"
GUIDE = FIXTURES / "markdown" / "apply-for-benefits-good.md"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def burden(*args: str, cwd: Path | None = None) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("burden", "--format", "json", "-j", "1", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def estimate(path: Path) -> dict:  # type: ignore[type-arg]
    """The plain ``formlint burden`` row of one form: what a comparison must agree with."""
    _, data = burden(str(path))
    (row,) = data["forms"]
    return row  # type: ignore[no-any-return]


def row(minutes: float, stated: float | None = None, steps: tuple[str, ...] = ("online",),
        elements: tuple[str, ...] = (), questions: int = 5, omb: str | None = None) -> FormRow:
    return FormRow(path="f.html", format="html", kind="form", pages=None, words=100, fields=questions,
                   questions=questions, fields_by_type={}, minutes=minutes, low=minutes, high=minutes,
                   breakdown={"fields": minutes}, steps=list(steps), stated=stated, elements=list(elements),
                   assumptions=[], omb_number=omb)


# --------------------------------------------------------------------------- two files


def test_two_files_give_the_change_in_minutes_route_and_elements() -> None:
    code, data = burden("--compare", str(BAD), str(GOOD))
    assert code == 0
    (form,) = data["forms"]
    old, new = estimate(BAD), estimate(GOOD)
    change = form["change"]
    assert form["status"] == "changed"
    assert change["estimated_minutes"] == round(new["estimated_minutes"] - old["estimated_minutes"], 1) < -100
    assert change["share"] == round(change["estimated_minutes"] / old["estimated_minutes"], 3)
    assert change["breakdown"]["channel"] == round(new["breakdown"].get("channel", 0) - old["breakdown"]["channel"], 1)
    assert set(change["steps_removed"]) == {"in-person visit", "print and sign"} and change["steps_added"] == []
    assert set(change["elements_removed"]) == set(old["elements"]) - set(new["elements"])
    assert "ssn" in change["elements_removed"]
    assert set(change["elements_added"]) == set(new["elements"]) - set(old["elements"])
    assert change["questions"] == new["questions"] - old["questions"]
    assert "the OMB control number changed from 2900-0998 to 2900-0999" in change["notes"]
    assert form["before"]["path"].endswith("benefit-application-bad.html")
    assert data["summary"]["change_minutes"] == change["estimated_minutes"]


def test_text_names_both_files_and_reads_as_a_summary() -> None:
    result = run_cli("burden", "--compare", str(BAD), str(GOOD), "--responses", "12000")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("benefit-application-bad.html -> " + lines[0].split(" -> ")[1])
    assert "route           no longer in-person visit, print and sign" in result.stdout
    assert "no longer asks  " in result.stdout and "Social Security number" in result.stdout
    minutes = estimate(GOOD)["estimated_minutes"] - estimate(BAD)["estimated_minutes"]
    hours = abs(round(round(minutes, 1) * 12000 / 60, 1))
    shown = f"{hours:,.0f}" if hours.is_integer() else f"{hours:,.1f}"  # 26,360 hours; 1,234.5 hours
    assert f"-{shown} hours a year at 12,000 responses" in result.stdout
    assert "1 form compared, 1 changed: estimated" in result.stdout


def test_fail_on_increase_fails_only_when_the_estimate_went_up() -> None:
    worse = run_cli("burden", "--compare", str(GOOD), str(BAD), "--fail-on-increase")
    assert worse.exit_code == 1
    assert "formlint: estimated burden went up:" in worse.stderr and "+131.8 min per response" in worse.stderr
    assert run_cli("burden", "--compare", str(BAD), str(GOOD), "--fail-on-increase").exit_code == 0
    assert run_cli("burden", "--compare", str(GOOD), str(BAD)).exit_code == 0  # reporting only


def test_markdown_is_a_table_for_a_pull_request(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    shutil.copy(BAD, old / "a|b*form.html")  # a file name with Markdown's table and emphasis marks
    shutil.copy(GOOD, new / "a|b*form.html")
    result = run_cli("burden", "--compare", "old", "new", "--format", "markdown", cwd=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "## Burden before and after"
    table = [line for line in lines if line.startswith("| old/a")]
    assert len(table) == 1 and table[0].startswith(r"| old/a\|b\*form.html → new/a\|b\*form.html | 133.6 | 1.8 |")
    assert table[0].count(" | ") == 5  # six cells: the escaped | does not add one
    assert "- no longer asks: " in result.stdout and "->" not in result.stdout


# --------------------------------------------------------------------------- two folders


def test_folders_pair_files_by_path_and_list_added_removed_and_unchanged(tmp_path: Path) -> None:
    old, new = tmp_path / "2024", tmp_path / "2025"
    for folder in (old, new):
        (folder / "sub").mkdir(parents=True)
        shutil.copy(CLEAN, folder / "sub" / "same.html")
        shutil.copy(GUIDE, folder / "guide.md")
    shutil.copy(BAD, old / "apply.html")
    shutil.copy(GOOD, new / "apply.html")
    shutil.copy(TEMPLATE, old / "retired.html")
    shutil.copy(TEMPLATE, new / "added.html")
    code, data = burden("--compare", "2024", "2025", cwd=tmp_path)
    assert code == 0
    status = {f["name"]: f["status"] for f in data["forms"]}
    assert status == {"2024/apply.html -> 2025/apply.html": "changed", "2024/retired.html": "removed",
                      "2025/added.html": "added", "2024/sub/same.html -> 2025/sub/same.html": "unchanged"}
    template = estimate(TEMPLATE)["estimated_minutes"]
    added = next(f for f in data["forms"] if f["status"] == "added")
    assert added["before"] is None and added["change"]["estimated_minutes"] == template
    assert data["summary"] == {
        "changed": 3, "unchanged": 1,
        "estimated_minutes_before": round(estimate(BAD)["estimated_minutes"] + template
                                          + estimate(CLEAN)["estimated_minutes"], 1),
        "estimated_minutes_after": round(estimate(GOOD)["estimated_minutes"] + template
                                         + estimate(CLEAN)["estimated_minutes"], 1),
        "change_minutes": data["summary"]["change_minutes"], "change_hours_a_year": None}
    assert data["summary"]["change_minutes"] == round(
        data["summary"]["estimated_minutes_after"] - data["summary"]["estimated_minutes_before"], 1)
    assert [s["path"] for s in data["skipped"]] == ["2025/guide.md"]  # a document, named once


def test_two_named_files_that_are_not_forms_are_both_listed() -> None:
    code, data = burden("--compare", str(GUIDE), str(FIXTURES / "markdown" / "apply-for-benefits-bad.md"))
    assert code == 0 and data["forms"] == []
    assert sorted(Path(s["path"]).name for s in data["skipped"]) == ["apply-for-benefits-bad.md",
                                                                     "apply-for-benefits-good.md"]


def test_an_unreadable_new_version_is_listed_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir(), (tmp_path / "new").mkdir()
    shutil.copy(BAD, tmp_path / "old" / "form.pdf")
    (tmp_path / "new" / "form.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    result = run_cli("burden", "--compare", "old", "new", cwd=tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    assert "unreadable new/form.pdf:" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    cases = [
        (("--compare", str(BAD)), "--compare takes two paths"),
        (("--compare", str(BAD), str(tmp_path)), "two files or two folders, not a file and a folder"),
        (("--compare", str(BAD), str(tmp_path / "nope.html")), "no such file"),
        (("--compare", "--diff", "HEAD", str(BAD), str(GOOD)), "use one"),
        (("--compare", str(BAD), str(GOOD), "--format", "csv"), "not csv"),
        (("--compare", str(BAD), str(GOOD), "--top", "3"), "--top chooses rows"),
        ((str(BAD), "--format", "markdown"), "--format markdown is for --compare and --diff"),
        ((str(BAD), "--fail-on-increase"), "--fail-on-increase needs --compare or --diff"),
        (("--diff", "HEAD", str(tmp_path)), "needs a git repository"),
    ]
    for args, message in cases:
        result = run_cli("burden", *args, cwd=tmp_path)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- the model


def test_a_stated_time_left_behind_is_noted() -> None:
    stale = FormChange(row(40, stated=30), row(10, stated=30), "old", "new")
    assert stale.notes() == ["the burden statement still says 30 min while the estimate went from 40 to 10: "
                             "review the statement"]
    assert FormChange(row(40, stated=30), row(10, stated=12), "old", "new").notes() == []  # updated
    assert FormChange(row(40, stated=30), row(39.5, stated=30), "old", "new").notes() == []  # too small to matter
    gone = FormChange(row(40, stated=30, omb="1234-5678"), row(40), "old", "new")
    assert gone.notes() == ["the new version has no burden statement (the old one said 30 min)",
                            "the new version no longer shows the OMB control number (1234-5678)"]


def test_only_a_real_change_is_a_change() -> None:
    assert FormChange(row(10), row(10.02), "a", "b").status == "unchanged"
    assert FormChange(row(10), row(10, elements=("ssn",)), "a", "b").status == "changed"
    assert FormChange(row(10, steps=("online",)), row(10, steps=("route not stated",)), "a", "b").status == "unchanged"
    assert FormChange(row(10, steps=("print and sign",)), row(10), "a", "b").steps_removed == ["print and sign"]
    assert FormChange(None, row(10), None, "b").steps_added == []  # a new form's route is not a change


def test_fail_on_increase_weighs_new_forms_against_the_total() -> None:
    replaced = Comparison([FormChange(row(70), None, "old.pdf", None), FormChange(None, row(3), None, "new.pdf")])
    assert replaced.minutes == -67 and replaced.increased() == []  # git's delete + add of a rewritten file
    grown = Comparison([FormChange(row(10), row(8), "a", "a"), FormChange(None, row(3), None, "n")])
    assert [c.label() for c in grown.increased()] == ["n"]
    longer = Comparison([FormChange(row(10), row(12), "a", "a"), FormChange(row(30), None, "b", None)])
    assert [c.label() for c in longer.increased()] == ["a -> a"]  # a form got longer, whatever the total


# --------------------------------------------------------------------------- git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(BAD, forms / "apply.html")
    shutil.copy(CLEAN, forms / "contact.html")
    shutil.copy(TEMPLATE, forms / "retired.html")
    shutil.copy(GUIDE, forms / "guide.md")
    (tmp_path / "package.json").write_text('{"name": "forms-site"}\n')
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "forms")
    return tmp_path


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}


@needs_git
def test_diff_compares_each_changed_form_with_its_committed_version(repo: Path) -> None:
    forms = repo / "forms"
    shutil.copy(GOOD, forms / "apply.html")  # edited
    git(repo, "mv", "forms/contact.html", "forms/contact-us.html")  # renamed, same content
    git(repo, "rm", "-q", "forms/retired.html")  # withdrawn
    shutil.copy(TEMPLATE, forms / "new.html")  # new, untracked
    (forms / "guide.md").write_text("Apply online.\n")  # a document, not a form
    (repo / "package.json").write_text('{"name": "forms-site", "version": "2"}\n')  # tool configuration
    before = digests(repo)
    code, data = burden("--diff", "HEAD", cwd=repo)
    assert code == 0
    status = {f["name"]: f["status"] for f in data["forms"]}
    assert status == {"forms/apply.html": "changed", "HEAD:forms/retired.html": "removed",
                      "forms/new.html": "added", "HEAD:forms/contact.html -> forms/contact-us.html": "unchanged"}
    apply = next(f for f in data["forms"] if f["name"] == "forms/apply.html")
    assert apply["before"]["path"] == "HEAD:forms/apply.html" and apply["after"]["path"] == "forms/apply.html"
    assert apply["change"]["estimated_minutes"] == round(
        estimate(GOOD)["estimated_minutes"] - estimate(BAD)["estimated_minutes"], 1)
    assert [s["path"] for s in data["skipped"]] == ["forms/guide.md"]
    assert digests(repo) == before  # the old versions were read into a temporary folder
    # From the subfolder, limited to one file; nothing else is read.
    code, data = burden("--diff", "HEAD", "apply.html", cwd=forms)
    assert [f["name"] for f in data["forms"]] == ["apply.html"] and data["skipped"] == []


@needs_git
def test_diff_fails_on_increase_after_a_commit_that_made_a_form_longer(repo: Path) -> None:
    shutil.copy(GOOD, repo / "forms" / "apply.html")
    git(repo, "commit", "-q", "-am", "shorter")
    shutil.copy(BAD, repo / "forms" / "apply.html")
    git(repo, "commit", "-q", "-am", "longer again")
    result = run_cli("burden", "--diff", "HEAD~1", "--fail-on-increase", "--format", "markdown", cwd=repo)
    assert result.exit_code == 1 and "forms/apply.html +131.8 min per response" in result.stderr
    assert "| forms/apply.html | 1.8 | 133.6 | +131.8 min" in result.stdout
    assert run_cli("burden", "--diff", "HEAD~2", "--fail-on-increase", cwd=repo).exit_code == 0  # no net change
    unknown = run_cli("burden", "--diff", "no-such-branch", cwd=repo)
    assert unknown.exit_code == 2 and "unknown git revision 'no-such-branch'" in unknown.stderr


@needs_git
def test_changes_reads_renames_deletions_and_untracked_files(repo: Path) -> None:
    git(repo, "mv", "forms/contact.html", "forms/contact-us.html")
    (repo / "forms" / "retired.html").unlink()
    (repo / "forms" / "new.html").write_text("<form></form>")
    (repo / "notes.txt").write_text("outside forms/")
    revision = Revision.resolve("HEAD", repo)
    found = changes(revision, [repo / "forms"])
    assert sorted(found, key=str) == sorted([Change("forms/contact.html", "forms/contact-us.html"),
                                             Change("forms/retired.html", None), Change(None, "forms/new.html")],
                                            key=str)
    assert Change(None, "notes.txt") in changes(revision)
    revision.export("forms/retired.html", repo / "out" / "retired.html")
    assert (repo / "out" / "retired.html").read_bytes() == TEMPLATE.read_bytes()
    outside = repo.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    with pytest.raises(Exception, match="outside the git repository"):
        revision.pathspecs([outside])
