"""Reader for JSON form definitions: JSON Schema, react-jsonschema-form bundles, CMS MDCT.

Every leaf property of the schema becomes a Field whose id is its JSON pointer; titles,
descriptions and option names become TextBlocks anchored to the exact source columns.
Labels that live only in the key and the ``$ref`` target (VA.gov's
``"veteranSsn": {"$ref": "#/definitions/ssn"}``) are inferred and marked
``attributes["label_inferred"]``.

How the schema is walked (see ``_Walker``):

* ``$ref`` to the same file (``#/definitions/x``, ``#/$defs/x``, any ``#/...`` pointer,
  ``#anchor``) is followed; refs to other files or URLs are recorded, never fetched.
  A ref already being expanded on the current path is a cycle: recorded, not followed.
* ``allOf`` parts are merged into the node. Properties found only in ``oneOf`` /
  ``anyOf`` branches, ``then`` / ``else`` and ``dependencies`` are added too (a form
  shows them on some path), marked with the branch they came from ("variant").
* Work is bounded: nesting depth, ``$ref`` chain length, schema nodes expanded and the
  number of fields (``MAX_FIELDS``); hitting a bound is recorded in
  ``SchemaFacts.truncated`` and ``Document.metadata["reader_notes"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from formlint.model import (
    Document,
    Field,
    FieldType,
    Format,
    Location,
    NotAFormError,
    Role,
    Suppression,
    UnreadableError,
)
from formlint.readers.base import ReadOptions, decode_text, looks_binary
from formlint.readers.json_positions import (
    JsonSource,
    escape_pointer_token,
    parse_json,
    resolve_pointer,
)
from formlint.readers.schema_facts import (
    FLAVOUR_JSON_SCHEMA,
    FLAVOUR_MDCT,
    FLAVOUR_RJSF,
    FieldSchema,
    RefIssue,
    SchemaFacts,
)
from formlint.readers.schema_labels import (
    infer_label,
    is_opaque_key,
    looks_like_identifier,
    ref_concept,
    ref_name,
)
from formlint.readers.schema_text import BlockMaker
from formlint.suppress import parse_rules

# Work bounds. The largest form in the corpus (VA 686C-674) has 254 fields and merges 505
# schema nodes; the bounds are 100 to 500 times that, so they only stop adversarial input
# (e.g. $refs that double at every level), in about 10 seconds at worst.
MAX_FIELDS = 50_000
MAX_NESTING = 40  # objects within objects (real forms stay under 10)
MAX_REF_CHAIN = 32  # $ref -> $ref -> ... hops while resolving one node
MAX_EXPANSIONS = 250_000  # schema nodes merged in total (guards exponential $ref fan-out)
MAX_BRANCH_NESTING = 4  # oneOf inside oneOf inside ... within one node

IGNORE_KEY = "x-formlint-ignore"

# Keywords that shape the walk; everything else is merged into FieldSchema.schema.
_STRUCTURAL = frozenset(
    {
        "$ref", "properties", "items", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "dependencies", "dependentSchemas", "definitions", "$defs", "required",
        "patternProperties", "additionalProperties", "additionalItems", "prefixItems",
        IGNORE_KEY,
    }
)  # fmt: skip

_WIDGET_TYPES = {
    "hidden": FieldType.HIDDEN,
    "password": FieldType.PASSWORD,
    "textarea": FieldType.TEXTAREA,
    "radio": FieldType.RADIO,
    "yesno": FieldType.RADIO,
    "checkboxes": FieldType.CHECKBOX,
    "checkbox": FieldType.CHECKBOX,
    "select": FieldType.SELECT,
    "email": FieldType.EMAIL,
    "date": FieldType.DATE,
    "alt-date": FieldType.DATE,
    "datetime": FieldType.DATE,
    "alt-datetime": FieldType.DATE,
    "file": FieldType.FILE,
    "files": FieldType.FILE,
    "updown": FieldType.NUMBER,
    "range": FieldType.NUMBER,
    "text": FieldType.TEXT,
    "tel": FieldType.PHONE,
}

_PHONE_KEY = re.compile(r"(?i)(?:phone|telephone|fax)(?:number)?$|^(?:mobile|cell|tel)$")
_PHONE_EXT_KEY = re.compile(r"(?i)ext(?:ension)?$")
_EMAIL_KEY = re.compile(r"(?i)e-?mail(?:address)?$")
_SIGNATURE_KEY = re.compile(r"(?i)signature$|^sign(?:ed)?name$")
_FILE_KEY = re.compile(r"(?i)(?:files?|attachments?|uploads?|documents?|evidence)$")
_FILE_ITEM_PROPS = frozenset(
    {"name", "size", "confirmationCode", "attachmentId", "isEncrypted", "password", "fileName",
     "file", "guid", "type", "fileType", "url"}
)  # fmt: skip
_DATE_FORMATS = frozenset({"date", "date-time", "full-date", "datetime"})


def read_jsonschema(data: bytes, path: str, options: ReadOptions) -> Document:
    """Read a JSON form definition. Raises only UnreadableError or NotAFormError."""
    # base.looks_binary counts the NUL bytes of UTF-16 text as control characters, so
    # text with a UTF-16 byte order mark skips the check (decode_text handles it).
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and looks_binary(data):
        raise UnreadableError("binary file, not JSON text")
    text = decode_text(data)
    value, source = parse_json(text)  # JsonSyntaxError is an UnreadableError
    try:
        return _read(value, source, path)
    except (UnreadableError, NotAFormError):
        raise
    except RecursionError:
        raise UnreadableError("JSON form definition nested too deeply to walk") from None
    except Exception as exc:  # a reader never raises anything else
        raise UnreadableError(f"could not read the JSON form definition: {exc}") from exc


def _read(value: Any, source: JsonSource, path: str) -> Document:
    flavour, schema_pointer = detect_flavour(value)
    if flavour == FLAVOUR_MDCT:
        from formlint.readers.schema_mdct import read_mdct

        return read_mdct(value, source, path)
    schema = value if not schema_pointer else value[schema_pointer[1:]]
    facts = SchemaFacts(root=value, flavour=flavour, source=source, schema_pointer=schema_pointer)
    facts.dialect = schema.get("$schema") if isinstance(schema.get("$schema"), str) else None
    ui_schema = None
    ui_pointer = ""
    if flavour == FLAVOUR_RJSF:
        for key in ("uiSchema", "uischema", "ui_schema", "uiSchemaJson"):
            if isinstance(value.get(key), dict):
                ui_schema, ui_pointer = value[key], "/" + key
                break
    facts.ui_schema = ui_schema
    walker = _Walker(path, source, facts, schema, schema_pointer)
    doc = walker.run(ui_schema, ui_pointer)
    if not doc.fields and not walker.saw_properties:
        raise NotAFormError("not a JSON-schema form definition (no 'properties' reachable from the root)")
    return doc


def detect_flavour(value: Any) -> tuple[str, str]:
    """(flavour, pointer of the JSON Schema inside the file) or NotAFormError with a reason."""
    if not isinstance(value, dict):
        kind = "an array" if isinstance(value, list) else f"a {type(value).__name__} value"
        raise NotAFormError(f"not a JSON-schema form definition (the top level is {kind}, not an object)")
    if isinstance(value.get("routes"), list) and _has_mdct_fields(value["routes"]):
        return FLAVOUR_MDCT, ""
    for key in ("schema", "jsonSchema", "formSchema"):
        inner = value.get(key)
        if isinstance(inner, dict) and _looks_like_schema(inner):
            return FLAVOUR_RJSF, "/" + key
    if _looks_like_schema(value):
        return FLAVOUR_JSON_SCHEMA, ""
    if isinstance(value.get("definitions"), dict) or isinstance(value.get("$defs"), dict):
        raise NotAFormError(
            "not a JSON-schema form definition (only 'definitions': a library of shared "
            "definitions with no root 'properties')"
        )
    raise NotAFormError("not a JSON-schema form definition (no 'properties')")


def _looks_like_schema(node: dict[str, Any]) -> bool:
    """A schema whose root is an object with properties (directly or through $ref / allOf ...).

    A data file that merely has a "properties" key (a GeoJSON Feature, say) is refused:
    its "properties" values are not schemas, or its "type" is not "object".
    """
    declared = node.get("type")
    if declared is not None and declared != "object" and not (
        isinstance(declared, list) and "object" in declared
    ):
        return declared == "array" and isinstance(node.get("items"), dict) and _looks_like_schema(node["items"])
    props = node.get("properties")
    if isinstance(props, dict):
        return all(isinstance(sub, (dict, bool)) for sub in props.values())
    if isinstance(node.get("$ref"), str) and node["$ref"].startswith("#"):
        return True
    for key in ("allOf", "anyOf", "oneOf"):
        parts = node.get(key)
        if isinstance(parts, list) and any(isinstance(p, dict) and ("properties" in p or "$ref" in p) for p in parts):
            return True
    return False


def _has_mdct_fields(routes: list[Any]) -> bool:
    stack: list[Any] = list(routes)
    seen = 0
    while stack and seen < 10_000:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            for key in ("form", "modalForm", "drawerForm", "overlayForm", "addEntityDrawerForm"):
                form = item.get(key)
                if isinstance(form, dict) and isinstance(form.get("fields"), list):
                    return True
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return False


# --------------------------------------------------------------------------------------
# Resolution: a schema node with its $ref targets and allOf parts merged
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Fragment:
    """A schema node as found in the file, and the logical pointer it was reached by."""

    schema: Any
    file_ptr: str
    logical: str

    def child(self, schema: Any, token: str) -> Fragment:
        """The fragment at ``token`` (e.g. "/allOf/0") below this one."""
        return Fragment(schema, self.file_ptr + token, self.logical + token)


@dataclass(slots=True)
class PropDecl:
    key: str
    fragments: list[Fragment]
    variant: str | None = None  # logical pointer of the branch, when only declared there
    conditional: bool = False
    variant_fragments: list[Fragment] = field(default_factory=list)


@dataclass(slots=True)
class Effective:
    """The merged view of one schema node."""

    keywords: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # keyword -> file pointer of its node
    props: dict[str, PropDecl] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    cond_required: set[str] = field(default_factory=set)
    items: Fragment | None = None
    refs: list[str] = field(default_factory=list)
    ref_targets: list[str] = field(default_factory=list)
    alternatives: list[tuple[Effective, Fragment]] = field(default_factory=list)
    ignores: list[tuple[Any, str]] = field(default_factory=list)
    cycle: str | None = None
    unresolved: str | None = None
    branch_depth: int = 0  # how many oneOf/anyOf levels this view sits inside

    def types(self) -> set[str]:
        declared = self.keywords.get("type")
        if isinstance(declared, str):
            return {declared} - {"null"}
        if isinstance(declared, list):
            return {t for t in declared if isinstance(t, str)} - {"null"}
        return set()

    def text(self, keyword: str) -> tuple[str, str] | None:
        """(value, file pointer of the value) for a string keyword such as title."""
        value = self.keywords.get(keyword)
        if isinstance(value, str) and value.strip():
            return value, self.sources[keyword] + "/" + escape_pointer_token(keyword)
        return None


class _Budget(Exception):
    """Raised when a work bound is hit; the walk stops and says why."""


class _Walker:
    def __init__(
        self, path: str, source: JsonSource, facts: SchemaFacts, schema: dict[str, Any], schema_pointer: str
    ) -> None:
        self.path = path
        self.source = source
        self.facts = facts
        self.schema = schema
        self.base = schema_pointer
        self.blocks = BlockMaker(path, source)
        self.fields: list[Field] = []
        self.suppressions: dict[tuple[str, frozenset[str]], Suppression] = {}
        self.expansions = 0
        self.saw_properties = False
        self._issues_seen: set[tuple[int, RefIssue]] = set()
        self._noted: set[str] = set()
        self.anchors = self._index_anchors()
        self.root_id = schema.get("$id") or schema.get("id")
        for keyword in ("definitions", "$defs"):
            defs = schema.get(keyword)
            if isinstance(defs, dict):
                for name, sub in defs.items():
                    facts.definitions[f"#/{keyword}/{escape_pointer_token(name)}"] = sub

    # -- $ref ---------------------------------------------------------------------------
    def _index_anchors(self) -> dict[str, str]:
        """'#name' refs resolve through "$anchor" (2019-09+) or "$id": "#name" (draft-06/07)."""
        found: dict[str, str] = {}
        for pointer in self.source.key_spans:
            tail = pointer.rsplit("/", 1)[-1]
            if tail in ("$anchor", "$id", "id") and pointer.startswith(self.base):
                ok, value = resolve_pointer(self.facts.root, pointer)
                if ok and isinstance(value, str):
                    name = value[1:] if value.startswith("#") else value if tail == "$anchor" else None
                    if name and "/" not in name:
                        found[name] = pointer.rsplit("/", 1)[0]
        return found

    def resolve_ref(self, ref: str, at: str) -> tuple[str, Any] | None:
        """(file pointer, schema) of a same-file ref; records the problem and returns None."""
        target = ref.strip()
        if "#" in target:
            base, fragment = target.split("#", 1)
        else:
            base, fragment = target, None
        if base and not (isinstance(self.root_id, str) and base.rstrip("#") == self.root_id.rstrip("#")):
            self._issue(self.facts.external_refs, RefIssue(at, ref, "external"))
            return None
        if fragment is None:
            fragment = ""
        fragment = unquote(fragment)
        if fragment and not fragment.startswith("/"):
            pointer = self.anchors.get(fragment)
            if pointer is None:
                self._issue(self.facts.unresolved_refs, RefIssue(at, ref, "not-found"))
                return None
        else:
            pointer = self.base + fragment
        ok, value = resolve_pointer(self.facts.root, pointer)
        if not ok:
            self._issue(self.facts.unresolved_refs, RefIssue(at, ref, "not-found"))
            return None
        definition = "#" + pointer[len(self.base):]
        self.facts.used_definitions.add(definition)
        return pointer, value

    def _issue(self, bucket: list[RefIssue], issue: RefIssue) -> None:
        key = (id(bucket), issue)
        if key not in self._issues_seen:
            self._issues_seen.add(key)
            bucket.append(issue)

    def _note_once(self, kind: str, note: str) -> None:
        """Record the first note of a kind; adversarial input could repeat it endlessly."""
        if kind not in self._noted:
            self._noted.add(kind)
            self.facts.notes.append(note)

    # -- merging ------------------------------------------------------------------------
    def effective(self, fragments: list[Fragment], active: tuple[str, ...]) -> Effective:
        eff = Effective()
        for fragment in fragments:
            self._absorb(eff, fragment, active, 0, None, False)
        return eff

    def _absorb(
        self,
        eff: Effective,
        frag: Fragment,
        active: tuple[str, ...],
        chain: int,
        branch: str | None,
        conditional: bool,
    ) -> None:
        self.expansions += 1
        if self.expansions > MAX_EXPANSIONS:
            raise _Budget(f"stopped after expanding {MAX_EXPANSIONS:,} schema nodes ($ref fan-out too large)")
        node = frag.schema
        if not isinstance(node, dict):
            return
        if branch is None:
            for key, value in node.items():
                if key not in _STRUCTURAL and key not in eff.keywords:
                    eff.keywords[key] = value
                    eff.sources[key] = frag.file_ptr
            if IGNORE_KEY in node:
                eff.ignores.append((node[IGNORE_KEY], frag.file_ptr))
        required = node.get("required")
        if isinstance(required, list):
            names = {name for name in required if isinstance(name, str)}
            (eff.cond_required if (branch or conditional) else eff.required).update(names)
        props = node.get("properties")
        if isinstance(props, dict):
            self.saw_properties = True
            for key, sub in props.items():
                token = "/properties/" + escape_pointer_token(key)
                self._add_prop(eff, key, frag.child(sub, token), branch, conditional)
        items = node.get("items")
        if branch is None and eff.items is None:
            if isinstance(items, dict):
                eff.items = Fragment(items, frag.file_ptr + "/items", frag.logical + "/items")
            elif isinstance(items, list) and items and isinstance(items[0], dict):
                eff.items = Fragment(items[0], frag.file_ptr + "/items/0", frag.logical + "/items/0")
        ref = node.get("$ref")
        if isinstance(ref, str):
            self._follow(eff, ref, frag, active, chain, branch, conditional)
        for index, part in enumerate(_as_list(node.get("allOf"))):
            token = f"/allOf/{index}"
            self._absorb(eff, frag.child(part, token), active, chain, branch, conditional)
        branches = [(k, i, part) for k in ("oneOf", "anyOf") for i, part in enumerate(_as_list(node.get(k)))]
        if branches and eff.branch_depth >= MAX_BRANCH_NESTING:
            self._note_once("branches", f"{frag.logical}: oneOf/anyOf nested more than {MAX_BRANCH_NESTING} deep; "
                            "the inner branches were not read")
            branches = []
        for keyword, index, part in branches:
            token = f"/{keyword}/{index}"
            sub = frag.child(part, token)
            alt = Effective(branch_depth=eff.branch_depth + 1)
            self._absorb(alt, sub, active, chain, None, False)
            eff.cond_required.update(alt.required | alt.cond_required)
            if alt.props:
                for key, decl in alt.props.items():
                    for fragment in decl.fragments:
                        self._add_prop(eff, key, fragment, decl.variant or sub.logical, True)
            elif branch is None and (alt.keywords or alt.alternatives):
                eff.alternatives.append((alt, sub))
        for keyword in ("then", "else"):
            part = node.get(keyword)
            if isinstance(part, dict):
                token = "/" + keyword
                self._absorb(eff, frag.child(part, token), active, chain, frag.logical + token, True)
        for keyword in ("dependencies", "dependentSchemas"):
            deps = node.get(keyword)
            if isinstance(deps, dict):
                for key, part in deps.items():
                    if isinstance(part, dict):
                        token = f"/{keyword}/{escape_pointer_token(key)}"
                        branch_at = frag.logical + token
                        self._absorb(eff, frag.child(part, token), active, chain, branch_at, True)

    def _follow(
        self,
        eff: Effective,
        ref: str,
        frag: Fragment,
        active: tuple[str, ...],
        chain: int,
        branch: str | None,
        conditional: bool,
    ) -> None:
        at = frag.logical + "/$ref"
        if chain >= MAX_REF_CHAIN:
            self._issue(self.facts.unresolved_refs, RefIssue(at, ref, "depth-limit"))
            eff.unresolved = ref
            return
        target = self.resolve_ref(ref, at)
        if target is None:
            eff.unresolved = ref
            if branch is None:
                eff.refs.append(ref)
            return
        pointer, value = target
        if pointer in active:
            self._issue(self.facts.cycles, RefIssue(at, ref, "cycle"))
            eff.cycle = ref
            return
        if pointer in eff.ref_targets:
            return  # already merged into this node (allOf: [{$ref: X}, {$ref: X}]): nothing new
        if branch is None:
            eff.refs.append(ref)
            eff.ref_targets.append(pointer)
        self._absorb(eff, Fragment(value, pointer, at), active + (pointer,), chain + 1, branch, conditional)

    @staticmethod
    def _add_prop(eff: Effective, key: str, frag: Fragment, branch: str | None, conditional: bool) -> None:
        decl = eff.props.get(key)
        if decl is None:
            eff.props[key] = PropDecl(key, [frag], branch, conditional or branch is not None)
        elif branch is None:
            decl.fragments.append(frag)
        else:
            decl.variant_fragments.append(frag)

    # -- the walk -----------------------------------------------------------------------
    def run(self, ui_schema: Any, ui_pointer: str) -> Document:
        root = Fragment(self.schema, self.base, self.base)
        notes: list[str] = []
        title: str | None = None
        try:
            eff = self.effective([root], (self.base,))
            ui = _UiNode(ui_schema, ui_pointer) if isinstance(ui_schema, dict) else _UiNode(None, "")
            title = self._root_text(eff, ui)
            self._suppress_from(eff, self.base, ui)
            self._walk_object(eff, self.base, "", ui, None, None, (self.base,) + tuple(eff.ref_targets), 0, False)
            if eff.items is not None and not eff.props:  # a root array of objects
                items = self.effective([eff.items], (self.base,))
                self._walk_object(items, eff.items.logical, "[]", ui.child("items"), None, None, (self.base,), 1, True)
        except _Budget as stop:
            self.facts.truncated = str(stop)
            notes.append(str(stop))
        for made in file_suppressions(self.source, self.facts.root, self.facts.notes):
            self.suppressions.setdefault((made.pointer or "", made.rules), made)
        notes.extend(self.facts.notes)
        doc = Document(
            path=self.path,
            format=Format.JSONSCHEMA,
            title=title,
            blocks=self.blocks.blocks,
            fields=self.fields,
            suppressions=list(self.suppressions.values()),
            schema=self.facts,
        )
        doc.metadata.update(
            {
                "flavour": self.facts.flavour,
                "dialect": self.facts.dialect,
                "fields_inferred_labels": sum(1 for f in self.fields if f.attributes.get("label_inferred")),
            }
        )
        if notes:
            doc.metadata["reader_notes"] = notes
        return doc

    def _root_text(self, eff: Effective, ui: _UiNode) -> str | None:
        title = ui.text("ui:title") or eff.text("title")
        made = None
        if title:
            # located at the string itself: the root pointer "" would read as "no pointer"
            made = self.blocks.add(title[0], title[1], Role.TITLE)
        description = ui.text("ui:description") or eff.text("description")
        if description:
            section = made.text if made else None
            self.blocks.add(description[0], description[1], Role.PARAGRAPH, section=section)
        return made.text if made else None

    def _walk_object(
        self,
        eff: Effective,
        logical: str,
        data_path: str,
        ui: _UiNode,
        group: str | None,
        parent_info: tuple[str, str | None] | None,
        active: tuple[str, ...],
        depth: int,
        repeating: bool,
    ) -> None:
        if depth > MAX_NESTING:
            self._note_once("nesting", f"stopped at {logical}: objects nested more than {MAX_NESTING} deep")
            return
        for key in ui.order(list(eff.props)):
            decl = eff.props[key]
            if len(self.fields) >= MAX_FIELDS:
                raise _Budget(f"stopped after {MAX_FIELDS:,} fields (field limit)")
            self._walk_property(eff, decl, data_path, ui.child(key), group, parent_info, active, depth, repeating)

    def _walk_property(
        self,
        parent: Effective,
        decl: PropDecl,
        data_path: str,
        ui: _UiNode,
        group: str | None,
        parent_info: tuple[str, str | None] | None,
        active: tuple[str, ...],
        depth: int,
        repeating: bool,
    ) -> None:
        primary = decl.fragments[0]
        key = decl.key
        logical = primary.logical
        path = f"{data_path}.{key}" if data_path else key
        eff = self.effective(decl.fragments, active)
        self._suppress_from(eff, logical, ui)
        if eff.cycle is not None and not eff.props:
            self._note_once("cycle:" + eff.cycle, f"{logical}: recursive $ref {eff.cycle!r} not expanded")
            return
        child_active = active + tuple(eff.ref_targets)
        first_ref = eff.refs[0] if eff.refs else None
        items = self.effective([eff.items], child_active) if eff.items is not None else None
        file_like = self._is_file_like(key, first_ref, eff, items)
        if eff.props and not file_like:
            label = self._container_text(eff, ui, logical, key, first_ref, parent_info, group)
            info = (key, ref_name(first_ref))
            self._walk_object(eff, logical, path, ui, label, info, child_active, depth + 1, repeating)
            return
        if items is not None and eff.items is not None and items.props and not file_like:
            label = self._container_text(eff, ui, logical, key, first_ref, parent_info, group)
            item_ui = ui.child("items")
            item_at = eff.items.logical
            item_title = item_ui.text("ui:title") or items.text("title")
            if item_title:
                self.blocks.add(item_title[0], item_title[1], Role.HEADING, location_pointer=item_at, section=label)
            self._suppress_from(items, item_at, item_ui)
            info = (key, ref_name(items.refs[0] if items.refs else first_ref))
            item_active = child_active + tuple(items.ref_targets)
            self._walk_object(items, item_at, path + "[]", item_ui, label, info, item_active, depth + 1, True)
            return
        if eff.keywords.get("type") == "object" and not eff.props and not eff.refs and not eff.alternatives:
            # Nothing to fill in (a view-only block or a free-form object), but its title
            # and description are shown to people.
            self._container_text(eff, ui, logical, key, first_ref, parent_info, group)
            return
        self._leaf(parent, decl, eff, items, ui, path, group, parent_info, repeating, file_like)

    def _container_text(
        self,
        eff: Effective,
        ui: _UiNode,
        logical: str,
        key: str,
        ref: str | None,
        parent_info: tuple[str, str | None] | None,
        group: str | None,
    ) -> str:
        """HEADING for an object's title, PARAGRAPH for its description; returns its label."""
        title = ui.text("ui:title") or eff.text("title")
        label = None
        if title:
            block = self.blocks.add(title[0], title[1], Role.HEADING, location_pointer=logical, section=group)
            label = block.text if block else " ".join(title[0].split())
        description = ui.text("ui:description") or eff.text("description")
        if description:
            section = label or group
            self.blocks.add(description[0], description[1], Role.PARAGRAPH, location_pointer=logical, section=section)
        if label is None:
            parent_key = parent_info[0] if parent_info else None
            label = infer_label(key, ref_name(ref), parent_key)
        return label

    def _is_file_like(self, key: str, ref: str | None, eff: Effective, items: Effective | None) -> bool:
        concept = ref_concept(ref_name(ref)) or (ref_concept(ref_name(items.refs[0])) if items and items.refs else None)
        if concept is not None and concept.name == "files":
            return True
        if eff.keywords.get("format") == "data-url" or (items and items.keywords.get("format") == "data-url"):
            return True
        props = set(items.props) if items is not None and items.props else set(eff.props)
        if "confirmationCode" in props:
            return True
        return bool(props) and _FILE_KEY.search(key) is not None and props <= _FILE_ITEM_PROPS

    # -- leaves ---------------------------------------------------------------------------
    def _leaf(
        self,
        parent: Effective,
        decl: PropDecl,
        eff: Effective,
        items: Effective | None,
        ui: _UiNode,
        path: str,
        group: str | None,
        parent_info: tuple[str, str | None] | None,
        repeating: bool,
        file_like: bool,
    ) -> None:
        primary = decl.fragments[0]
        key = decl.key
        field_id = primary.logical
        ref = eff.refs[0] if eff.refs else (items.refs[0] if items and items.refs else None)
        name = ref_name(ref)
        is_array = "array" in eff.types() or (items is not None and not eff.types())
        values = items if (is_array and items is not None) else eff
        main = _main_alternative(values)
        explicit = ui.text("ui:title") or eff.text("title")
        parent_key, parent_ref = parent_info if parent_info else (None, None)
        attributes: dict[str, Any] = {"key": key, "path": path}
        if explicit:
            label = " ".join(explicit[0].split())
            accessible: str | None = label
            attributes["label_inferred"] = False
            if looks_like_identifier(label):
                attributes["title_identifier_like"] = True
        else:
            label = infer_label(key, name, parent_key, parent_ref)
            accessible = None
            attributes["label_inferred"] = True
            if is_opaque_key(key[5:] if key.startswith("view:") else key):
                attributes["key_opaque"] = True
        options, option_texts = self._options(values, main, ui)
        field_type = self._field_type(key, name, eff, values, main, ui, is_array, file_like, bool(options))
        if field_type is FieldType.CHECKBOX and "boolean" in (main.types() or values.types()) and not option_texts:
            options = []  # a yes/no box: "true" and "false" are not choices a person reads
        self._attributes(attributes, eff, values, main, ui, ref, name, decl, repeating, is_array, parent)
        described = ui.text("ui:description") or eff.text("description")
        hint_parts = [part for part in (described, ui.text("ui:help")) if part]
        hint = " ".join(" ".join(part[0].split()) for part in hint_parts) or None
        position = self.source.position(primary.file_ptr)
        line = position.key_line if position and position.key_line else (position.line if position else None)
        column = position.key_column if position and position.key_column else (position.column if position else None)
        end_column = position.key_end_column if position and position.key_line else None
        location = Location(
            self.path, line=line, column=column, end_line=line if end_column else None,
            end_column=end_column, pointer=field_id, field=field_id,
        )
        required = key in parent.required
        if not required and key in parent.cond_required:
            attributes["conditionally_required"] = True
        new = Field(
            id=field_id,
            type=field_type,
            location=location,
            label=label,
            accessible_name=accessible,
            required=required,
            read_only=bool(eff.keywords.get("readOnly")) or bool(ui.get("ui:readonly")) or bool(ui.get("ui:disabled")),
            options=options,
            group=group,
            hint=hint,
            value=_default_text(eff.keywords.get("default")),
            attributes=attributes,
        )
        self.fields.append(new)
        self.facts.field_schemas[field_id] = FieldSchema(
            field_id=field_id,
            declared_at=primary.file_ptr,
            schema=dict(eff.keywords),
            refs=tuple(eff.refs),
            ui=ui.directives(),
            variant=decl.variant,
            conditional=decl.conditional,
            repeating=repeating,
        )
        tied: dict[str, Any] = {"location_pointer": field_id, "field_id": field_id, "section": group}
        if explicit:
            self.blocks.add(explicit[0], explicit[1], Role.LABEL, **tied)
        for text, pointer in hint_parts:
            self.blocks.add(text, pointer, Role.HINT, **tied)
        for text, pointer in option_texts:
            self.blocks.add(text, pointer, Role.OPTION, **tied)

    def _options(self, values: Effective, main: Effective, ui: _UiNode) -> tuple[list[str], list[tuple[str, str]]]:
        """Displayed choices, and the (text, pointer) of those that are real prose."""
        enum = main.keywords.get("enum")
        names_node = ui.get("ui:enumNames")
        names_ptr = ui.pointer_of("ui:enumNames")
        if not isinstance(names_node, list):
            names_node = main.keywords.get("enumNames")
            names_ptr = main.sources.get("enumNames", "") + "/enumNames" if "enumNames" in main.sources else None
        if isinstance(names_node, list) and all(isinstance(n, str) for n in names_node) and names_node:
            texts = [(name, f"{names_ptr}/{i}") for i, name in enumerate(names_node)] if names_ptr else []
            return [" ".join(n.split()) for n in names_node], texts
        if isinstance(enum, list) and enum:
            return [_enum_text(v) for v in enum if v is not None], []
        options: list[str] = []
        texts: list[tuple[str, str]] = []
        for alt, _frag in values.alternatives:
            title = alt.text("title")
            if "const" in alt.keywords:
                if title:
                    options.append(" ".join(title[0].split()))
                    texts.append(title)
                elif alt.keywords["const"] is not None:
                    options.append(_enum_text(alt.keywords["const"]))
            elif isinstance(alt.keywords.get("enum"), list) and len(alt.keywords["enum"]) == 1:
                options.append(title[0] if title else _enum_text(alt.keywords["enum"][0]))
                if title:
                    texts.append(title)
        if options and len(options) == len(values.alternatives):
            return options, texts
        return [], []

    def _field_type(
        self,
        key: str,
        name: str | None,
        eff: Effective,
        values: Effective,
        main: Effective,
        ui: _UiNode,
        is_array: bool,
        file_like: bool,
        has_options: bool,
    ) -> FieldType:
        widget = ui.widget()
        if widget in _WIDGET_TYPES:
            return _WIDGET_TYPES[widget]
        concept = ref_concept(name)
        concept_name = concept.name if concept else None
        types = main.types() or values.types() or eff.types() - {"array"}
        fmt = main.keywords.get("format") or eff.keywords.get("format")
        bare = key[5:] if key.startswith("view:") else key
        if file_like or concept_name == "files" or fmt == "data-url":
            return FieldType.FILE
        if concept_name == "signature" or (_SIGNATURE_KEY.search(bare) and types <= {"string"}):
            return FieldType.SIGNATURE
        if fmt in _DATE_FORMATS or concept_name == "date":
            return FieldType.DATE
        if "boolean" in types and not has_options:
            return FieldType.CHECKBOX
        enum = main.keywords.get("enum")
        if isinstance(enum, list) and enum and all(isinstance(v, bool) for v in enum if v is not None):
            return FieldType.CHECKBOX
        if has_options:
            if is_array:
                return FieldType.CHECKBOX if widget == "checkboxes" else FieldType.SELECT
            return FieldType.SELECT
        if fmt == "email" or concept_name == "email" or (_EMAIL_KEY.search(bare) and types <= {"string"}):
            return FieldType.EMAIL
        phone_key = _PHONE_KEY.search(bare) and not _PHONE_EXT_KEY.search(bare)
        if concept_name == "phone" or (phone_key and types <= {"string", "integer", "number"}):
            return FieldType.PHONE
        if types & {"number", "integer"}:
            return FieldType.NUMBER
        if fmt == "password":
            return FieldType.PASSWORD
        if "string" in types or concept is not None:
            return FieldType.TEXT
        if "object" in types:
            return FieldType.OTHER
        return FieldType.TEXT if not types and (eff.keywords or values.alternatives) else FieldType.OTHER

    def _attributes(
        self,
        attributes: dict[str, Any],
        eff: Effective,
        values: Effective,
        main: Effective,
        ui: _UiNode,
        ref: str | None,
        name: str | None,
        decl: PropDecl,
        repeating: bool,
        is_array: bool,
        parent: Effective,
    ) -> None:
        if ref:
            attributes["ref"] = ref
            attributes["ref_name"] = name
            concept = ref_concept(name)
            if concept is not None:
                attributes["ref_concept"] = concept.name
        for source in (main, values, eff):
            for keyword in ("format", "pattern", "maxLength", "minLength", "minimum", "maximum", "enum"):
                if keyword in source.keywords and keyword not in attributes:
                    attributes[keyword] = source.keywords[keyword]
        enum = attributes.get("enum")
        if isinstance(enum, list):
            merged = list(enum)
            for fragment in decl.variant_fragments:  # oneOf/anyOf branches that narrow this key
                extra = fragment.schema.get("enum") if isinstance(fragment.schema, dict) else None
                if isinstance(extra, list):
                    merged.extend(v for v in extra if v not in merged)
            attributes["enum"] = merged
        types = sorted(eff.types() | values.types())
        if types:
            attributes["json_type"] = types
        for directive in ("ui:widget", "ui:autocomplete", "ui:placeholder", "ui:title", "ui:help", "ui:options"):
            value = ui.get(directive)
            if value is not None:
                attributes[directive] = value
        if is_array:
            attributes["multiple"] = True
            for keyword in ("minItems", "maxItems", "uniqueItems"):
                if keyword in eff.keywords:
                    attributes[keyword] = eff.keywords[keyword]
        if repeating:
            attributes["repeating"] = True
        if decl.variant:
            attributes["variant"] = decl.variant
        if decl.key.startswith("view:"):
            attributes["view_only"] = True
        if eff.unresolved:
            attributes["unresolved_ref"] = eff.unresolved
        if len(values.alternatives) > 1:
            attributes["alternatives"] = len(values.alternatives)

    # -- suppression ----------------------------------------------------------------------
    def _suppress_from(self, eff: Effective, logical: str, ui: _UiNode) -> None:
        """x-formlint-ignore met while resolving a node applies to the node as used here."""
        for value, _file_ptr in eff.ignores:
            self._suppress(value, logical)
        marker = ui.get(IGNORE_KEY)
        if marker is not None:
            self._suppress(marker, logical)

    def _suppress(self, value: Any, pointer: str) -> None:
        made = suppression_for(value, pointer, self.facts.notes)
        if made is not None:
            self.suppressions.setdefault((made.pointer or "", made.rules), made)


