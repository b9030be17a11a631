"""plain/readability-grade: the formula, sections, stats, and no network."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from formlint.readability import CMU_DATA, Counts, flesch_kincaid_grade, syllables
from formlint.model import Severity
from tests.conftest import ROOT
from tests.helpers import lint, run_json

RULE = "plain/readability-grade"
HARD = (
    "Applicants who have previously received assistance under any federally administered supplemental "
    "nutrition program must demonstrate continued eligibility by furnishing documentation substantiating "
    "household composition, countable income, and allowable deductions. "
) * 4
EASY = "You can get help. Tell us who lives with you. Send us your pay stubs. We will write to you. " * 6


def test_flesch_kincaid_formula() -> None:
    assert flesch_kincaid_grade(2, 20, 30) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert Counts().grade is None


@pytest.mark.parametrize("word, expected", [("application", 4), ("the", 1), ("every", 3), ("form", 1),
                                            ("documentation", 5), ("zzzxq", 1)])
def test_syllables_come_from_the_cmu_dictionary_then_pyphen(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_a_hard_text_is_reported_with_its_hardest_sentence() -> None:
    result = lint(HARD, RULE)
    (finding,) = result.findings
    assert finding.severity is Severity.WARNING
    assert "above the target of 8" in finding.message
    assert finding.suggestions[0].startswith("Start with the hardest sentence")
    assert result.stats["grade"] > 12


def test_an_easy_text_is_not_reported_and_its_grade_is_in_stats() -> None:
    result = lint(EASY, RULE)
    assert result.findings == [] and result.stats["grade"] < 4


def test_target_and_error_threshold_are_configurable() -> None:
    assert lint(HARD, RULE, rules={RULE: {"target": 30}}).findings == []
    (finding,) = lint(HARD, RULE, rules={RULE: {"error-above": 12}}).findings
    assert finding.severity is Severity.ERROR


def test_sections_are_graded_on_their_own() -> None:
    text = f"# Who can apply\n\n{EASY}\n\n# Eligibility rules\n\n{HARD}\n"
    (finding,) = lint(text, RULE).findings
    assert 'section "Eligibility rules"' in finding.message
    assert finding.location.line == 7


def test_the_grade_is_in_the_json_stats(tmp_path) -> None:  # noqa: ANN001
    page = tmp_path / "page.md"
    page.write_text(EASY, encoding="utf-8")
    _, data = run_json(str(page), "--select", RULE)
    assert isinstance(data["files"][0]["stats"]["grade"], float)


def test_the_cmu_dictionary_ships_in_the_package_with_its_licence() -> None:
    assert (CMU_DATA / "corpora" / "cmudict" / "cmudict").stat().st_size > 1_000_000
    assert "Carnegie Mellon University" in (CMU_DATA / "LICENSE").read_text(encoding="utf-8")


OFFLINE = textwrap.dedent(
    """
    import socket, sys
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import nltk
    def no_download(*args, **kwargs):
        raise AssertionError("nltk.download was called")
    nltk.download = no_download
    from tests.helpers import lint
    text = "Applicants must demonstrate continued eligibility by furnishing documentation. " * 20
    result = lint(text, "plain/readability-grade")
    from formlint.readability import syllables
    print(syllables("documentation"), result.stats["grade"], len(result.findings))
    """
)


def test_readability_works_with_the_network_blocked_in_a_fresh_process() -> None:
    completed = subprocess.run([sys.executable, "-c", OFFLINE], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    count, grade, findings = completed.stdout.split()
    assert count == "5" and float(grade) > 8 and findings == "1"


def test_readability_in_process_with_no_network(no_network: None) -> None:
    result = lint(HARD, RULE)
    assert result.findings and result.stats["grade"] > 12


def test_neither_textstat_nor_nltk_is_imported_even_when_readability_runs() -> None:
    """formlint counts syllables as textstat does without importing it (about a second
    per process with NLTK and the dictionary); tests/test_readability_counts.py checks
    that the counts are textstat's."""
    code = textwrap.dedent(
        """
        import sys
        from tests.helpers import lint
        lint("Please utilize the form.", "plain/simple-words")
        print("textstat" in sys.modules, "nltk" in sys.modules)
        result = lint("Please utilize the form. " * 40, "plain/readability-grade")
        print("textstat" in sys.modules, "nltk" in sys.modules, result.stats["grade"] is not None)
        """
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["False", "False", "False", "False", "True"]
