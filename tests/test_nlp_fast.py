"""formlint.nlp_fast replays spaCy's attribute ruler and lemmatizer exactly.

The same sentences are parsed with the real components and with the replay table, and
every token attribute a check can read is compared. The sentences include the cases
the replay must hand back to the real components (two-token patterns: "gon na",
"there is", "let's") and words seen with different tags and labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.engine import discover
from formlint.nlp import Nlp
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from formlint.text import sentence_spans

ROOT = Path(__file__).resolve().parent.parent

HARD = [
    "We are gonna file it, and you gotta sign it.",
    "There is a form, and there are two copies.",
    "Let's review the request. Y'all ain't late.",
    "I request that you request a review; the request was reviewed.",
    "The address is wrong, so address the letter again.",
    "He doesn't do it, but did they do it?  Yes.\n\nNew line.",
    "It is I who signed it, and it was given to me.",
    "Somethin' is nothin' and 'em folks c'mon.",
]


def _attributes(docs: list) -> list:  # type: ignore[type-arg]
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc] for doc in docs]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    texts = list(HARD)
    for target in discover([ROOT / "fixtures" / "forms" / "markdown", ROOT / "fixtures" / "forms" / "text",
                            ROOT / "fixtures" / "forms" / "html"]):
        doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        for block in doc.blocks:
            texts += [span.of(block.text) for span in sentence_spans(block.text)]
    return list(dict.fromkeys(texts))


def test_the_replay_gives_exactly_the_real_components_output(sentences: list[str]) -> None:
    real = Nlp(fast_attributes=False)
    if not real.available:
        pytest.skip("no spaCy model")
    fast = Nlp()
    assert len(sentences) > 100
    expected = _attributes(real.parse_many(sentences))
    # Twice: the first pass learns the words, the second replays them from the table.
    assert _attributes(fast.parse_many(sentences)) == expected
    fast.end_document()
    assert _attributes(fast.parse_many(sentences)) == expected
    assert fast._fast is not None and fast._fast.table  # the replay was used


def test_the_replay_is_used_and_the_real_components_are_taken_out_of_the_pipe() -> None:
    nlp = Nlp()
    if not nlp.available:
        pytest.skip("no spaCy model")
    pipeline = nlp.pipeline()
    assert "attribute_ruler" in pipeline.disabled and "lemmatizer" in pipeline.disabled
    doc = nlp.parse("The applicant must sign the form.")
    assert [t.lemma_ for t in doc][:3] == ["the", "applicant", "must"] and doc[3].pos_ == "VERB"
    assert doc.tensor.size == 0  # token vectors dropped: no check reads them


def test_a_pipeline_without_those_components_is_left_alone() -> None:
    nlp = Nlp(components=("tok2vec", "tagger", "parser"))
    if not nlp.available:
        pytest.skip("no spaCy model")
    nlp.pipeline()
    assert nlp._fast is None
    assert nlp.parse("Sign here.")[0].tag_ == "VB"
