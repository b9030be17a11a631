"""formlint's syllable counts are textstat 0.7's, without importing textstat.

formlint.readability reads the shipped CMU dictionary itself and applies textstat's
word splitting; this compares the two on the fixtures, on words the dictionary lacks
(pyphen's estimate) and on the punctuation and apostrophe cases textstat treats
specially. When the corpus is present, every sentence of its prose is compared too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.engine import discover
from formlint.readability import CMU_DATA, LONGEST_HYPHENATED, cmu_syllables, syllables
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from formlint.text import sentence_spans

ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "", "   ", "documentation", "DON'T they're O'Neil 'quoted' can't rock'n'roll",
    "naïve café résumé", "1990s e-mail co-operate", "Form W-2 (Rev. 2024) — see §1.23(a)!",
    "Zyxwvut qwrtplk", "U.S.C. e.g. i.e. etc.", "it’s the applicant’s “form”",
]


@pytest.fixture(scope="module")
def textstat_count():  # type: ignore[no-untyped-def]
    import nltk.data

    if str(CMU_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(CMU_DATA))  # the shipped dictionary: never a download
    import textstat

    textstat.set_lang("en_US")
    return lambda text: int(textstat.syllable_count(text))


def _texts(paths: list[Path]) -> list[str]:
    texts = []
    for target in discover(paths):
        try:
            doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        except Exception:  # noqa: BLE001 - unreadable fixtures are other tests' business
            continue
        for block in doc.blocks:
            texts.append(block.text)
            texts += [span.of(block.text) for span in sentence_spans(block.text)]
    return texts


def test_counts_equal_textstats_on_fixtures_and_hard_cases(textstat_count) -> None:  # type: ignore[no-untyped-def]
    texts = TRICKY + _texts([ROOT / "fixtures" / "forms"])
    assert len(texts) > 100
    assert [syllables(t) for t in texts] == [textstat_count(t) for t in texts]


def test_counts_equal_textstats_on_the_corpus_prose(corpus_dir: Path, textstat_count) -> None:  # type: ignore[no-untyped-def]
    texts = _texts([corpus_dir / "guidance", corpus_dir / "html"])
    assert len(texts) > 10_000
    mismatched = [t for t in texts if syllables(t) != textstat_count(t)]
    assert mismatched == []


def test_the_dictionary_is_read_as_nltk_reads_it(tmp_path: Path) -> None:
    data = tmp_path / "cmudict"
    data.write_text("READ 1 R IY1 D\nREAD 2 R EH1 D\nCAFE 1 K AE0 F EY1\nHMM 1 HH M\n\n", encoding="utf-8")
    assert cmu_syllables(data) == {"read": 1, "cafe": 2, "hmm": 0}  # the first pronunciation wins


def test_a_run_of_characters_is_counted_by_vowel_groups_not_hyphenated(textstat_count) -> None:  # type: ignore[no-untyped-def]
    # pyphen takes about 3 s a megabyte over one unbroken "word" (a 10 MB file of one would
    # reach the time limit); past LONGEST_HYPHENATED characters the count is by vowel groups.
    blob = "xkcdab" * 200  # 1,200 characters, 200 vowel groups
    assert len(blob) > LONGEST_HYPHENATED
    assert syllables(blob) == 200
    assert syllables("a" * 1_000_000) == 1
    # Up to the limit (a long web address, its punctuation gone), the count is still textstat's.
    word = "xkcdab" * (LONGEST_HYPHENATED // 6)
    assert syllables(word) == textstat_count(word)
    address = "https://github.com/department-of-veterans-affairs/vets-api/blob/master/modules/" * 3
    assert syllables(address) == textstat_count(address)


def test_the_grouped_syllable_table_holds_the_dictionary_counts_exactly() -> None:
    """formlint reads syllables.txt (quicker); it must be the shipped dictionary's counts."""
    from formlint.readability import SYLLABLE_TABLE, syllable_table

    assert SYLLABLE_TABLE.is_file()
    assert syllable_table() == cmu_syllables()


def test_a_missing_syllable_table_falls_back_to_the_dictionary(tmp_path: Path) -> None:
    from formlint.readability import syllable_table, write_syllable_table

    assert syllable_table(tmp_path / "missing.txt") == cmu_syllables()
    write_syllable_table({"read": 1, "cafe": 2, "hmm": 0}, tmp_path / "small.txt")
    assert syllable_table(tmp_path / "small.txt") == {"read": 1, "cafe": 2, "hmm": 0}
