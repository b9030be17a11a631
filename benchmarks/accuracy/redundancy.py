"""Duplicate and derivable findings on the labelled forms against hand-judged truth.

    python benchmarks/accuracy/redundancy.py [--verbose]

The forms are those of field_labels.tsv and heldout_labels.tsv plus VA 21-22-AND-21-22A;
benchmarks/accuracy/findings_truth.tsv lists the burden/duplicate-field and
burden/derivable-field findings a careful reviewer expects (a form without rows expects
none). Prints precision and recall per rule and for both together.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, when run as a script
from benchmarks.accuracy.common import corpus_dir, ratio, read_tsv  # noqa: E402
from formlint.config import Config  # noqa: E402
from formlint.engine import Runtime, Target, lint_file  # noqa: E402
from formlint.readers import format_for  # noqa: E402
from formlint.readers.json_positions import escape_pointer_token, resolve_pointer, split_pointer  # noqa: E402
from formlint.rulepacks import load_rules  # noqa: E402

RULES = ("burden/duplicate-field", "burden/derivable-field")
EXTRA_FORMS = ("jsonschema/va-21-22-AND-21-22A-schema.json",)


def forms() -> list[str]:
    names: dict[str, None] = {}
    for labels in ("field_labels.tsv", "heldout_labels.tsv"):
        for row in read_tsv(labels):
            names.setdefault(row["form"], None)
    for name in EXTRA_FORMS:
        names.setdefault(name, None)
    return list(names)


def place(schema: Any, pointer: str) -> str:
    """Where a JSON-schema field is defined: a pointer through ``$ref`` names the shared
    definition ("#/definitions/address/properties/city"), which is one place to fix however
    many people's addresses use it (burden/derivable-field reports it once, there)."""
    parts = split_pointer(pointer)
    if "$ref" not in parts:
        return pointer
    node, target, rest = schema, pointer, parts
    for index, part in enumerate(parts):
        if part == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target, rest = node["$ref"], parts[index + 1:]
            found, node = resolve_pointer(schema, target.removeprefix("#"))
        else:
            found, node = resolve_pointer(node, "/" + escape_pointer_token(part))
        if not found:
            return pointer  # not a path in this schema: keep it as it is
    return "/".join([target, *map(escape_pointer_token, rest)])


def run(corpus: Path) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(expected, found) sets of (form, rule, field); a JSON-schema field is named by the
    place it is defined (see ``place``)."""
    schemas: dict[str, Any] = {}

    def where(form: str, field: str) -> str:
        if not form.endswith(".json") or not field.startswith("/"):
            return field
        if form not in schemas:
            schemas[form] = json.loads((corpus / form).read_text(encoding="utf-8"))
        return place(schemas[form], field)

    expected = {(r["form"], r["rule"], where(r["form"], r["field"])) for r in read_tsv("findings_truth.tsv")}
    ruleset = load_rules()
    runtime = Runtime.create(Config(select=RULES, nlp=False), ruleset, [ruleset.rules[r] for r in RULES])
    found: set[tuple[str, str, str]] = set()
    for form in forms():
        path = corpus / form
        fmt = format_for(path)
        assert fmt is not None
        result = lint_file(Target(path, form, fmt), runtime)
        for finding in result.findings:
            if finding.rule in RULES:
                field = finding.location.pointer or finding.location.field or ""
                found.add((form, finding.rule, where(form, field)))
    return expected, found


def scores(expected: set[tuple[str, str, str]], found: set[tuple[str, str, str]], rule: str | None = None) -> str:
    if rule is not None:
        expected = {e for e in expected if e[1] == rule}
        found = {f for f in found if f[1] == rule}
    hits = len(expected & found)
    return (f"precision {ratio(hits, len(found)):.3f} ({hits}/{len(found)}), "
            f"recall {ratio(hits, len(expected)):.3f} ({hits}/{len(expected)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list missed and unexpected findings")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("skipped: ../shared/corpus is not there (set FORMLINT_CORPUS)")
        return 0
    expected, found = run(corpus)
    print(f"{len(forms())} labelled forms")
    for rule in RULES:
        print(f"{rule}: {scores(expected, found, rule)}")
    print(f"duplicate + derivable: {scores(expected, found)}")
    if args.verbose:
        for item in sorted(expected - found):
            print("  missed:    ", " | ".join(item))
        for item in sorted(found - expected):
            print("  unexpected:", " | ".join(item))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
