"""HTML form pages: prose blocks, fields and the element tree.

``read_html`` turns a page (a full document, a fragment, or a Django/Jinja/ERB
template) into a Document:

* ``blocks``: prose with exact anchors. Headings, paragraphs, list items, table cells
  and the <title>; the text of a <label>/<legend>/<button> is a LABEL block, of an
  element a control's ``aria-describedby`` points at a HINT block, of an <option> an
  OPTION block (all with ``field_id`` when the control is known). Script, style,
  template, noscript, code, pre, svg, hidden elements, comments, attribute values,
  URLs and template expressions are never prose.
* ``fields``: every input, select, textarea and button, with its label, accessible
  name (and where the name came from), group (fieldset legend), hint and attributes.
* ``html``: the HtmlTree (``formlint.readers.html_tree``) for the HTML form checks.
* ``suppressions``: from ``<!-- formlint-disable … -->`` comments.
"""

from __future__ import annotations

import gc
import re

from formlint.model import Document, Field, FieldType, Format, Location, Role, TextBlock, UnreadableError
from formlint.readers.base import ReadOptions, decode_text, looks_binary
from formlint.readers.html_parse import Context, TreeParser
from formlint.readers.html_template import neutralise
from formlint.readers.html_tree import Element, HtmlTree, idrefs, is_templated