def suppression_for(value: Any, pointer: str, notes: list[str]) -> Suppression | None:
    """The Suppression an ``x-formlint-ignore`` value asks for (true, "rule, rule" or a list)."""
    if value is True:
        return Suppression(rules=frozenset(), pointer=pointer)
    if isinstance(value, str) and value.strip():
        return Suppression(rules=parse_rules(value), pointer=pointer)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        rules = frozenset(v.strip() for v in value if v.strip())
        return Suppression(rules=rules, pointer=pointer) if rules else None
    if value is not False:
        note = f"{pointer or '/'}: {IGNORE_KEY} must be true, a rule id, or a list of rule ids"
        if note not in notes:
            notes.append(note)
    return None


def file_suppressions(source: JsonSource, root: Any, notes: list[str]) -> list[Suppression]:
    """One Suppression per ``x-formlint-ignore`` in the file, for the pointer of its node."""
    suffix = "/" + IGNORE_KEY
    found: dict[tuple[str, frozenset[str]], Suppression] = {}
    for pointer in source.key_spans:
        if pointer.endswith(suffix):
            ok, value = resolve_pointer(root, pointer)
            made = suppression_for(value, pointer[: -len(suffix)], notes) if ok else None
            if made is not None:
                found.setdefault((made.pointer or "", made.rules), made)
    return list(found.values())


