"""discover files -> read -> run rules -> suppress -> sort.

``lint_paths`` is what the CLI calls; ``lint_file`` is the unit of work, a pure
function of a file's bytes and the settings, so it can run in any process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint.checks.base import Check, NlpNeed, fill_template
# Discovery, results and UsageError live in light modules (a cached run needs only
# them); they are re-exported here, where callers have always found them.
from formlint.discovery import (  # noqa: F401
    CONFIG_JSON,
    REPORT_MARK,
    SKIP_DIRS,
    Target,
    discover,
    display_path,
    is_excluded,
)
from formlint.errors import UsageError  # noqa: F401
from formlint.results import FileResult, RunResult  # noqa: F401
from formlint.config import Config
from formlint.context import CheckContext
from formlint.formfacts import burden_stats
from formlint.language_guess import guess_document_language, reading_language
from formlint.model import (
    Document,
    FieldType,
    Finding,
    Format,
    Location,
    NotAFormError,
    UnreadableError,
)
from formlint.nlp import Nlp, NlpUnavailable, components_for
from formlint.overlaps import keep_the_longest_phrase
from formlint.repeats import drop_tooltip_repeats
from formlint.limits import bounded, out_of_memory_reason
from formlint.readers import read_document, size_limit_error
from formlint.readers.base import ReadOptions
from formlint.rulepacks import Rule, RuleSet, load_rules, selector_matches
from formlint.selection import configured_rule, enabled_rules, ignored_for_path, severity_override
from formlint.text import forget_sentences

if TYPE_CHECKING:
    from formlint.runner import ProgressCallback

DATA_FIELD_TYPES = frozenset(FieldType) - {FieldType.BUTTON, FieldType.HIDDEN}


# -- per-process runtime ------------------------------------------------------


@dataclass
class Runtime:
    """Everything built once per process: rules, their checks, the NLP pipeline."""

    config: Config
    ruleset: RuleSet
    rules: list[Rule]
    #: The check class of each rule (what the NLP needs and the cache key are read from).
    kinds: list[type[Check]]
    nlp: Nlp
    _checks: list[Check] | None = field(default=None, repr=False)
    _word_choice: frozenset[str] | None = field(default=None, repr=False)
    _rewriting: frozenset[str] | None = field(default=None, repr=False)

    @classmethod
    def create(cls, config: Config, ruleset: RuleSet | None = None, rules: list[Rule] | None = None) -> Runtime:
        ruleset = ruleset or load_rules(config.rule_paths)
        if rules is None:
            rules = enabled_rules(config, ruleset, nlp=config.nlp)
        rules = [configured_rule(rule, config, ruleset) for rule in rules]
        kinds = [ruleset.kind_of(rule) for rule in rules]
        needed: set[str] = set()
        for kind in kinds:
            if kind.nlp is not NlpNeed.NONE:
                needed |= kind.nlp_components
        nlp = Nlp(model=config.nlp_model, components=components_for(needed), enabled=config.nlp)
        return cls(config, ruleset, rules, kinds, nlp)

    @property
    def checks(self) -> list[Check]:
        """The rules' checks, set up on first use.

        Setting them up (word lists, compiled patterns) costs about a tenth of a second,
        which a run answered wholly from the cache never needs; a run with files to lint
        builds them in the main process before any worker is forked.
        """
        if self._checks is None:
            self._checks = [kind(rule, rule.params) for kind, rule in zip(self.kinds, self.rules)]
        return self._checks

    @property
    def word_choice_rules(self) -> frozenset[str]:
        """The rules whose nested or equal phrases are reported once (formlint.overlaps)."""
        if self._word_choice is None:
            self._word_choice = frozenset(c.rule.id for c in self.checks if c.options.get("word-choice") is True)
        return self._word_choice

    @property
    def rewriting_rules(self) -> frozenset[str]:
        """The rules whose rewrite replaces all the words they flag (formlint.overlaps)."""
        if self._rewriting is None:
            self._rewriting = frozenset(c.rule.id for c in self.checks if c.rewrites_its_phrase)
        return self._rewriting

    def read_options(self) -> ReadOptions:
        return ReadOptions(
            deep=self.config.deep,
            max_text_bytes=int(self.config.max_file_size_mb * 1_048_576),
            max_pdf_bytes=int(self.config.max_pdf_size_mb * 1_048_576),
            max_pdf_decoded_bytes=int(self.config.max_memory_mb * 1_048_576 / 2),
        )


def nlp_required(runtime: Runtime) -> bool:
    return any(kind.nlp is NlpNeed.REQUIRED for kind in runtime.kinds)


# -- linting one file ---------------------------------------------------------


def lint_file(target: Target, runtime: Runtime) -> FileResult:
    try:
        # A file over the size limit is refused before its bytes are read into memory.
        refused = size_limit_error(target.path.stat().st_size, target.format, runtime.read_options())
        if refused:
            return _io_result(target, runtime, refused)
        data = target.path.read_bytes()
    except OSError as error:
        return _io_result(target, runtime, f"cannot read the file: {error.strerror or error}")
    return lint_bytes(data, target, runtime)


def lint_bytes(data: bytes, target: Target, runtime: Runtime) -> FileResult:
    try:
        doc = read_document(data, target.display, target.format, runtime.read_options())
    except NotAFormError as error:
        return FileResult(target.display, target.format, stats={"skipped": str(error)}, skipped=str(error))
    except UnreadableError as error:
        return _io_result(target, runtime, str(error), specific=error.rule_id)
    except RecursionError:
        return _io_result(target, runtime, "the file is nested too deeply to read")
    except MemoryError:
        return _io_result(target, runtime, out_of_memory_reason(runtime.config.max_memory_mb))
    except Exception as error:  # a reader bug must not stop the run over the other files
        if os.environ.get("FORMLINT_DEBUG"):
            raise
        return _io_result(target, runtime, f"the {target.format.value} reader failed: {type(error).__name__}: {error}")
    return lint_document(doc, runtime)


def lint_document(doc: Document, runtime: Runtime) -> FileResult:
    ctx = CheckContext(config=runtime.config, nlp=runtime.nlp)
    ignored = ignored_for_path(doc.path, runtime.config)
    runtime.nlp.begin_document(doc.path)
    doc.text_language = guess_document_language(doc)
    language = reading_language(doc)
    # Why a Spanish notice gets no English word-list findings: the language the rules read
    # the text as (declared, or told from the text; None: neither, so English).
    ctx.stats["language"] = language
    findings: list[Finding] = []
    for check in runtime.checks:
        rule = check.rule
        if not rule.applies_to_format(doc.format) or any(selector_matches(s, rule) for s in ignored):
            continue
        if not rule.applies_to_language(language):
            continue  # an English word list or grade formula says nothing useful about a Spanish form
        if rule.tier == "deep" and not runtime.config.deep:
            continue
        if rule.profile is not None and rule.profile != runtime.config.profile:
            continue  # a design-system rule of the other profile (uswds | govuk)
        try:
            produced = list(check.run(doc, ctx))
        except NlpUnavailable:
            raise
        except MemoryError:
            reason = out_of_memory_reason(runtime.config.max_memory_mb)
            findings.extend(_io_result(Target(Path(doc.path), doc.path, doc.format), runtime, reason).findings)
            continue
        except Exception as error:  # a check bug must not stop the run over the other files
            if os.environ.get("FORMLINT_DEBUG"):
                raise
            reason = f"rule {rule.id} failed on this file: {type(error).__name__}: {error}"
            findings.extend(_io_result(Target(Path(doc.path), doc.path, doc.format), runtime, reason).findings)
            continue
        for finding in produced:
            if any(s.covers(finding.rule, finding.location) for s in doc.suppressions):
                continue
            override = severity_override(rule.id, rule, runtime.config)
            if override is not None:
                finding.severity = override
            findings.append(bounded(finding))
    findings = keep_the_longest_phrase(findings, runtime.word_choice_rules, runtime.rewriting_rules)
    findings = drop_tooltip_repeats(findings)
    findings.sort(key=Finding.sort_key)
    runtime.nlp.end_document()
    forget_sentences()
    valid_until = ctx.valid_until.isoformat() if ctx.valid_until is not None else None
    return FileResult(doc.path, doc.format, stats=document_stats(doc, ctx), findings=findings,
                      valid_until=valid_until)


def document_stats(doc: Document, ctx: CheckContext) -> dict[str, Any]:
    stats: dict[str, Any] = {
        "pages": doc.page_count,
        "words": doc.word_count(),
        "fields": sum(1 for f in doc.fields if f.type in DATA_FIELD_TYPES),
        "grade": None,
        "burden_minutes": None,
        "stated_burden_minutes": None,
    }
    stats.update(burden_stats(doc, ctx))
    stats.update(ctx.stats)
    return stats


def io_finding(runtime: Runtime, path: str, rule_id: str = "io/unreadable", **values: str) -> Finding | None:
    """A finding of an ``io/*`` rule. These are reported even when ``select`` leaves them
    out, so that every file is accounted for; only an explicit ``ignore`` hides them."""
    rule = runtime.ruleset.get(rule_id)
    return _not_checked(rule, runtime, path, values)


def _not_checked(rule: Rule | None, runtime: Runtime, path: str, values: dict[str, str]) -> Finding | None:
    if rule is None or any(selector_matches(s, rule) for s in runtime.config.ignore):
        return None
    severity = severity_override(rule.id, rule, runtime.config) or rule.severity
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=severity,
        message=fill_template(rule.message, values),
        location=Location(path),
        text=None,
        fingerprint_text=values.get("reason"),
    )


def _io_result(target: Target, runtime: Runtime, reason: str, specific: str | None = None) -> FileResult:
    """One finding saying the file was not checked: by ``specific`` (e.g.
    a11y/pdf-password-required) when that rule is enabled for this file, else by
    io/unreadable."""
    rule = _enabled_for(specific, target.display, runtime) if specific else None
    result = FileResult(target.display, target.format, stats={"unreadable": reason})
    finding = _not_checked(rule or runtime.ruleset.get("io/unreadable"), runtime, target.display, {"reason": reason})
    if finding is not None:
        result.findings.append(finding)
    return result


def _enabled_for(rule_id: str, display: str, runtime: Runtime) -> Rule | None:
    rule = next((r for r in runtime.rules if r.id == rule_id), None)
    if rule is None or any(selector_matches(s, rule) for s in ignored_for_path(display, runtime.config)):
        return None
    return rule


# -- running many files -------------------------------------------------------

def lint_targets(targets: list[Target], runtime: Runtime, jobs: int = 1,
                 timeout: float | None = None, on_result: ProgressCallback | None = None) -> list[FileResult]:
    """Lint files in order (see formlint.runner for workers, time limits and ``on_result``)."""
    from formlint.runner import run_targets

    return run_targets(targets, runtime, jobs=jobs, timeout=timeout, on_result=on_result)


def lint_paths(paths: Iterable[str | Path], config: Config, jobs: int = 1,
               runtime: Runtime | None = None) -> RunResult:
    runtime = runtime or Runtime.create(config)
    targets = discover(paths, config.exclude)
    results = lint_targets(targets, runtime, jobs=jobs, timeout=config.timeout)
    return RunResult(files=results, rules=runtime.ruleset, enabled=runtime.rules)


def lint_text(text: str, fmt: Format, runtime: Runtime, path: str = "<example>") -> FileResult:
    """Lint an in-memory snippet (rule examples, tests)."""
    target = Target(Path(path), path, fmt)
    return lint_bytes(text.encode("utf-8"), target, runtime)