INPUT_TYPES: dict[str, FieldType] = {
    "text": FieldType.TEXT,
    "search": FieldType.TEXT,
    "url": FieldType.TEXT,
    "email": FieldType.EMAIL,
    "tel": FieldType.PHONE,
    "number": FieldType.NUMBER,
    "range": FieldType.NUMBER,
    "date": FieldType.DATE,
    "month": FieldType.DATE,
    "week": FieldType.DATE,
    "datetime-local": FieldType.DATE,
    "datetime": FieldType.DATE,
    "time": FieldType.OTHER,
    "color": FieldType.OTHER,
    "checkbox": FieldType.CHECKBOX,
    "radio": FieldType.RADIO,
    "file": FieldType.FILE,
    "password": FieldType.PASSWORD,
    "hidden": FieldType.HIDDEN,
    "submit": FieldType.BUTTON,
    "reset": FieldType.BUTTON,
    "button": FieldType.BUTTON,
    "image": FieldType.BUTTON,
}
OTHER_CONTROLS: dict[str, FieldType] = {
    "select": FieldType.SELECT,
    "textarea": FieldType.TEXTAREA,
    "button": FieldType.BUTTON,
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DESCRIBEDBY = re.compile(r"""aria-describedby\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def read_html(data: bytes, path: str, options: ReadOptions) -> Document:
    """Read an HTML page or template. Raises only UnreadableError."""
    # base.looks_binary counts the NULs of UTF-16 text as control characters, so a
    # page with a UTF-16 byte-order mark goes straight to decode_text.
    if not data.startswith(_UTF16_BOMS) and looks_binary(data):
        raise UnreadableError("not an HTML file: binary data")
    try:
        return _read(decode_text(data), path)
    except UnreadableError:
        raise
    except Exception as error:  # html.parser is forgiving, but never let a bug escape
        raise UnreadableError(f"HTML parser failed: {type(error).__name__}: {error}") from error


def _read(text: str, path: str) -> Document:
    # Lines as editors count them (html.parser counts only "\n").
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    source, templated = neutralise(source)
    # The tree is one big web of long-lived objects: the cyclic garbage collector would
    # rescan it again and again while it grows (measured: over half the time on a
    # 5 MB page) and would find nothing to free. Pause it while the reader builds.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(source, path, templated)
    finally:
        if collecting:
            gc.enable()


def _build(source: str, path: str, templated: bool) -> Document:
    parser = TreeParser(source, path, _describedby_ids(source), templated)
    parser.feed(source)
    tree = parser.finish()
    fields, field_ids = _fields(tree, parser, path)
    blocks = _tie_blocks(tree, parser.prose.blocks, parser.prose.owners, field_ids)
    title = tree.title_element.text(templates=False) if tree.title_element is not None else None
    lang = _lang(tree)
    return Document(
        path=path,
        format=Format.HTML,
        title=title or None,
        language=lang if lang and lang.strip() and not is_templated(lang) else None,
        blocks=blocks,
        fields=fields,
        metadata={
            "has_title": _has_title(tree),
            "lang": lang,
            "fragment": tree.html_element is None,
            "templated": templated,
            "elements": tree.element_count,
        },
        suppressions=parser.suppressions.finish(),
        html=tree,
    )


def _describedby_ids(source: str) -> set[str]:
    """Ids that some element's aria-describedby points at, found before parsing so the
    text of a hint that comes before its control is read as a hint, not a paragraph."""
    found: set[str] = set()
    for match in _DESCRIBEDBY.finditer(source):
        found.update(idrefs(match.group(1) or match.group(2) or match.group(3)))
    return found


def _lang(tree: HtmlTree) -> str | None:
    element = tree.html_element
    if element is None:
        return None
    value = element.attrs.get("lang", element.attrs.get("xml:lang"))
    return value.strip() if value is not None else None


def _has_title(tree: HtmlTree) -> bool:
    """A <title> with text, or whose text is a template expression."""
    element = tree.title_element
    if element is None:
        return False
    return bool(element.text())


# --- fields ------------------------------------------------------------------------


def _fields(tree: HtmlTree, parser: TreeParser, path: str) -> tuple[list[Field], dict[Element, str]]:
    fields: list[Field] = []
    field_ids: dict[Element, str] = {}
    # <label for="email"> with <input name="email"> and no such id: a common slip. The
    # label labels nothing; its for= is reported as missing on the control it meant.
    orphans = {
        label.attrs["for"]
        for label in tree.labels
        if label.attrs.get("for") and tree.control_of(label) is None and tree.get(label.attrs["for"]) is None
    }
    for control in tree.controls:
        context = parser.control_contexts[control]
        field = _field(tree, control, context, parser.start_tag_ends.get(control), path)
        name = control.attrs.get("name")
        if name in orphans:
            field.attributes["missing_idrefs"].append(name)
        fields.append(field)
        field_ids[control] = field.id
    return fields, field_ids


def field_id(control: Element) -> str:
    """The element id, else its name, else a synthetic ``tag@line:column``."""
    for candidate in (control.attrs.get("id"), control.attrs.get("name")):
        if candidate and candidate.strip() and not is_templated(candidate):
            return candidate
    return f"{control.tag}@{control.line}:{control.column}"


def field_type(control: Element) -> FieldType:
    if control.tag == "input":
        return INPUT_TYPES.get(control.input_type, FieldType.TEXT)  # unknown types render as text
    return OTHER_CONTROLS.get(control.tag, FieldType.OTHER)


def _field(
    tree: HtmlTree, control: Element, context: Context, tag_end: tuple[int, int] | None, path: str
) -> Field:
    ident = field_id(control)
    kind = field_type(control)
    attrs = control.attrs
    name, source = tree.accessible_name(control) if kind is not FieldType.HIDDEN else (None, None)
    group, group_source = _group(tree, context)
    hint = " ".join(filter(None, (t.text(skip_hidden=True) for t in tree.refs(control, "aria-describedby"))))
    attributes: dict[str, object] = dict(attrs)
    attributes.update(
        {
            "tag": control.tag,
            "name_source": source,
            "label_count": len(tree.labels_of(control)),
            "missing_idrefs": tree.missing_idrefs(control, ("aria-labelledby", "aria-describedby", "aria-errormessage")),
            "in_hidden": context.hidden or control.hidden,
            "fieldset": context.fieldset is not None,
            "group_source": group_source,
        }
    )
    end_line, end_column = tag_end if tag_end is not None else (None, None)
    return Field(
        id=ident,
        type=kind,
        location=Location(path, control.line, control.column, end_line, end_column, field=ident),
        label=tree.label_text(control),
        accessible_name=name,
        required="required" in attrs or _is_true(attrs.get("aria-required")),
        read_only="readonly" in attrs or _is_true(attrs.get("aria-readonly")),
        options=_options(tree, control, kind),
        group=group,
        hint=hint or None,
        value=_value(control),
        attributes=attributes,
    )


def _is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() == "true"


def _group(tree: HtmlTree, context: Context) -> tuple[str | None, str | None]:
    """(group name, "legend" | "role" | None) of the fieldset or ARIA group around a control."""
    if context.fieldset is not None:
        legend = tree.legend_of(context.fieldset)
        text = legend.text(skip_hidden=True) if legend is not None else ""
        return (text, "legend") if text else (None, None)
    if context.group is not None:
        name, _ = tree.accessible_name(context.group)
        if name:
            return name, "role"
    return None, None


def _options(tree: HtmlTree, control: Element, kind: FieldType) -> list[str]:
    if kind is FieldType.SELECT:
        return _option_texts(control)
    if kind in (FieldType.RADIO, FieldType.CHECKBOX):
        value = control.attrs.get("value")
        return [value] if value and kind is FieldType.RADIO else []
    datalist = tree.get(control.attrs.get("list", "")) if control.attrs.get("list") else None
    return _option_texts(datalist) if datalist is not None and datalist.tag == "datalist" else []


def _option_texts(container: Element) -> list[str]:
    texts = (
        option.text(templates=False) or option.attrs.get("label", "").strip() for option in container.iter("option")
    )
    return [text for text in texts if text]


def _value(control: Element) -> str | None:
    if control.tag == "textarea":
        return control.text() or None
    if control.tag == "select":
        selected = next((o for o in control.iter("option") if "selected" in o.attrs), None)
        if selected is None:
            return None
        return selected.attrs.get("value", selected.text())
    return control.attrs.get("value")


# --- tying blocks to fields --------------------------------------------------------


def _tie_blocks(
    tree: HtmlTree, blocks: list[TextBlock], owners: list[Element], field_ids: dict[Element, str]
) -> list[TextBlock]:
    """Set ``field_id`` on label, hint and option blocks whose control is known."""
    hint_of: dict[str, str] = {}
    for control, ident in field_ids.items():
        for token in idrefs(control.attrs.get("aria-describedby")):
            hint_of.setdefault(token, ident)
    for block, owner in zip(blocks, owners):
        ident = _owner_field(tree, block.role, owner, field_ids, hint_of)
        if ident is not None:
            block.field_id = ident
            block.location = block.location.with_(field=ident)
    return blocks


def _owner_field(
    tree: HtmlTree, role: Role, owner: Element, field_ids: dict[Element, str], hint_of: dict[str, str]
) -> str | None:
    if role is Role.LABEL:
        if owner.tag == "label":
            control = tree.control_of(owner)
            return field_ids.get(control) if control is not None else None
        return field_ids.get(owner)  # a <button>'s own text; None for a <legend>
    if role is Role.HINT:
        return hint_of.get(owner.attrs.get("id", ""))
    if role is Role.OPTION:
        select = owner.closest("select")
        return field_ids.get(select) if select is not None else None
    return None
