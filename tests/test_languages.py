"""Rules that read English (word lists, grammar, grade formulas, burden phrases) skip a
document that declares another language; the rules about length and form structure do not."""

from __future__ import annotations

import pytest

from formlint.model import Format
from formlint.rulepacks import load_rules
from tests.helpers import lint, rules_fired

LONG = " ".join(["palabra"] * 30)  # one sentence of 30 words: long in any language


def _page(lang: str) -> str:
    attribute = f' lang="{lang}"' if lang else ""
    return (f"<!doctype html><html{attribute}><head><title>Formulario</title></head><body><main>"
            f"<p>Please utilize the form prior to signing.</p><p>{LONG}.</p></main></body></html>")


@pytest.mark.parametrize("lang, english_rules_run", [("es", False), ("es-US", False), ("en-US", True), ("", True)])
def test_english_rules_skip_a_page_in_another_language(lang: str, english_rules_run: bool) -> None:
    fired = rules_fired(lint(_page(lang), "plain/simple-words", "plain/long-sentence", fmt=Format.HTML, nlp=False))
    assert ("plain/simple-words" in fired) is english_rules_run
    assert "plain/long-sentence" in fired  # sentence length is not a matter of English


def test_which_built_in_rules_read_english() -> None:
    english = {r.id for r in load_rules() if r.languages == ("en",)}
    assert {"plain/simple-words", "plain/passive-voice", "plain/readability-grade", "plain/undefined-acronym",
            "burden/physical-document", "burden/pra-omb-number-missing"} <= english
    assert not english & {"plain/long-sentence", "plain/long-paragraph", "plain/all-caps", "a11y/html-label",
                          "burden/ssn-request"}
    assert all(r.languages in ((), ("en",)) for r in load_rules())


def test_explain_says_which_languages_a_rule_reads() -> None:
    from tests.helpers import run_cli

    assert "Languages: en (not run on a document" in run_cli("explain", "plain/passive-voice").stdout
    assert "Languages:" not in run_cli("explain", "plain/long-sentence").stdout


def test_a_markdown_page_declares_its_language_in_front_matter() -> None:
    text = f"---\nlang: es\n---\n\nPlease utilize the form prior to signing.\n\n{LONG}.\n"
    assert rules_fired(lint(text, "plain/simple-words", "plain/long-sentence", nlp=False)) == ["plain/long-sentence"]
