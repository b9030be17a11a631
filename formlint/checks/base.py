"""The base class of every rule kind, and how a kind declares its parameters.

A rule in ``rules/`` is data; its ``kind`` names a Check subclass here. The class says
which parameters it takes (validated when the rule loads) and whether it needs the
spaCy model. ``run`` gets a Document and yields Findings through ``self.finding``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from formlint.model import (
    Document,
    Field,
    Finding,
    Fix,
    Location,
    Role,
    Severity,
    TextBlock,
    PROSE_ROLES,
)
from formlint.office_use import office_use_blocks

if TYPE_CHECKING:
    from formlint.context import CheckContext
    from formlint.rulepacks import Rule

_MISSING = object()


class NlpNeed(str, Enum):
    NONE = "none"  # never uses spaCy
    OPTIONAL = "optional"  # better with spaCy; runs a safe subset with --no-nlp
    REQUIRED = "required"  # cannot run without spaCy: skipped by --no-nlp


class ParamError(ValueError):
    pass


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its type, default and a one-line description."""

    type: type | tuple[type, ...]
    default: Any = _MISSING
    help: str = ""
    choices: tuple[Any, ...] | None = None
    is_path: bool = False  # a data file, relative to the rule's YAML file
    convert: Callable[[Any], Any] | None = None

    @property
    def required(self) -> bool:
        return self.default is _MISSING


# What each applies-to word selects.
APPLIES_TO_ROLES: dict[str, frozenset[Role]] = {
    "prose": PROSE_ROLES,
    "labels": frozenset({Role.LABEL}),
    "hints": frozenset({Role.HINT}),
    "options": frozenset({Role.OPTION}),
}
APPLIES_TO = frozenset(APPLIES_TO_ROLES) | {"fields", "document"}


class Check:
    """Base class of rule kinds. Subclasses set ``kind`` and ``params`` and implement ``run``."""

    kind: ClassVar[str] = ""
    params: ClassVar[dict[str, Param]] = {}
    nlp: ClassVar[NlpNeed] = NlpNeed.NONE
    #: spaCy components the kind needs when NLP is on (tok2vec is added automatically).
    nlp_components: ClassVar[frozenset[str]] = frozenset()
    #: Its suggestion replaces every word it flags, so a word-choice finding inside them
    #: would give contrary advice and is dropped (formlint.overlaps).
    rewrites_its_phrase: ClassVar[bool] = False

    def __init__(self, rule: Rule, params: dict[str, Any]) -> None:
        self.rule = rule
        self.options = params
        self.setup()

    def setup(self) -> None:
        """Prepare data once per process (compile patterns, load word lists)."""

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------

    def blocks(self, doc: Document) -> Iterator[TextBlock]:
        """The blocks of the roles the rule applies to, without the staff's part of a page
        (formlint.office_use: below "do not write below this line") and without a part in a
        language the rule cannot read (a ``<section lang="es">`` of an English page)."""
        roles: set[Role] = set()
        for word in self.rule.applies_to:
            roles |= APPLIES_TO_ROLES.get(word, frozenset())
        staff = office_use_blocks(doc)
        for block in doc.blocks:
            if block.role in roles and id(block) not in staff and \
                    (block.language is None or self.rule.applies_to_language(block.language)):
                yield block

    def finding(
        self,
        location: Location,
        *,
        severity: Severity | None = None,
        text: str | None = None,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        context: str | None = None,
        message: str | None = None,
        fingerprint: str | None = None,
        **values: Any,
    ) -> Finding:
        """Build a Finding of this rule; ``values`` fill the rule's message template."""
        suggestions = [s for s in suggestions if s]
        values.setdefault("match", text or "")
        values.setdefault("suggestion", suggestions[0] if suggestions else "")
        values.setdefault("suggestions", ", ".join(f'"{s}"' for s in suggestions))
        template = message if message is not None else self.rule.message
        return Finding(
            rule=self.rule.id,
            category=self.rule.category,
            severity=severity or self.rule.severity,
            message=fill_template(template, values),
            location=location,
            text=text,
            suggestions=suggestions,
            fix=fix,
            context=context,
            fingerprint_text=fingerprint or text,
        )

    def span_finding(
        self,
        block: TextBlock,
        start: int,
        end: int,
        *,
        sentence: tuple[int, int] | None = None,
        **kwargs: Any,
    ) -> Finding:
        """A Finding on ``block.text[start:end]``, with its sentence as context."""
        text = block.text[start:end]
        context = block.text[sentence[0]:sentence[1]] if sentence else block.text
        kwargs.setdefault("text", text)
        found = self.finding(block.location_at(start, end), context=context, **kwargs)
        offset = sentence[0] if sentence else 0
        if found.text == text and 0 <= start - offset <= end - offset <= len(context):
            found.context_span = (start - offset, end - offset)  # lets reports mark this exact occurrence
        found.block_span = (id(block), start, end)
        return found

    def field_finding(self, fld: Field, **kwargs: Any) -> Finding:
        kwargs.setdefault("text", fld.name)
        kwargs.setdefault("field", fld.name)
        kwargs.setdefault("fingerprint", fld.id)
        return self.finding(fld.location, **kwargs)


