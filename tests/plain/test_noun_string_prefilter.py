"""The raw-text step of the noun-string pre-filter never rejects what the tokenizer keeps.

``letter_runs_allow`` runs before spaCy's tokenizer: it may only say False where the
tokenizer test (``length`` candidate tokens in a row) would fail too.
"""

from __future__ import annotations

import pytest

from formlint.checks.nounstring import could_have_noun_string, letter_runs_allow, token_runs_allow
from formlint.checks.prose import prose_sentences
from formlint.engine import discover
from formlint.nlp import Nlp
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from tests.conftest import CORPUS, FIXTURES


@pytest.fixture(scope="module")
def nlp() -> Nlp:
    nlp = Nlp()
    if not nlp.available:
        pytest.skip("no spaCy model")
    return nlp


def _tokens_allow(nlp: Nlp, text: str, length: int) -> bool:
    return token_runs_allow(nlp.tokenize(text), length)


@pytest.mark.parametrize(("text", "expected"), [
    ("Submit the benefit application status request form today.", True),
    ("Submit the form to the office by mail.", False),  # function words break every run
    ("Submit the benefit-application status form.", False),  # a hyphen is a token of its own
    ("THE BENEFIT APPLICATION STATUS REQUEST", False),  # capitals are not counted
    ("You cannot file the claim status request form.", None),  # "cannot" is split by a rule: ask the tokenizer
])
def test_letter_runs(nlp: Nlp, text: str, expected: bool | None) -> None:
    assert letter_runs_allow(text, 4, nlp.special_cases()) is expected


def test_never_false_where_the_tokenizer_finds_a_run(nlp: Nlp) -> None:
    folders = [FIXTURES, *([CORPUS / "guidance", CORPUS / "html"] if CORPUS.is_dir() else [])]
    special = nlp.special_cases()
    checked = rejected = 0
    for target in discover(folders):
        try:
            doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        except Exception:  # not a form, unreadable: nothing to compare
            continue
        for sentence in prose_sentences(doc.blocks):
            text = sentence.text
            if not could_have_noun_string(text):
                continue
            for length in (3, 4):
                quick = letter_runs_allow(text, length, special)
                checked += 1
                if quick is False:
                    rejected += 1
                    assert not _tokens_allow(nlp, text, length), (length, text[:120])
    assert checked > 50 and rejected > checked // 3  # it does reject, and never a run the tokenizer finds
