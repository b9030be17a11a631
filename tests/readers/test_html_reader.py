"""Tests for the HTML reader: element tree, prose anchors, fields, templates, suppressions."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formlint.model import Document, FieldType, Format, Role, TextBlock, UnreadableError
from formlint.readers import html as html_reader
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from formlint.readers.html import read_html
from formlint.readers.html_template import neutralise
from formlint.readers.html_tree import Element, HtmlTree

OPTIONS = ReadOptions()


def read(source: str, path: str = "page.html") -> Document:
    return read_html(source.encode("utf-8"), path, OPTIONS)


def tree(doc: Document) -> HtmlTree:
    assert doc.html is not None
    return doc.html


def position(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``source``."""
    index = -1
    for _ in range(nth + 1):
        index = source.index(needle, index + 1)
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


def source_text(source: str, block: TextBlock, start: int, end: int) -> str:
    """The source characters that ``block.location_at(start, end)`` points at (one line)."""
    loc = block.location_at(start, end)
    assert loc.line == loc.end_line
    assert loc.line is not None and loc.column is not None and loc.end_column is not None
    return source.split("\n")[loc.line - 1][loc.column - 1 : loc.end_column - 1]


def block_with(doc: Document, text: str) -> TextBlock:
    found = [b for b in doc.blocks if text in b.text]
    assert found, f"no block contains {text!r}: {[b.text for b in doc.blocks]}"
    return found[0]


def field(doc: Document, ident: str):  # noqa: ANN201 - a Field
    found = [f for f in doc.fields if f.id == ident]
    assert len(found) == 1, [f.id for f in doc.fields]
    return found[0]


# --- element tree: positions -------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
  <title>Apply &amp; save</title>
</head>
<body>
  <form id="f">
    <label for="name">Full name</label>
      <input id="name"
             name="name" type="text" required>
    <p>Done</p>
  </form>