@dataclass(slots=True)
class _UiNode:
    """The uiSchema node (react-jsonschema-form) that mirrors the current data path."""

    node: dict[str, Any] | None
    pointer: str

    def child(self, key: str) -> _UiNode:
        if self.node is not None and isinstance(self.node.get(key), dict):
            return _UiNode(self.node[key], f"{self.pointer}/{escape_pointer_token(key)}")
        return _UiNode(None, "")

    def get(self, directive: str) -> Any:
        if self.node is None:
            return None
        if directive in self.node:
            return self.node[directive]
        options = self.node.get("ui:options")
        if isinstance(options, dict) and directive.startswith("ui:"):
            return options.get(directive[3:])
        return None

    def pointer_of(self, directive: str) -> str | None:
        if self.node is None:
            return None
        if directive in self.node:
            return f"{self.pointer}/{escape_pointer_token(directive)}"
        options = self.node.get("ui:options")
        if isinstance(options, dict) and directive[3:] in options:
            return f"{self.pointer}/ui:options/{escape_pointer_token(directive[3:])}"
        return None

    def text(self, directive: str) -> tuple[str, str] | None:
        value = self.get(directive)
        pointer = self.pointer_of(directive)
        if isinstance(value, str) and value.strip() and pointer is not None:
            return value, pointer
        return None

    def widget(self) -> str | None:
        value = self.get("ui:widget")
        return value.lower() if isinstance(value, str) else None

    def directives(self) -> dict[str, Any]:
        if self.node is None:
            return {}
        found = {k: v for k, v in self.node.items() if k.startswith("ui:")}
        options = self.node.get("ui:options")
        if isinstance(options, dict):
            for key, value in options.items():
                found.setdefault("ui:" + key, value)
        return found

    def order(self, keys: list[str]) -> list[str]:
        """Apply ``ui:order`` (with its "*" wildcard) the way rjsf renders properties."""
        order = self.get("ui:order")
        if not isinstance(order, list) or not all(isinstance(k, str) for k in order):
            return keys
        listed = [k for k in order if k in keys]
        rest = [k for k in keys if k not in listed]
        if "*" in order:
            star = order.index("*")
            before = [k for k in order[:star] if k in keys]
            after = [k for k in order[star + 1 :] if k in keys]
            middle = [k for k in keys if k not in before and k not in after]
            return before + middle + after
        return listed + rest


def _main_alternative(eff: Effective) -> Effective:
    """For a scalar oneOf/anyOf, the node merged with the branch that carries the type.

    GSA FAC schemas write ``oneOf: [{"type": "boolean"}, {"const": "GSA_MIGRATION"}]``: the
    first branch that is not a lone constant describes the field. When every branch is a
    constant the branches are the options and the node stays as it is.
    """
    if "enum" in eff.keywords or not eff.alternatives:
        return eff
    if all(_is_constant(alt) for alt, _ in eff.alternatives):
        return eff
    for alt, _frag in eff.alternatives:
        if not _is_constant(alt):
            merged = Effective(keywords=dict(eff.keywords), sources=dict(eff.sources), alternatives=alt.alternatives)
            for key, value in alt.keywords.items():
                if key not in merged.keywords:
                    merged.keywords[key] = value
                    merged.sources[key] = alt.sources[key]
            return _main_alternative(merged)
    return eff


def _is_constant(alt: Effective) -> bool:
    enum = alt.keywords.get("enum")
    return "const" in alt.keywords or (isinstance(enum, list) and len(enum) == 1)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _enum_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _default_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return _enum_text(value)
