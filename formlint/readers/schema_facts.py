"""Facts about a JSON form definition that only the JSON-schema checks need.

They hang off ``Document.schema``. A check that wants more than the generic Field /
TextBlock model (the resolved schema of a field, where a pointer is in the file, which
``$ref`` could not be followed) looks here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from formlint.readers.json_positions import JsonSource, Position

FLAVOUR_JSON_SCHEMA = "json-schema"  # a JSON Schema (draft-04 .. 2020-12) of a form's data
FLAVOUR_RJSF = "rjsf"  # a react-jsonschema-form bundle: {"schema": ..., "uiSchema": ...}
FLAVOUR_MDCT = "mdct"  # a CMS MDCT report template: {"routes": [{"form": {"fields": [...]}}]}


@dataclass(frozen=True, slots=True)
class RefIssue:
    """A ``$ref`` the reader did not (fully) follow.

    ``pointer`` is where it was met (the logical pointer, see ``FieldSchema.field_id``);
    ``reason`` is one of "external" (another file or URL: never fetched), "not-found",
    "cycle" (the target is already being expanded on this path), "depth-limit".
    """

    pointer: str
    ref: str
    reason: str


@dataclass(slots=True)
class FieldSchema:
    """The schema behind one Field.

    ``field_id`` is the Field's id: the JSON pointer of the property declaration. When the
    declaration was reached through a ``$ref``, the pointer goes through "$ref" the way
    JSON Schema output's ``keywordLocation`` does, e.g.
    ``/properties/veteranFullName/$ref/properties/first``; everything up to "/$ref" is a
    real pointer in the file. ``declared_at`` is the real file pointer of the property
    (``/definitions/fullName/properties/first``).
    ``schema`` is the resolved schema: ``$ref`` targets and ``allOf`` parts merged into one
    dict (the outermost value wins for each keyword), structural keywords dropped.
    """

    field_id: str
    declared_at: str
    schema: dict[str, Any]
    refs: tuple[str, ...] = ()
    ui: dict[str, Any] = field(default_factory=dict)
    variant: str | None = None
    conditional: bool = False
    repeating: bool = False


@dataclass(slots=True)
class SchemaFacts:
    """Everything the reader learned about a JSON form definition."""

    root: Any
    flavour: str
    source: JsonSource  # the pointer -> position map (and the text)
    schema_pointer: str = ""  # where the JSON Schema sits in the file ("/schema" in an rjsf bundle)
    dialect: str | None = None  # the "$schema" URI, if any
    definitions: dict[str, Any] = field(default_factory=dict)  # "#/definitions/ssn" -> schema
    ui_schema: Any | None = None
    external_refs: list[RefIssue] = field(default_factory=list)
    unresolved_refs: list[RefIssue] = field(default_factory=list)  # not found, depth limit
    cycles: list[RefIssue] = field(default_factory=list)
    field_schemas: dict[str, FieldSchema] = field(default_factory=dict)  # Field.id -> schema
    used_definitions: set[str] = field(default_factory=set)
    truncated: str | None = None  # why the reader stopped early (field or size limit)
    notes: list[str] = field(default_factory=list)

    @property
    def unused_definitions(self) -> list[str]:
        """Definitions that no ``$ref`` reached (dead schema, never shown to anyone)."""
        return sorted(name for name in self.definitions if name not in self.used_definitions)

    def position(self, pointer: str) -> Position | None:
        """Line and column of the value at a real file pointer (and of its key)."""
        return self.source.position(pointer)

    def file_pointer(self, field_id: str) -> str:
        """The real file pointer of a field (``declared_at``), or the id itself."""
        record = self.field_schemas.get(field_id)
        return record.declared_at if record else field_id