</body>
</html>
"""


def test_element_line_and_column_are_those_of_the_start_tag() -> None:
    doc = read(PAGE)
    t = tree(doc)
    name = t.get("name")
    assert name is not None
    assert (name.tag, name.line, name.column) == ("input", 9, 7)
    assert (name.end_line, name.end_column) == (10, 47)  # just after the start tag's ">"
    label = t.labels[0]
    assert (label.line, label.column) == (8, 5)
    assert (label.end_line, label.end_column) == (8, 40)  # after "</label>"
    form = t.forms[0]
    assert (form.line, form.column, form.end_line, form.end_column) == (7, 3, 12, 10)
    assert t.html_element is not None and (t.html_element.line, t.html_element.column) == (2, 1)


def test_field_location_spans_the_start_tag() -> None:
    doc = read(PAGE)
    loc = field(doc, "name").location
    assert (loc.path, loc.line, loc.column, loc.end_line, loc.end_column, loc.field) == (
        "page.html", 9, 7, 10, 47, "name"
    )


def test_tree_structure_parent_children_and_text() -> None:
    t = tree(read(PAGE))
    form = t.forms[0]
    assert [child.tag for child in form.children] == ["label", "input", "p"]
    assert all(child.parent is form for child in form.children)
    assert form.text() == "Full name Done"
    assert t.root.tag == "#document" and t.html_element in t.root.children
    assert t.title_element is not None and t.title_element.text() == "Apply & save"


def test_attributes_are_lower_case_first_value_wins_and_valueless_is_empty() -> None:
    t = tree(read('<INPUT ID="a" Name="first" name="second" REQUIRED data-X="1">'))
    el = t.controls[0]
    assert el.attrs == {"id": "a", "name": "first", "required": "", "data-x": "1"}


def test_crlf_and_cr_line_endings_count_as_lines() -> None:
    for newline in ("\r\n", "\r"):
        source = newline.join(["<p>one</p>", "<p>two</p>", '  <input id="x">'])
        t = tree(read(source))
        x = t.get("x")
        assert x is not None and (x.line, x.column) == (3, 3)


# --- element tree: robustness ------------------------------------------------------


def test_implicit_end_tags() -> None:
    t = tree(
        read(
            "<ul><li>one<li>two <p>para</ul>"
            "<table><tr><td>a<td>b<tr><td>c</table>"
            "<select id=s><option>x<option>y<optgroup><option>z</select>"
            "<dl><dt>term<dd>def</dl><p>a<p>b<div>c</div>"
        )
    )
    ul = next(t.iter("ul"))
    assert [li.text() for li in ul.children] == ["one", "two para"]
    table = next(t.iter("table"))
    assert [[td.text() for td in tr.children] for tr in table.children] == [["a", "b"], ["c"]]
    select = t.get("s")
    assert select is not None
    assert [o.text() for o in select.iter("option")] == ["x", "y", "z"]
    assert [c.tag for c in select.children] == ["option", "option", "optgroup"]
    dl = next(t.iter("dl"))
    assert [c.tag for c in dl.children] == ["dt", "dd"]
    paragraphs = [p.text() for p in t.iter("p") if p.parent is t.root]
    assert paragraphs == ["a", "b"]  # <div> closed the second <p>
    div = next(t.iter("div"))
    assert div.parent is t.root


def test_implicitly_closed_element_ends_where_the_closing_tag_starts() -> None:
    t = tree(read("<ul><li>one<li>two</ul>"))
    first, second = next(t.iter("ul")).children
    assert (first.end_line, first.end_column) == (1, 12)  # the "<" of the second <li>
    assert (second.end_line, second.end_column) == (1, 19)  # the "<" of </ul>


def test_stray_and_unclosed_tags() -> None:
    doc = read("<div><span>open</div></span></p></form><b>bold<i>italic<p>after")
    t = tree(doc)
    assert t.stray_end_tags == 3  # </span> (already closed by </div>), </p>, </form>
    div = next(t.iter("div"))
    assert div.text() == "open" and [c.tag for c in div.children] == ["span"]
    b = next(t.iter("b"))
    assert b.end_line == 1 and b.end_column == len("<div><span>open</div></span></p></form><b>bold<i>italic<p>after") + 1
    assert "after" in doc.blocks[-1].text


def test_end_tag_does_not_close_across_a_table_cell() -> None:
    # the </div> has no <div> in scope inside the cell: browsers ignore it
    t = tree(read("<div><table><tr><td>a</div>b</td></tr></table>c</div>"))
    td = next(t.iter("td"))
    assert td.text() == "ab"
    assert t.stray_end_tags == 1
    assert next(t.iter("div")).text() == "ab c"


def test_void_and_self_closing_elements_have_no_children() -> None:
    t = tree(read('<p>a<br>b<img src="x.png" alt="x"><input id="i"/>c<span/>d</p>'))
    p = next(t.iter("p"))
    assert [c.tag for c in p.children] == ["br", "img", "input", "span"]
    assert all(not c.children for c in p.children)
    assert p.text() == "a b cd"  # <br> and the <input> separate words; an empty <span/> does not


def test_deeply_nested_unclosed_elements_do_not_overflow() -> None:
    depth = 20_000
    doc = read("<div>" * depth + '<label for="x">Deep</label><input id="x">' + "text")
    t = tree(doc)
    assert t.element_count == depth + 2
    assert field(doc, "x").label == "Deep"
    assert t.root.text() == "Deep text"
    assert sum(1 for _ in t.iter("div")) == depth


def test_searches_for_open_elements_are_bounded() -> None:
    # every <div> looks for an open <p> through 30,000 open <b>s: quadratic without a bound
    doc = read("<p><button>" + "<b>" * 30_000 + "<div>x</div>" * 3_000)
    assert tree(doc).element_count == 2 + 30_000 + 3_000
    # an end tag finds an element up to MAX_SEARCH levels down; deeper, it is stray
    shallow = tree(read("<div>" + "<span>" * 900 + "</div><p>after</p>"))
    assert next(shallow.iter("p")).parent is shallow.root
    deep = tree(read("<div>" + "<span>" * 1_100 + "</div>"))
    assert deep.stray_end_tags == 1


def test_odd_markup_never_crashes() -> None:
    for source in [
        "<!-- never closed",
        "<p>a < b and c > d</p>",
        "<![CDATA[x]]><?php echo 1 ?><!x>",
        "<script>if (a < b) { document.write('<p>') }</script><p>after</p>",
        "<textarea>",
        "</p></div>",
        "<a href='x' <b>",
        "&#xD800; &#0; &#99999999; &unknown",
        "<![x[ unknown marked section ]]><![ x",
        "",
    ]:
        doc = read(source)
        assert doc.format is Format.HTML


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"'&;#[] \n{}%abpdivlt-!?x")), max_size=200))
def test_random_markup_always_reads(source: str) -> None:
    # read_html turns any internal error into UnreadableError, which would hide a bug:
    # text input must always read.
    doc = read(source)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for block in doc.blocks:
        for index, char in enumerate(block.text):
            loc = block.location_at(index, index + 1)
            assert loc.line is not None and 1 <= loc.line <= len(lines)
            line = lines[loc.line - 1]
            assert loc.column is not None and 1 <= loc.column <= len(line) + 1
            if char != " ":  # every visible character points at itself (or at its entity's "&")
                assert line[loc.column - 1] in (char, "&")
    for element in tree(doc).iter():
        assert 1 <= element.line <= len(lines) and element.end_line is not None


MARKUP_TOKENS = [
    "<p>", "</p>", "<li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>", "</table>", "<label for=a>", "</label>",
    "<input id=a>", "<span id=h>", "</span>", "<input aria-describedby=h>", "{{ x }}", "{% if a > b %}", "{# c #}",
    "<%= y %>", "&amp;", "&nbsp;", "&#169;", "http://x.gov/a.", " ", "\n", "\t", "word", "Two words", "<br>",
    "<code>c</code>", "<svg><path/></svg>", "<div hidden>", "</div>", "<div>", "<select id=s><option>o", "</select>",
    "<title>", "</title>", "<!-- formlint-disable -->", "<script>", "</script>", "<b>", "</b>", "<textarea>",
    "</textarea>", "<button>", "</button>", "<fieldset><legend>L</legend>", "</fieldset>", "&", "<", "\r\n", "<![x[",
    "{% comment %}", "{% endcomment %}",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MARKUP_TOKENS), max_size=60).map("".join))
def test_random_form_markup_always_reads(source: str) -> None:
    test_random_markup_always_reads.hypothesis.inner_test(source)  # type: ignore[attr-defined]


# --- prose blocks: anchors ---------------------------------------------------------


def test_location_at_is_exact_across_inline_tags() -> None:
    source = '<main>\n  <p>Please <strong>utilize</strong> the <a href="https://x.gov/f">enclosed\n     form</a> today.</p>\n</main>'
    doc = read(source)
    block = block_with(doc, "utilize")
    assert block.text == "Please utilize the enclosed form today."
    assert block.role is Role.PARAGRAPH
    for word in ("Please", "utilize", "the", "enclosed", "form", "today."):
        start = block.text.index(word)
        assert source_text(source, block, start, start + len(word)) == word
    loc = block.location_at(block.text.index("form"), block.text.index("form") + 4)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 6, 3, 10)
    span = block.location_at(block.text.index("utilize"), block.text.index("the") + 3)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 21, 2, 41)


def test_location_at_is_exact_after_entities() -> None:
    source = "<p>Smith &amp; Sons &mdash; AT&amp;T&nbsp;Inc. &#169; 2024 caf&eacute; here</p>"
    doc = read(source)
    block = doc.blocks[0]
    assert block.text == "Smith & Sons — AT&T Inc. © 2024 café here"
    for word in ("Smith", "Sons", "Inc.", "2024", "here", "caf"):
        start = block.text.index(word)
        assert source_text(source, block, start, start + len(word)) == word
    # a character that stands for an entity points at its "&"
    amp = block.text.index("&")
    assert position(source, "&amp;") == (1, block.location_at(amp).column)
    t_index = block.text.index("T&T") + 2
    assert source_text(source, block, t_index, t_index + 1) == "T"
    # a span that crosses an entity starts and ends in the right places
    loc = block.location_at(block.text.index("Smith"), block.text.index("Sons") + 4)
    assert (loc.column, loc.end_column) == (position(source, "Smith")[1], position(source, "Sons")[1] + 4)


def test_whitespace_is_collapsed_and_each_line_is_anchored() -> None:
    source = "<p>\n   First   line\twith  gaps\n\n      second line.\n</p>"
    block = read(source).blocks[0]
    assert block.text == "First line with gaps second line."
    for word in ("First", "line", "with", "gaps", "second", "line."):
        start = block.text.rindex(word) if word == "line." else block.text.index(word)
        assert source_text(source, block, start, start + len(word)) == word
    loc = block.location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (2, 4, 4, 19)


def test_block_roles() -> None:
    source = """<html><head><title>Page title</title></head><body>