class _Formatter(string.Formatter):
    """A template formatter that leaves unknown ``{names}`` as they are."""

    def get_value(self, key: int | str, args: Any, kwargs: dict[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)


_FORMATTER = _Formatter()


def fill_template(template: str, values: dict[str, Any]) -> str:
    try:
        return _FORMATTER.format(template, **values)
    except (ValueError, IndexError):
        return template


def validate_params(kind: type[Check], raw: dict[str, Any], base_dir: Path, where: str) -> dict[str, Any]:
    """Check a rule's params against its kind's declaration; resolve data paths."""
    result: dict[str, Any] = {}
    unknown = sorted(set(raw) - set(kind.params))
    if unknown:
        allowed = ", ".join(sorted(kind.params)) or "none"
        raise ParamError(f"{where}: unknown parameter {unknown[0]!r} for kind {kind.kind!r} (allowed: {allowed})")
    for name, spec in kind.params.items():
        if name in raw:
            value = raw[name]
        elif spec.required:
            raise ParamError(f"{where}: parameter {name!r} is required by kind {kind.kind!r}")
        else:
            value = spec.default
        if value is not None and not isinstance(value, spec.type):
            expected = spec.type.__name__ if isinstance(spec.type, type) else "/".join(t.__name__ for t in spec.type)
            raise ParamError(f"{where}: parameter {name!r} must be {expected}, not {type(value).__name__}")
        if spec.choices is not None and value not in spec.choices:
            raise ParamError(f"{where}: parameter {name!r} must be one of {', '.join(map(str, spec.choices))}")
        if spec.is_path and value is not None:
            path = (base_dir / value).resolve()
            if not path.is_file():
                raise ParamError(f"{where}: data file {value!r} not found (looked in {base_dir})")
            value = path
        if spec.convert is not None and value is not None:
            try:
                value = spec.convert(value)
            except (ValueError, TypeError) as error:
                raise ParamError(f"{where}: parameter {name!r}: {error}") from None
        result[name] = value
    return result


@dataclass
class Registry:
    """Rule kinds by name: the built-in ones and those from the ``formlint.kinds`` entry point."""

    kinds: dict[str, type[Check]] = field(default_factory=dict)

    def add(self, cls: type[Check]) -> type[Check]:
        if not cls.kind:
            raise ValueError(f"{cls.__name__} has no kind name")
        if cls.kind in self.kinds and self.kinds[cls.kind] is not cls:
            raise ValueError(f"two classes claim the rule kind {cls.kind!r}")
        self.kinds[cls.kind] = cls
        return cls

    def get(self, name: str) -> type[Check] | None:
        return self.kinds.get(name)


REGISTRY = Registry()


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: make a kind available to rules."""
    return REGISTRY.add(cls)
