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


def _bilingual(section_lang: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><title>Apply</title></head><body><main>"
            "<h1>Apply</h1><p>Please utilize the form prior to signing.</p>"
            f"<section lang=\"{section_lang}\"><h2>Parte dos</h2><div><p>Utilize the form prior to mailing. "
            f"You must bring your documents to our office. {LONG}.</p></div></section>"
            "</main></body></html>")


@pytest.mark.parametrize("section_lang, flagged_in_section", [("es", False), ("es-MX", False), ("en-GB", True)])
def test_english_rules_skip_a_part_of_the_page_in_another_language(section_lang: str,
                                                                   flagged_in_section: bool) -> None:
    """A <section lang="es"> of an English page: the English rules read the English part
    only; length is still measured there. The text in the section stands in for Spanish."""
    result = lint(_bilingual(section_lang), "plain/simple-words", "plain/long-sentence",
                  "burden/in-person-requirement", fmt=Format.HTML, nlp=False)
    words = [(f.rule, f.text) for f in result.findings if f.rule == "plain/simple-words"]
    assert ("plain/simple-words", "utilize") in words  # the English paragraph
    assert (("plain/simple-words", "Utilize") in words) is flagged_in_section
    assert ("burden/in-person-requirement" in rules_fired(result)) is flagged_in_section
    assert "plain/long-sentence" in rules_fired(result)


def test_the_language_of_a_part_is_found_once_per_element_on_a_deep_page() -> None:
    from formlint.readers.html import read_html
    from formlint.readers.base import ReadOptions

    depth = 20_000
    page = "<html lang=en><body><div lang=es>" + "<div><p>uno</p>" * depth + "</div>" * depth + "</div></body></html>"
    doc = read_html(page.encode(), "deep.html", ReadOptions())
    assert len(doc.blocks) == depth and {b.language for b in doc.blocks} == {"es"}


def test_words_marked_in_another_language_inside_a_sentence_stay_in_the_sentence() -> None:
    from formlint.readers.base import ReadOptions
    from formlint.readers.html import read_html

    page = ('<html lang="en"><body><p>The <i lang="fr">raison d\'être</i> of the form is to utilize it.</p>'
            '</body></html>')
    doc = read_html(page.encode(), "inline.html", ReadOptions())
    assert [(b.text, b.language) for b in doc.blocks] == [("The raison d'être of the form is to utilize it.", None)]