<h1>Heading one</h1><h3>Heading three</h3><div role="heading" aria-level="2">Aria heading</div>
<p>Paragraph text</p><div>Div text</div>
<ul><li>Item <em>one</em></li><li><p>Item two</p></li></ul>
<table><tr><th>Head</th><td>Cell</td></tr></table>
<select id="pick"><option>Choice A</option></select>
<fieldset><legend>Group name</legend><label for="pick">Pick one</label></fieldset>
</body></html>"""
    doc = read(source)
    roles = {b.text: b.role for b in doc.blocks}
    assert roles == {
        "Page title": Role.TITLE,
        "Heading one": Role.HEADING,
        "Heading three": Role.HEADING,
        "Aria heading": Role.HEADING,
        "Paragraph text": Role.PARAGRAPH,
        "Div text": Role.PARAGRAPH,
        "Item one": Role.LIST_ITEM,
        "Item two": Role.LIST_ITEM,
        "Head": Role.TABLE_CELL,
        "Cell": Role.TABLE_CELL,
        "Choice A": Role.OPTION,
        "Group name": Role.LABEL,
        "Pick one": Role.LABEL,
    }
    assert block_with(doc, "Choice A").field_id == "pick"
    assert block_with(doc, "Pick one").field_id == "pick"
    assert block_with(doc, "Group name").field_id is None
    assert block_with(doc, "Div text").section == "Aria heading"
    assert block_with(doc, "Page title").section is None


def test_never_prose() -> None:
    source = """<body>
<script>var prose = "not prose";</script><style>p { color: red }</style>
<template><p>template text</p></template><noscript><p>noscript text</p></noscript>
<pre>pre text</pre><svg><title>svg title</title><text>svg text</text></svg>
<div hidden>hidden text</div><span aria-hidden="true">aria hidden text</span>
<div style="display: none">display none text</div>
<!-- comment text -->
<textarea>textarea text</textarea>
<p title="attribute text">Visible with <code>code text</code> inside, see https://www.example.gov/page.</p>
</body>"""
    doc = read(source)
    everything = " ".join(b.text for b in doc.blocks)
    for hidden in ("prose", "color", "template text", "noscript text", "pre text", "svg", "hidden text",
                   "display none", "comment", "textarea text", "attribute text", "code text", "example.gov", "https"):
        assert hidden not in everything, hidden
    assert [b.text for b in doc.blocks] == ["Visible with inside, see."]


def test_inline_svg_does_not_split_a_paragraph() -> None:
    source = '<p>A <strong>lock</strong> (\n<span><svg><path d="M0"/><title>Lock</title></svg></span>\n) means secure.</p>'
    doc = read(source)
    assert [b.text for b in doc.blocks] == ["A lock ( ) means secure."]


def test_label_and_hint_text_are_not_also_paragraphs() -> None:
    source = """<form>
