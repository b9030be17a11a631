"""CMS MDCT report templates (Enterprise-CMCS/macpro-mdct-*): forms written as JSON.

They are not JSON Schema but they are form definitions: a report has ``routes`` (pages,
nested through ``children``), each page has ``verbiage`` (intro text, PRA disclosure,
modal texts) and forms (``form``, ``drawerForm``, ``modalForm``, ``overlayForm``,
``addEntityDrawerForm``, and ``details.forms[] / childForms[]``) whose ``fields`` carry
``id``, ``type``, ``validation`` and ``props`` (``label``, ``hint``, ``choices`` whose
``children`` are follow-up fields shown when that choice is picked).

The mapping follows the JSON-schema one: a field's id is its JSON pointer, ``props.label``
is its label (LABEL block), ``props.hint`` its hint (HINT blocks), choice labels are
options (OPTION blocks). Rich text (lists of ``{"type": "p", "content": ...,
"children": [...]}``) becomes paragraphs and list items; HTML inside strings is dropped
with exact column anchors kept. Button captions are UI chrome and are not read as prose.
"""

from __future__ import annotations

import re
from typing import Any

from formlint.model import Document, Field, FieldType, Format, Location, Role
from formlint.readers.json_positions import JsonSource, escape_pointer_token
from formlint.readers.schema_facts import FLAVOUR_MDCT, FieldSchema, SchemaFacts
from formlint.readers.schema_labels import humanize
from formlint.readers.schema_text import BlockMaker

MAX_FIELDS = 100_000
MAX_NESTING = 40

FORM_KEYS = ("form", "modalForm", "drawerForm", "overlayForm", "addEntityDrawerForm")
_TYPES = {
    "text": FieldType.TEXT,
    "textarea": FieldType.TEXTAREA,
    "number": FieldType.NUMBER,
    "radio": FieldType.RADIO,
    "checkbox": FieldType.CHECKBOX,
    "date": FieldType.DATE,
    "email": FieldType.EMAIL,
    "dynamic": FieldType.TEXT,
    "dropdown": FieldType.SELECT,
    "select": FieldType.SELECT,
    "file": FieldType.FILE,
    "upload": FieldType.FILE,
}
_HEADING_KEY = re.compile(r"(?i)(?:title|header|heading|section|subsection|caption|buttonLabel)$")
_SKIP_KEY = re.compile(
    r"(?i)(?:buttontext|alttext|backbutton|spreadsheet|exportsection(?:header)?)$"
    r"|^(?:countEntitiesInTitle|enterReportText)$"
)
_NOTICE_KEY = re.compile(r"(?i)^(?:praDisclosure|privacyAct\w*|omb\w*)$")
_BLOCK_TYPES = frozenset({"p", "li", "div", "ul", "ol", "section", "h1", "h2", "h3", "h4", "h5", "h6", "heading"})
_CONTAINER_TYPES = frozenset({"ul", "ol", "div", "section"})
_PHONE_ID = re.compile(r"(?i)phone(?:number)?$")


def _is_inline(node: Any) -> bool:
    """A rich-text node that flows inside a sentence (not a paragraph or list item)."""
    if not isinstance(node, dict):
        return False
    kind = str(node.get("type", "")).lower()
    props = node.get("props") if isinstance(node.get("props"), dict) else {}
    class_name = str(props.get("className", ""))
    return kind not in _BLOCK_TYPES and "paragraph" not in class_name and "list-item" not in class_name


def read_mdct(value: dict[str, Any], source: JsonSource, path: str) -> Document:
    facts = SchemaFacts(root=value, flavour=FLAVOUR_MDCT, source=source)
    reader = _MdctReader(path, source, facts)
    return reader.run(value)


