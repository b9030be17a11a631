from formlint.model import Anchor, Location, Role, Severity, Suppression, TextBlock


def block(text: str, anchors: list[Anchor]) -> TextBlock:
    return TextBlock(text=text, role=Role.PARAGRAPH, location=Location("a.md", line=3, column=1), anchors=anchors)


def test_location_at_maps_offsets_through_anchors() -> None:
    # "Please use" comes from line 3 col 1, "the form" from line 4 col 5.
    b = block("Please use the form", [Anchor(0, 3, 1), Anchor(11, 4, 5)])
    loc = b.location_at(7, 10)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 8, 3, 11)
    loc = b.location_at(15, 19)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (4, 9, 4, 13)


def test_location_at_spanning_two_anchors_ends_on_the_second_line() -> None:
    b = block("Please use the form", [Anchor(0, 3, 1), Anchor(11, 4, 5)])
    loc = b.location_at(7, 14)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (3, 8, 4, 8)


def test_pdf_anchor_carries_page_and_box() -> None:
    b = TextBlock("Sign here", Role.PARAGRAPH, Location("f.pdf", page=2),
                  anchors=[Anchor(0, page=2, bbox=(10, 20, 90, 30))])
    loc = b.location_at(0, 4)
    assert loc.page == 2 and loc.bbox == (10, 20, 90, 30) and loc.line is None


def test_severity_order_and_parse() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.parse(" Warning ") is Severity.WARNING


def test_suppression_by_line_range_and_prefix() -> None:
    sup = Suppression(frozenset({"plain"}), start_line=5, end_line=7)
    assert sup.covers("plain/shall", Location("a.md", line=6))
    assert not sup.covers("plain/shall", Location("a.md", line=8))
    assert not sup.covers("burden/ssn-request", Location("a.md", line=6))
    everything = Suppression(frozenset(), start_line=1, end_line=None)
    assert everything.covers("a11y/html-label", Location("a.md", line=900))


def test_suppression_by_json_pointer_covers_children_only() -> None:
    sup = Suppression(frozenset(), pointer="/properties/ssn")
    assert sup.covers("burden/ssn-request", Location("f.json", pointer="/properties/ssn"))
    assert sup.covers("plain/simple-words", Location("f.json", pointer="/properties/ssn/description"))
    assert not sup.covers("plain/simple-words", Location("f.json", pointer="/properties/ssnLast4"))