<label for="dob">Date of birth <span class="req">(required)</span></label>
<div id="dob-hint">For example: <strong>January 19 2000</strong></div>
<div id="dob-error"><span class="sr-only">Error:</span> Enter a date</div>
<input id="dob" aria-describedby="dob-hint dob-error">
<p>After the field.</p>
</form>"""
    doc = read(source)
    by_role = {b.text: (b.role, b.field_id) for b in doc.blocks}
    assert by_role == {
        "Date of birth (required)": (Role.LABEL, "dob"),
        "For example: January 19 2000": (Role.HINT, "dob"),
        "Error: Enter a date": (Role.HINT, "dob"),
        "After the field.": (Role.PARAGRAPH, None),
    }
    hint = block_with(doc, "For example")
    assert hint.location.field == "dob"
    assert doc.prose() == [block_with(doc, "After the field.")]
    f = field(doc, "dob")
    assert f.hint == "For example: January 19 2000 Error: Enter a date"
    assert f.label == "Date of birth (required)"


def test_inline_hint_inside_a_paragraph_is_its_own_block() -> None:
    doc = read('<p>Tell us your name. <span id="h">Use your legal name.</span> Thanks.</p><input id="n" aria-describedby="h">')
    assert [(b.text, b.role) for b in doc.blocks] == [
        ("Tell us your name.", Role.PARAGRAPH),
        ("Use your legal name.", Role.HINT),
        ("Thanks.", Role.PARAGRAPH),
    ]


# --- fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<input>", FieldType.TEXT),
        ('<input type="TEXT">', FieldType.TEXT),
        ('<input type="search">', FieldType.TEXT),
        ('<input type="url">', FieldType.TEXT),
        ('<input type="bogus">', FieldType.TEXT),
        ('<input type="email">', FieldType.EMAIL),
        ('<input type="tel">', FieldType.PHONE),
        ('<input type="number">', FieldType.NUMBER),
        ('<input type="date">', FieldType.DATE),
        ('<input type="month">', FieldType.DATE),
        ('<input type="week">', FieldType.DATE),
        ('<input type="datetime-local">', FieldType.DATE),
        ('<input type="checkbox">', FieldType.CHECKBOX),
        ('<input type="radio">', FieldType.RADIO),
        ('<input type="file">', FieldType.FILE),
        ('<input type="password">', FieldType.PASSWORD),
        ('<input type="hidden">', FieldType.HIDDEN),
        ('<input type="submit">', FieldType.BUTTON),
        ('<input type="reset">', FieldType.BUTTON),
        ('<input type="button">', FieldType.BUTTON),
        ('<input type="image">', FieldType.BUTTON),
        ("<select></select>", FieldType.SELECT),
        ("<textarea></textarea>", FieldType.TEXTAREA),
        ("<button>Go</button>", FieldType.BUTTON),
    ],
)
def test_field_types(markup: str, expected: FieldType) -> None:
    doc = read(markup)
    assert [f.type for f in doc.fields] == [expected]


def test_field_ids_fall_back_to_name_then_position() -> None:
    doc = read('<input id="a" name="x">\n<input name="b">\n  <input>\n<textarea id="{{ f.id }}"></textarea>')
    assert [f.id for f in doc.fields] == ["a", "b", "input@3:3", "textarea@4:1"]


NAMES = """<form>
<label for="by-for">For label</label><input id="by-for">
<label>Wrapping label <input id="wrapped"></label>
<label>Country <select id="country"><option>United States</option></select></label>
<span id="first">First</span><span id="second">second</span>
<input id="by-labelledby" aria-labelledby="second missing first" aria-label="ignored">
<input id="by-aria-label" aria-label="  Aria name  ">
<input id="by-title" title="Title name">
<input id="by-placeholder" placeholder="Placeholder name">
<input id="nothing">
<button id="by-content"><svg aria-hidden="true"></svg> Save <span hidden>secret</span></button>
<input type="submit" id="by-value" value="Send">
<input type="submit" id="by-default">
<input type="image" id="by-alt" alt="Search" src="s.png">
<input type="button" id="empty-button">
<label for="two">One</label><label for="two">Two</label><input id="two">
<label for="nowhere">Orphan</label>
<input type="hidden" id="secret" name="token" value="abc">
</form>"""


@pytest.mark.parametrize(
    ("ident", "name", "source", "label"),
    [
        ("by-for", "For label", "label", "For label"),
        ("wrapped", "Wrapping label", "label", "Wrapping label"),
        ("country", "Country", "label", "Country"),
        ("by-labelledby", "second First", "aria-labelledby", None),
        ("by-aria-label", "Aria name", "aria-label", None),
        ("by-title", "Title name", "title", None),
        ("by-placeholder", "Placeholder name", "placeholder", None),
        ("nothing", None, None, None),
        ("by-content", "Save", "content", None),
        ("by-value", "Send", "value", None),
        ("by-default", "Submit", "default", None),
        ("by-alt", "Search", "alt", None),
        ("empty-button", None, None, None),
        ("two", "One Two", "label", "One Two"),
        ("secret", None, None, None),
    ],
)
def test_accessible_names(ident: str, name: str | None, source: str | None, label: str | None) -> None:
    f = field(read(NAMES), ident)
    assert (f.accessible_name, f.attributes["name_source"], f.label) == (name, source, label)


def test_label_count_and_missing_idrefs() -> None:
    doc = read(NAMES)
    assert field(doc, "two").attributes["label_count"] == 2
    assert field(doc, "wrapped").attributes["label_count"] == 1
    assert field(doc, "nothing").attributes["label_count"] == 0
    assert field(doc, "by-labelledby").attributes["missing_idrefs"] == ["missing"]
    assert field(doc, "by-for").attributes["missing_idrefs"] == []
    broken = [(ref.element.tag, ref.attribute, ref.id) for ref in tree(doc).broken_refs()]
    assert broken == [("input", "aria-labelledby", "missing"), ("label", "for", "nowhere")]
    orphan = block_with(doc, "Orphan")
    assert orphan.role is Role.LABEL and orphan.field_id is None


def test_label_for_pointing_at_a_name_is_reported_on_that_control() -> None:
    doc = read('<label for="email">Email</label><input name="email" type="email"><input id="other" name="x">')
    email = field(doc, "email")
    assert email.label is None and email.attributes["label_count"] == 0
    assert email.attributes["missing_idrefs"] == ["email"]
    assert field(doc, "other").attributes["missing_idrefs"] == []


def test_field_attributes_required_options_value() -> None:
    source = """<form>