class _MdctReader:
    def __init__(self, path: str, source: JsonSource, facts: SchemaFacts) -> None:
        self.path = path
        self.source = source
        self.facts = facts
        self.blocks = BlockMaker(path, source)
        self.fields: list[Field] = []

    def run(self, root: dict[str, Any]) -> Document:
        from formlint.readers.jsonschema import file_suppressions

        title_block = self.blocks.add(root.get("name"), "/name", Role.TITLE)
        title = title_block.text if title_block else None
        routes = root.get("routes")
        if isinstance(routes, list):
            for index, route in enumerate(routes):
                self.container(route, f"/routes/{index}", title, 0)
        doc = Document(
            path=self.path,
            format=Format.JSONSCHEMA,
            title=title,
            blocks=self.blocks.blocks,
            fields=self.fields,
            suppressions=file_suppressions(self.source, root, self.facts.notes),
            schema=self.facts,
        )
        doc.metadata.update(
            {
                "flavour": FLAVOUR_MDCT,
                "dialect": None,
                "report_type": root.get("type") if isinstance(root.get("type"), str) else None,
                "template_version": root.get("version") if isinstance(root.get("version"), str) else None,
                "fields_inferred_labels": sum(1 for f in self.fields if f.attributes.get("label_inferred")),
            }
        )
        if self.facts.notes or self.facts.truncated:
            doc.metadata["reader_notes"] = list(self.facts.notes)
        return doc

    # -- pages ---------------------------------------------------------------------------
    def container(self, node: Any, pointer: str, section: str | None, depth: int) -> None:
        """A route, a details page, or a (child) form entry: name, verbiage, forms, children."""
        if not isinstance(node, dict) or depth > MAX_NESTING:
            return
        name = self.blocks.add(node.get("name"), pointer + "/name", Role.HEADING, section=section)
        if name is not None:
            section = name.text
        verbiage = node.get("verbiage")
        if isinstance(verbiage, dict):
            section = self.verbiage(verbiage, pointer + "/verbiage", section)
        table = node.get("table")
        if isinstance(table, dict):
            self.table(table, pointer + "/table", section)
        for key in FORM_KEYS:
            form = node.get(key)
            if isinstance(form, dict) and isinstance(form.get("fields"), list):
                form_id = form.get("id") if isinstance(form.get("id"), str) else key
                self.fields_of(form["fields"], f"{pointer}/{key}/fields", section, form_id, None, depth)
        details = node.get("details")
        if isinstance(details, dict):
            self.container(details, pointer + "/details", section, depth + 1)
        for key in ("forms", "childForms", "children"):
            items = node.get(key)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    self.container(item, f"{pointer}/{key}/{index}", section, depth + 1)

    def verbiage(self, node: dict[str, Any], pointer: str, section: str | None, notice: bool = False) -> str | None:
        """Page texts. Returns the section heading for what follows (intro subsection)."""
        for key, value in node.items():
            child = f"{pointer}/{escape_pointer_token(key)}"
            is_notice = notice or bool(_NOTICE_KEY.match(key))
            if isinstance(value, str):
                if _SKIP_KEY.search(key):
                    continue
                role = Role.NOTICE if is_notice else Role.HEADING if _HEADING_KEY.search(key) else Role.PARAGRAPH
                block = self.blocks.add(value, child, role, section=section, is_html=True)
                if block is not None and key in ("subsection", "heading"):
                    section = block.text
            elif isinstance(value, list):
                self.rich(value, child, Role.NOTICE if is_notice else Role.PARAGRAPH, section, None, 0)
            elif isinstance(value, dict):
                section = self.verbiage(value, child, section, is_notice) or section
        return section

    def table(self, node: dict[str, Any], pointer: str, section: str | None) -> None:
        self.blocks.add(node.get("caption"), pointer + "/caption", Role.HEADING, section=section)
        verbiage = node.get("verbiage")
        if isinstance(verbiage, dict):
            self.verbiage(verbiage, pointer + "/verbiage", section)
        rows = node.get("bodyRows")
        if isinstance(rows, list):
            for r, row in enumerate(rows):
                if isinstance(row, list):
                    for c, cell in enumerate(row):
                        here = f"{pointer}/bodyRows/{r}/{c}"
                        self.blocks.add(cell, here, Role.TABLE_CELL, section=section, is_html=True)

    # -- rich text ------------------------------------------------------------------------
    def rich(
        self,
        nodes: list[Any],
        pointer: str,
        role: Role,
        section: str | None,
        field_id: str | None,
        depth: int,
    ) -> list[str]:
        """Blocks from a list of rich-text nodes; returns their texts (for Field.hint).

        Consecutive inline nodes (``html``, ``span``, links) form one block: a sentence
        often runs from an ``html`` node into a link and on into the next node.
        """
        texts: list[str] = []
        run: list[tuple[object, str]] = []

        def flush() -> None:
            if run:
                where = field_id or run[0][1]
                block = self.blocks.add_pieces(
                    list(run), role, location_pointer=where, field_id=field_id, section=section, is_html=True
                )
                if block:
                    texts.append(block.text)
                run.clear()

        for index, node in enumerate(nodes):
            here = f"{pointer}/{index}"
            if _is_inline(node):
                nested: list[tuple[Any, str]] = []
                self._inline(node, here, run, nested, depth)
                if not nested:
                    continue
                flush()
                for child, child_pointer in nested:
                    texts += self.rich_node(child, child_pointer, role, section, field_id, depth + 1)
                continue
            flush()
            texts += self.rich_node(node, here, role, section, field_id, depth)
        flush()
        return texts

    def rich_node(
        self, node: Any, here: str, role: Role, section: str | None, field_id: str | None, depth: int
    ) -> list[str]:
        if depth > MAX_NESTING:
            return []
        if isinstance(node, str):
            where = field_id or here
            block = self.blocks.add(
                node, here, role, location_pointer=where, field_id=field_id, section=section, is_html=True
            )
            return [block.text] if block else []
        if not isinstance(node, dict):
            return []
        texts: list[str] = []
        kind = str(node.get("type", "")).lower()
        children = node.get("children") if isinstance(node.get("children"), list) else []
        prose_role = role not in (Role.HINT, Role.NOTICE)  # hints and notices keep their role
        if kind in _CONTAINER_TYPES and "content" not in node:
            inner = Role.LIST_ITEM if kind in ("ul", "ol") and prose_role else role
            return self.rich(children, here + "/children", inner, section, field_id, depth + 1)
        pieces: list[tuple[object, str]] = []
        nested: list[tuple[Any, str]] = []
        self._inline(node, here, pieces, nested, depth)
        node_role = role
        props = node.get("props") if isinstance(node.get("props"), dict) else {}
        class_name = str(props.get("className", ""))
        if prose_role:
            if kind == "li" or "list-item" in class_name:
                node_role = Role.LIST_ITEM
            elif kind == "heading" or (kind[:1] == "h" and kind[1:].isdigit()):
                node_role = Role.HEADING
        if pieces:
            block = self.blocks.add_pieces(
                pieces, node_role, location_pointer=field_id or here, field_id=field_id, section=section, is_html=True
            )
            if block:
                texts.append(block.text)
        for child, child_pointer in nested:
            inner = Role.LIST_ITEM if kind in ("ul", "ol") and prose_role else role
            texts += self.rich_node(child, child_pointer, inner, section, field_id, depth + 1)
        return texts

    def _inline(
        self,
        node: dict[str, Any],
        pointer: str,
        pieces: list[tuple[object, str]],
        nested: list[tuple[Any, str]],
        depth: int,
    ) -> None:
        """Collect a node's own content and its inline children; block children are deferred."""
        if depth > MAX_NESTING:
            return
        if isinstance(node.get("content"), str):
            pieces.append((node["content"], pointer + "/content"))
        children = node.get("children")
        if not isinstance(children, list):
            return
        for index, child in enumerate(children):
            here = f"{pointer}/children/{index}"
            if isinstance(child, str):
                pieces.append((child, here))
            elif isinstance(child, dict):
                kind = str(child.get("type", "")).lower()
                if kind in _BLOCK_TYPES:
                    nested.append((child, here))
                else:
                    self._inline(child, here, pieces, nested, depth + 1)

    # -- fields ---------------------------------------------------------------------------
    def fields_of(
        self,
        fields: list[Any],
        pointer: str,
        section: str | None,
        form_id: str,
        parent: tuple[str, str] | None,
        depth: int,
    ) -> None:
        """Fields of a form, or the follow-up fields of one choice (``parent`` = (field id, choice label))."""
        if depth > MAX_NESTING:
            self.facts.notes.append(f"stopped at {pointer}: fields nested more than {MAX_NESTING} deep")
            return
        for index, node in enumerate(fields):
            if len(self.fields) >= MAX_FIELDS:
                if self.facts.truncated is None:
                    self.facts.truncated = f"stopped after {MAX_FIELDS:,} fields (field limit)"
                    self.facts.notes.append(self.facts.truncated)
                return
            if not isinstance(node, dict):
                continue
            here = f"{pointer}/{index}"
            kind = str(node.get("type", "")).strip()
            props = node.get("props") if isinstance(node.get("props"), dict) else {}
            if kind == "sectionHeader":
                content = props.get("content")
                block = self.blocks.add(content, here + "/props/content", Role.HEADING, section=section, is_html=True)
                section = block.text if block else section
                continue
            if kind == "sectionContent":
                content = props.get("content")
                self.blocks.add(content, here + "/props/content", Role.PARAGRAPH, section=section, is_html=True)
                continue
            self.field(node, props, here, section, form_id, parent, depth)

    def field(
        self,
        node: dict[str, Any],
        props: dict[str, Any],
        pointer: str,
        section: str | None,
        form_id: str,
        parent: tuple[str, str] | None,
        depth: int,
    ) -> None:
        key = node.get("id") if isinstance(node.get("id"), str) else pointer.rsplit("/", 1)[-1]
        kind = str(node.get("type", "")).strip()
        validation = node.get("validation")
        rule = validation.get("type") if isinstance(validation, dict) else validation
        rule = rule if isinstance(rule, str) else ""
        attributes: dict[str, Any] = {
            "key": key,
            "path": f"{form_id}.{key}",
            "mdct_type": kind,
            "validation": rule or None,
        }
        label_value = props.get("label")
        if isinstance(label_value, str) and label_value.strip():
            label = " ".join(label_value.split())
            accessible: str | None = label
            attributes["label_inferred"] = False
        else:
            label = parent[1] if parent else humanize(key)
            accessible = None
            attributes["label_inferred"] = True
        field_type = _TYPES.get(kind, FieldType.OTHER)
        if rule.startswith("email"):
            field_type = FieldType.EMAIL
        elif field_type is FieldType.TEXT and _PHONE_ID.search(key):
            field_type = FieldType.PHONE
        optional = rule.endswith("Optional") or bool(props.get("styleAsOptional"))
        required = (not optional and bool(rule)) if kind != "dynamic" else bool(props.get("isRequired"))
        if parent is not None:
            attributes["parent_field"] = parent[0]
            attributes["parent_choice"] = parent[1]
            if required:
                attributes["conditionally_required"] = True
            required = False
        for name in ("mask", "decimalPlacesToRoundTo", "styleAsOptional", "timetype", "groupId"):
            if name in props or name in node:
                attributes[name] = props.get(name, node.get(name))
        if kind == "dynamic":
            attributes["multiple"] = True
        choices = props.get("choices") if isinstance(props.get("choices"), list) else []
        options = [
            " ".join(choice["label"].split())
            for choice in choices
            if isinstance(choice, dict) and isinstance(choice.get("label"), str)
        ]
        position = self.source.position(pointer + "/id") or self.source.position(pointer)
        line = column = None
        if position is not None:
            line = position.key_line or position.line
            column = position.key_column or position.column
        field_id = pointer
        location = Location(self.path, line=line, column=column, pointer=field_id, field=field_id)
        hint_texts: list[str] = []
        new = Field(
            id=field_id,
            type=field_type,
            location=location,
            label=label,
            accessible_name=accessible,
            required=required,
            read_only=bool(props.get("disabled")),
            options=options,
            group=section,
            hint=None,
            attributes=attributes,
        )
        self.fields.append(new)
        self.facts.field_schemas[field_id] = FieldSchema(
            field_id=field_id,
            declared_at=pointer,
            schema={k: v for k, v in node.items() if k != "props"}
            | {"props": {k: v for k, v in props.items() if k != "choices"}},
            conditional=parent is not None,
        )
        tied: dict[str, Any] = {"location_pointer": field_id, "field_id": field_id, "section": section, "is_html": True}
        if accessible:
            self.blocks.add(label_value, pointer + "/props/label", Role.LABEL, **tied)
        hint = props.get("hint")
        if isinstance(hint, str):
            block = self.blocks.add(hint, pointer + "/props/hint", Role.HINT, **tied)
            if block:
                hint_texts.append(block.text)
            elif hint.strip():
                hint_texts.append(" ".join(hint.split()))
        elif isinstance(hint, list):
            hint_texts += self.rich(hint, pointer + "/props/hint", Role.HINT, section, field_id, 0)
        new.hint = " ".join(hint_texts) or None
        for index, choice in enumerate(choices):
            if not isinstance(choice, dict):
                continue
            here = f"{pointer}/props/choices/{index}"
            self.blocks.add(choice.get("label"), here + "/label", Role.OPTION, **tied)
            self.blocks.add(choice.get("hint"), here + "/hint", Role.HINT, **tied)
            children = choice.get("children")
            if isinstance(children, list):
                choice_label = " ".join(choice["label"].split()) if isinstance(choice.get("label"), str) else str(index)
                self.fields_of(children, here + "/children", section, form_id, (field_id, choice_label), depth + 1)
