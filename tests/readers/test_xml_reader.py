"""The XML reader: element text as prose, headings, positions, and no entity expansion."""

from __future__ import annotations

import pytest

from formlint.model import Document, Role, UnreadableError
from formlint.readers.base import ReadOptions
from formlint.readers.xml import read_xml

REG = """<?xml version="1.0"?>
<part xml:lang="en">
  <title>Regulation B</title>
  <section>
    <subject>Authority and scope</subject>
    <p>This part is issued by the <ref target="x">Bureau</ref> under the Act.</p>
    <date>2013-01-01</date>
    <p>Short one.</p>
    <p>A creditor <em>shall not</em> discriminate against any applicant.</p>
    <meta><p>Bookkeeping text is never prose.</p></meta>
  </section>
</part>
"""


def read(source: str) -> Document:
    return read_xml(source.encode("utf-8"), "reg.xml", ReadOptions())


@pytest.fixture(scope="module")
def doc() -> Document:
    return read(REG)


def test_blocks_headings_and_inline_elements(doc: Document) -> None:
    assert [(b.role, b.text) for b in doc.blocks] == [
        (Role.HEADING, "Regulation B"),
        (Role.HEADING, "Authority and scope"),
        (Role.PARAGRAPH, "This part is issued by the Bureau under the Act."),
        (Role.PARAGRAPH, "A creditor shall not discriminate against any applicant."),
    ]


def test_title_language_and_sections(doc: Document) -> None:
    assert doc.title == "Regulation B" and doc.language == "en"
    assert doc.blocks[2].section == "Authority and scope"


@pytest.mark.parametrize(
    "block_index, word, line, column",
    [(2, "issued", 6, 21), (2, "Bureau", 6, 51), (2, "under", 6, 64), (3, "shall", 9, 23), (3, "discriminate", 9, 38)],
)
def test_positions(doc: Document, block_index: int, word: str, line: int, column: int) -> None:
    block = doc.blocks[block_index]
    start = block.text.index(word)
    loc = block.location_at(start, start + len(word))
    assert (loc.line, loc.column, loc.end_column) == (line, column, column + len(word))
    assert REG.split("\n")[line - 1][column - 1:column - 1 + len(word)] == word


def test_text_split_over_lines_keeps_each_line() -> None:
    doc = read("<doc><p>First words of the\n      paragraph continue here.</p></doc>")
    block = doc.blocks[0]
    assert block.text == "First words of the paragraph continue here."
    start = block.text.index("paragraph")
    assert (block.location_at(start).line, block.location_at(start).column) == (2, 7)


def test_a_date_inside_a_sentence_is_part_of_it_and_a_date_on_its_own_is_bookkeeping() -> None:
    """The Federal Register writes "(<ref>82 FR 18981</ref>, <date>April 25, 2017</date>)
    amending ...": the sentence broke in two around the date, and rewrites lost it ("You
    must submit comments on or before")."""
    doc = read('<doc><meta><date>2017-06-07</date></meta><section><date>2017-06-07</date>'
               '<p>The FAA published a rule (<ref>82 FR 18981</ref>, <date date="2017-04-25">April 25, 2017'
               '</date>) amending part 71.</p></section></doc>')
    assert [b.text for b in doc.blocks] == ["The FAA published a rule (82 FR 18981, April 25, 2017) amending part 71."]


def test_an_amending_action_is_a_word_of_its_sentence_and_a_page_marker_is_left_out() -> None:
    doc = read('<doc><content>Section 52.1470 is <amendingAction type="amend">amended</amendingAction> by adding'
               ' two entries.</content><content>within Area I, as depicted on <page>131 STAT. 83</page>the map'
               ' entitled Areas.</content></doc>')
    assert [b.text for b in doc.blocks] == ["Section 52.1470 is amended by adding two entries.",
                                            "within Area I, as depicted on the map entitled Areas."]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<doc>&secret;</doc>
"""


@pytest.mark.parametrize("source", [BILLION_LAUGHS, EXTERNAL])
def test_entity_declarations_are_refused(source: str) -> None:
    with pytest.raises(UnreadableError, match="unsafe XML"):
        read(source)


def test_malformed_xml_says_where() -> None:
    with pytest.raises(UnreadableError, match="not well-formed XML.*line 2"):
        read("<doc>\n<p>unclosed</doc>")


def test_binary_data_is_unreadable() -> None:
    with pytest.raises(UnreadableError):
        read_xml(b"\x00\x01" * 200, "x.xml", ReadOptions())


def test_formlint_comments_suppress_findings_as_in_html() -> None:
    from tests.helpers import lint, rules_fired
    from formlint.model import Format

    source = """<?xml version="1.0"?>
<part>
  <!-- formlint-disable-next-line plain/shall -->
  <p>The creditor shall notify the applicant of the action taken.</p>
  <p>The lender shall give the applicant a copy of the appraisal.</p>
  <!--
    formlint-disable plain
  -->
  <p>Applicants shall utilize the form that is provided by the agency.</p>
  <!-- formlint-enable plain -->
  <p>Borrowers shall utilize the form.</p>
</part>
"""
    doc = read(source)
    assert [(s.rules, s.start_line, s.end_line) for s in doc.suppressions] == [
        (frozenset({"plain/shall"}), 4, 4), (frozenset({"plain"}), 6, 10)]  # to the enable comment
    found = lint(source, "plain/shall", "plain/simple-words", fmt=Format.XML, nlp=False)
    assert sorted((f.location.line, f.rule) for f in found.findings) == [
        (4, "plain/simple-words"), (5, "plain/shall"), (11, "plain/shall"), (11, "plain/simple-words")]
    assert "formlint" not in " ".join(b.text for b in doc.blocks)  # a comment is never prose