<label for="e">Email</label>
<input type="email" id="e" name="email" autocomplete="email" maxlength="80" pattern=".+@.+"
       inputmode="email" placeholder="you@example.com" aria-required="TRUE">
<select id="s" required><option value="">Choose</option><option value="b" selected>Beta</option>
  <optgroup label="More"><option>Gamma</option></optgroup><option label="Delta"></option></select>
<input type="radio" id="r" name="color" value="red" readonly>
<textarea id="t">Default
text</textarea>
<input id="l" list="dl"><datalist id="dl"><option value="x">Ex</option></datalist>
</form>"""
    doc = read(source)
    e = field(doc, "e")
    assert e.required and not e.read_only
    for key, value in {
        "autocomplete": "email",
        "maxlength": "80",
        "pattern": ".+@.+",
        "inputmode": "email",
        "placeholder": "you@example.com",
        "name": "email",
        "aria-required": "TRUE",
        "type": "email",
        "tag": "input",
        "name_source": "label",
        "in_hidden": False,
        "fieldset": False,
    }.items():
        assert e.attributes[key] == value, key
    s = field(doc, "s")
    assert s.required and s.options == ["Choose", "Beta", "Gamma", "Delta"] and s.value == "b"
    r = field(doc, "r")
    assert r.options == ["red"] and r.read_only and r.value == "red" and not r.required
    assert field(doc, "t").value == "Default text"
    assert field(doc, "l").options == ["Ex"]


def test_groups_from_fieldset_legend_and_aria_group() -> None:
    source = """<fieldset><legend>Contact <em>method</em></legend>
  <input type="radio" id="a" name="m"><label for="a">Email</label>
  <fieldset><legend>Phone type</legend><input type="radio" id="b" name="p"></fieldset>
</fieldset>
<fieldset><input type="checkbox" id="c"></fieldset>
<div role="radiogroup" aria-labelledby="q"><span id="q">Pick a size</span><input type="radio" id="d" name="s"></div>
<input type="radio" id="e" name="s">"""
    doc = read(source)
    assert (field(doc, "a").group, field(doc, "a").attributes["group_source"]) == ("Contact method", "legend")
    assert field(doc, "b").group == "Phone type"
    c = field(doc, "c")
    assert (c.group, c.attributes["fieldset"], c.attributes["group_source"]) == (None, True, None)
    d = field(doc, "d")
    assert (d.group, d.attributes["group_source"], d.attributes["fieldset"]) == ("Pick a size", "role", False)
    assert field(doc, "e").group is None
    assert len(tree(doc).fieldsets) == 3


def test_duplicate_ids_are_visible() -> None:
    source = '<input id="dob"><label for="dob">Date</label>\n<input id="dob"><p id="x">a</p>'
    doc = read(source)
    t = tree(doc)
    assert [(e.tag, e.line) for e in t.by_id["dob"]] == [("input", 1), ("input", 2)]
    assert set(t.duplicate_ids()) == {"dob"}
    assert len(t.by_id["x"]) == 1
    # the label points at the first element with the id, as getElementById does
    first, second = doc.fields
    assert first.label == "Date" and second.label is None


def test_hidden_controls_are_flagged() -> None:
    doc = read('<div hidden><input id="a"></div><input id="b" aria-hidden="true"><input id="c">')
    assert [field(doc, i).attributes["in_hidden"] for i in "abc"] == [True, True, False]


def test_controls_in_a_template_element_are_not_fields() -> None:
    doc = read('<template><input id="inert"></template><input id="live">')
    assert [f.id for f in doc.fields] == ["live"]
    assert tree(doc).get("inert") is not None


# --- document ----------------------------------------------------------------------


def test_document_title_language_and_metadata() -> None:
    doc = read(PAGE)
    assert doc.format is Format.HTML
    assert doc.title == "Apply & save" and doc.language == "en-US"
    assert doc.metadata["has_title"] is True and doc.metadata["lang"] == "en-US"
    assert doc.metadata["fragment"] is False and doc.metadata["templated"] is False
    fragment = read("<label>Name <input></label>")
    assert fragment.title is None and fragment.language is None
    assert fragment.metadata["has_title"] is False and fragment.metadata["lang"] is None
    assert fragment.metadata["fragment"] is True
    empty_title = read('<html lang=""><title> </title></html>')
    assert empty_title.metadata["has_title"] is False and empty_title.language is None
    assert empty_title.metadata["lang"] == ""
    svg_title = read("<html><body><svg><title>Icon</title></svg></body></html>")
    assert svg_title.metadata["has_title"] is False


def test_read_through_the_registry() -> None:
    doc = read_document(PAGE.encode(), "form.htm", Format.HTML, OPTIONS)
    assert doc.format is Format.HTML and doc.html is not None and len(doc.fields) == 1


# --- templates ---------------------------------------------------------------------


def test_neutralise_keeps_length_and_newlines() -> None:
    source = 'a {% if x > 1 %}b{% endif %} {{ y|default:"<z>" }}\n{# note\n #} <%= erb %> {% trans "Hi" %}'
    result, found = neutralise(source)
    assert found and len(result) == len(source)
    assert [i for i, c in enumerate(result) if c == "\n"] == [i for i, c in enumerate(source) if c == "\n"]
    assert ">" not in result and "<" not in result
    assert "Hi" in result and "{{" in result
    assert neutralise("<p>plain</p>") == ("<p>plain</p>", False)


def test_template_tags_inside_start_tags_and_attributes() -> None:
    source = """<form action="{% url "profile:save" pk=user.pk %}">
<label for="c">Country</label>
<input id="c" name="country" value="{{ form.country.value|default:"" }}" {% if a > b %}disabled{% endif %} required>
<p>Welcome back, {{ user.name }}. {% if late %}You are late.{% endif %}</p>
</form>"""
    doc = read(source)
    c = field(doc, "c")
    assert c.label == "Country" and c.required
    assert c.value == "{{…}}" and "disabled" in c.attributes
    assert (c.location.line, c.location.column) == (3, 1)
    block = block_with(doc, "Welcome")
    assert block.text == "Welcome back,. You are late."
    start = block.text.index("You are late.")
    assert source_text(source, block, start, start + 13) == "You are late."
    assert tree(doc).templated and doc.metadata["templated"] is True


def test_django_comment_blocks_and_erb_are_skipped() -> None:
    source = """{% comment %}
<input id="old"> <p>Old text</p>
{% endcomment %}
<% if show %><p>Shown: <%= value %> now</p><% end %>
{# <input id="also-old"> #}
<input id="new">"""
    doc = read(source)
    assert [f.id for f in doc.fields] == ["new"]
    assert [b.text for b in doc.blocks] == ["Shown: now"]
    assert (field(doc, "new").location.line, field(doc, "new").location.column) == (6, 1)


def test_template_title_and_labels() -> None:
    doc = read(
        "<html><head><title>{{ page.title }}</title></head><body>"
        '{% for c in choices %}<input type="radio" id="c-{{ forloop.counter }}" name="c">'
        '<label for="c-{{ forloop.counter }}">{{ c.label }}</label>{% endfor %}'
        '<input id="z-{{ i }}"><input id="z-{{ i }}"></body></html>'
    )
    assert doc.metadata["has_title"] is True and doc.title is None
    radio = field(doc, "c")
    assert radio.attributes["label_count"] == 1
    assert radio.label == "{{…}}" and radio.attributes["name_source"] == "label"
    t = tree(doc)
    assert t.duplicate_ids() == {}  # id="z-{{ i }}" stands for many ids
    assert len(t.templated_ids["z-{{…}}"]) == 2
    assert t.missing_idrefs(t.labels[0]) == []


# --- suppressions ------------------------------------------------------------------


def test_suppression_comments() -> None:
    source = """<p>one</p>
<!-- formlint-disable plain/simple-words -->
<p>two</p>
<!-- formlint-enable plain/simple-words -->
<!--
  formlint-disable-next-line a11y/label
-->
<input id="x">
<!-- an ordinary comment -->
<!-- formlint-disable -->"""
    doc = read(source)
    spans = sorted((sorted(s.rules), s.start_line, s.end_line) for s in doc.suppressions)
    assert spans == [([], 10, None), (["a11y/label"], 8, 8), (["plain/simple-words"], 2, 4)]
    x = field(doc, "x")
    assert any(s.covers("a11y/label", x.location) for s in doc.suppressions)
    assert not any(s.covers("a11y/label", block_with(doc, "one").location) for s in doc.suppressions)


# --- bad input ---------------------------------------------------------------------


def test_binary_data_is_unreadable() -> None:
    with pytest.raises(UnreadableError, match="not an HTML file: binary data"):
        read_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "x.html", OPTIONS)


def test_utf16_with_bom_is_read() -> None:
    doc = read_html("<p>Bonjour</p>".encode("utf-16"), "x.html", OPTIONS)  # with a BOM
    assert [b.text for b in doc.blocks] == ["Bonjour"]


def test_parser_failure_becomes_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, data: str) -> None:
        raise AssertionError("unknown status keyword")

    monkeypatch.setattr(html_reader.TreeParser, "feed", explode)
    with pytest.raises(UnreadableError, match="HTML parser failed: AssertionError: unknown status keyword"):
        read("<p>x</p>")


def test_garbage_collection_is_restored_after_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.setattr(html_reader.TreeParser, "feed", lambda self, data: 1 / 0)
    assert gc.isenabled()
    with pytest.raises(UnreadableError):
        read("<p>x</p>")
    assert gc.isenabled()


# --- a large page ------------------------------------------------------------------


def big_page(sections: int) -> str:
    parts = ['<!doctype html><html lang="en"><head><title>Big</title></head><body><form>\n']
    for i in range(sections):
        parts.append(
            f"<fieldset><legend>Section {i}</legend>\n"
            f'<p>Read the <a href="https://example.gov/{i}">rules</a> &amp; answer part {i}.\n'
            f'<label for="f{i}">Name {i}</label><input id="f{i}" name="f{i}">\n'
            f'<span id="h{i}">Hint {i}</span><input type=email id="e{i}" aria-describedby="h{i}">\n'
            f'<select id="s{i}"><option>One<option>Two</select>\n'
            f"<ul><li>Item one<li>Item two</ul><!-- comment {i} -->\n</fieldset>\n"
        )
    parts.append("</form></body></html>\n")
    return "".join(parts)


def test_a_large_page_is_read_completely() -> None:
    sections = 14_000
    source = big_page(sections)
    assert len(source) > 5_000_000
    doc = read(source)
    assert len(doc.fields) == 3 * sections
    roles = [b.role for b in doc.blocks]
    assert roles.count(Role.HINT) == sections
    assert roles.count(Role.OPTION) == 2 * sections
    assert roles.count(Role.LIST_ITEM) == 2 * sections
    assert roles.count(Role.PARAGRAPH) == sections
    last = doc.fields[-1]
    assert last.id == f"s{sections - 1}" and last.options == ["One", "Two"]
    assert last.location.line == source.count("\n", 0, source.rindex(f'<select id="s{sections - 1}"')) + 1
    paragraph = [b for b in doc.blocks if b.role is Role.PARAGRAPH][-1]
    assert paragraph.text == f"Read the rules & answer part {sections - 1}."
    start = paragraph.text.index("answer")
    assert source_text(source, paragraph, start, start + 6) == "answer"


# --- the project's fixtures --------------------------------------------------------


def test_bad_fixture_has_the_problems_it_is_meant_to_show(fixtures_dir: Path) -> None:
    path = fixtures_dir / "html" / "benefit-application-bad.html"
    doc = read_html(path.read_bytes(), str(path), OPTIONS)
    assert doc.language == "en" and doc.title == "Application for Home Energy Assistance"
    # a field with no name at all, and one named only by its placeholder
    assert field(doc, "case_number").attributes["name_source"] is None
    assert field(doc, "phone").attributes["name_source"] == "placeholder"
    # radios outside any fieldset
    radios = [f for f in doc.fields if f.type is FieldType.RADIO]
    assert len(radios) == 3 and all(not f.attributes["fieldset"] and f.group is None for f in radios)
    # the SSN as three short boxes, then again as one field
    ssn_boxes = [f for f in doc.fields if f.id.startswith("ssn-")]
    assert [f.attributes["maxlength"] for f in ssn_boxes] == ["3", "2", "4"]
    assert field(doc, "ssn").label == "Social Security Number"
    # missing autocomplete; asterisk with no required attribute
    for ident in ("full-name", "email"):
        f = field(doc, ident)
        assert "autocomplete" not in f.attributes and f.label and f.label.endswith("*") and not f.required
    prose = " ".join(b.text for b in doc.prose())
    assert "You must mail the original signed form. A wet signature is required." in prose
    assert "Please utilize" in prose
    sentences = [s for b in doc.prose() for s in re.split(r"(?<=[.!?])\s+", b.text)]
    assert max(len(s.split()) for s in sentences) > 40
    # the suppression comment covers the line after it
    commence = block_with(doc, "commence")
    assert any(s.covers("plain/simple-words", commence.location) for s in doc.suppressions)


def test_good_fixture_is_clean(fixtures_dir: Path) -> None:
    path = fixtures_dir / "html" / "benefit-application-good.html"
    doc = read_html(path.read_bytes(), str(path), OPTIONS)
    assert doc.language == "en" and doc.metadata["has_title"]
    data_fields = [f for f in doc.fields if f.type is not FieldType.BUTTON]
    assert all(f.attributes["name_source"] == "label" and f.attributes["label_count"] == 1 for f in data_fields)
    assert all(f.group for f in doc.fields if f.type is FieldType.RADIO)
    for ident, token in {"full-name": "name", "email": "email", "phone": "tel"}.items():
        assert field(doc, ident).attributes["autocomplete"] == token
    assert field(doc, "email").hint == "We will send your decision to this address."
    prose = " ".join(b.text for b in doc.prose())
    assert "sign this form online" in prose
    assert "Social Security" not in prose and not any("ssn" in f.id for f in doc.fields)
    sentences = [s for b in doc.prose() for s in re.split(r"(?<=[.!?])\s+", b.text)]
    assert max(len(s.split()) for s in sentences) <= 15
    assert not doc.suppressions and not tree(doc).duplicate_ids() and not tree(doc).broken_refs()


def test_template_fixture_reads_cleanly(fixtures_dir: Path) -> None:
    path = fixtures_dir / "html" / "template-form.html"
    source = path.read_text()
    doc = read_html(path.read_bytes(), str(path), OPTIONS)
    assert doc.metadata["templated"] and doc.title == "Change your mailing address"
    button = "button@{}:{}".format(*position(source, "<button"))
    assert [f.id for f in doc.fields] == ["street", "city", "state", "zip", "contact", button]
    assert all(f.accessible_name for f in doc.fields)
    assert all(f.group for f in doc.fields if f.type is not FieldType.BUTTON)
    texts = [b.text for b in doc.blocks]
    assert not any("{" in text or "%" in text for text in texts)
    assert "Change your mailing address" in texts  # {% trans "…" %} keeps its message
    hello = block_with(doc, "Hello")
    start = hello.text.index("use this form")
    assert source_text(source, hello, start, start + 13) == "use this form"
    assert field(doc, "street").location.line == position(source, '<input type="text" id="street"')[0]


# --- the shared corpus -------------------------------------------------------------

TEMPLATE_COMMENT = re.compile(r"\{%-?\s*comment\b.*?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)


def manifest_counts(corpus: Path) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    with (corpus / "MANIFEST.tsv").open(newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            found = dict(re.findall(r"\b(inputs|selects|textareas)=(\d+)", row.get("notes") or ""))
            if row["file"].startswith("html/") and found:
                counts[row["file"]] = {key: int(value) for key, value in found.items()}
    return counts


@pytest.mark.corpus
def test_every_corpus_page_reads_and_has_its_controls(corpus_dir: Path) -> None:
    counts = manifest_counts(corpus_dir)
    pages = sorted((corpus_dir / "html").glob("*.htm*"))
    assert pages
    checked = 0
    for page in pages:
        data = page.read_bytes()
        doc = read_html(data, str(page), OPTIONS)
        assert doc.html is not None
        for block in doc.blocks:
            assert block.location.line is not None and block.anchors
        expected = counts.get(f"html/{page.name}")
        if expected is None:
            continue
        # The manifest counts tags in the raw file; a Django {% comment %} block is
        # never rendered, so the reader (rightly) leaves its controls out.
        skipped = "".join(TEMPLATE_COMMENT.findall(data.decode("utf-8", "replace")))
        for key, tag in (("inputs", "input"), ("selects", "select"), ("textareas", "textarea")):
            dead = len(re.findall(rf"<{tag}\b", skipped, re.I))
            found = sum(1 for control in doc.html.controls if control.tag == tag)
            assert found == expected[key] - dead, (page.name, key)
        checked += 1
    assert checked >= 10


@pytest.mark.corpus
def test_corpus_template_page_skips_commented_out_controls(corpus_dir: Path) -> None:
    page = corpus_dir / "html" / "gsa-fac-gen-form.html"
    if not page.exists():
        pytest.skip("gsa-fac-gen-form.html is not in the corpus")
    doc = read_html(page.read_bytes(), str(page), OPTIONS)
    ids = {f.id for f in doc.fields}
    assert "alt-compliance-examination" not in ids and "single-audit" in ids
    single = field(doc, "single-audit")
    assert single.label == "Single Audit" and single.group == "Type of audit"
    assert doc.metadata["templated"] and doc.metadata["has_title"]


@pytest.mark.corpus
def test_corpus_hints_and_labels(corpus_dir: Path) -> None:
    page = corpus_dir / "html" / "uswds-file-input.html"
    if not page.exists():
        pytest.skip("uswds-file-input.html is not in the corpus")
    doc = read_html(page.read_bytes(), str(page), OPTIONS)
    error = field(doc, "file-input-error")
    assert error.hint == "Select any valid file Display a helpful error message"
    assert error.label == "Input has an error" and error.type is FieldType.FILE
    assert doc.language == "en-US" and doc.title == "Uswds: Default"
    source = page.read_text()
    hint = block_with(doc, "Select PDF or TXT files")
    assert hint.role is Role.HINT and hint.field_id == "file-input-specific"
    assert source_text(source, hint, 0, len(hint.text)) == "Select PDF or TXT files"


def test_element_is_hashable_by_identity() -> None:
    a = Element("p", {}, 1, 1)
    b = Element("p", {}, 1, 1)
    assert a != b and len({a, b}) == 2 and repr(a) == "<p at 1:1>"


def test_a_partly_decoded_entity_keeps_the_positions_of_its_literal_characters() -> None:
    # html.parser reads "&lt-;" as one reference named "lt-": "<" comes from "&lt", and
    # "-;" are the characters as written, so they point at columns 4 and 5.
    block = read("&lt-;").blocks[0]
    assert block.text == "<-;"
    assert [block.location_at(i, i + 1).column for i in range(3)] == [1, 4, 5]
