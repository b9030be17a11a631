"""Baselines: adopt formlint on a legacy repository and fail only on new problems.

``formlint baseline PATH... -o .formlint-baseline.json`` records today's findings by
fingerprint (formlint.fingerprints: rule + path + normalised subject, no line numbers)
with a count for each, so the same word flagged twice in a file is two entries' worth.
``formlint check --baseline FILE`` (or ``baseline = "..."`` in the configuration) then
hides up to that many findings per fingerprint, in document order, and reports the rest:
a third "utilize" added to a file with two baselined ones is reported.

Paths in the file are relative to the baseline file's folder, so the same baseline
works from any working directory. The file is sorted JSON for readable diffs.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formlint import __version__
from formlint.errors import UsageError
from formlint.results import FileResult
from formlint.fingerprints import fingerprint

FORMAT = 1
DEFAULT_NAME = ".formlint-baseline.json"


def _relative(display: str, base: Path, cwd: Path) -> str:
    """A finding's display path (relative to ``cwd``) made relative to ``base``."""
    absolute = (cwd / display).resolve()
    return Path(os.path.relpath(absolute, base)).as_posix()


@dataclass
class Baseline:
    path: Path
    counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (path, rule, fingerprint) -> n

    @property
    def base(self) -> Path:
        return self.path.resolve().parent

    @classmethod
    def from_results(cls, path: Path, results: list[FileResult], cwd: Path | None = None) -> Baseline:
        cwd = cwd or Path.cwd()
        baseline = cls(path)
        for result in results:
            rel = _relative(result.path, baseline.base, cwd)
            for finding in result.findings:
                baseline.counts[(rel, finding.rule, fingerprint(finding, rel))] += 1
        return baseline

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"baseline file {path} not found (create it with `formlint baseline PATH... -o {path}`)")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read baseline file {path}: {error}") from None
        except ValueError as error:
            raise UsageError(f"baseline file {path} is not valid JSON: {error}") from None
        if not isinstance(data, dict) or data.get("baseline") != FORMAT or not isinstance(data.get("findings"), list):
            raise UsageError(f"{path} is not a formlint baseline (format {FORMAT}); "
                             "recreate it with `formlint baseline`")
        baseline = cls(path)
        for entry in data["findings"]:
            try:
                key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
                count = int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise UsageError(f"{path}: a baseline entry needs path, rule, fingerprint and count: "
                                 f"{entry!r}") from None
            baseline.counts[key] += max(count, 0)
        return baseline

    def to_json(self, messages: dict[tuple[str, str, str], str] | None = None) -> str:
        entries: list[dict[str, Any]] = []
        for (rel, rule, print_), count in sorted(self.counts.items()):
            entry: dict[str, Any] = {"path": rel, "rule": rule, "fingerprint": print_, "count": count}
            if messages and (rel, rule, print_) in messages:
                entry["message"] = messages[(rel, rule, print_)]  # for people reading the file
            entries.append(entry)
        data = {"formlint": __version__, "baseline": FORMAT, "findings": entries}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def write(self, results: list[FileResult], cwd: Path | None = None) -> None:
        cwd = cwd or Path.cwd()
        messages: dict[tuple[str, str, str], str] = {}
        for result in results:
            rel = _relative(result.path, self.base, cwd)
            for finding in result.findings:
                messages.setdefault((rel, finding.rule, fingerprint(finding, rel)), finding.message)
        text = self.to_json(messages)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(self.path)
        except OSError as error:
            raise UsageError(f"cannot write {self.path}: {error.strerror or error}") from None

    def apply(self, results: list[FileResult], cwd: Path | None = None, stat: str = "baselined") -> int:
        """Remove baselined findings from ``results`` in place; returns how many were hidden.

        Each file's ``stats`` gains ``stat`` (the number hidden) when it is not zero.
        """
        cwd = cwd or Path.cwd()
        hidden_total = 0
        for result in results:
            rel = _relative(result.path, self.base, cwd)
            left: Counter[tuple[str, str, str]] = Counter()
            kept = []
            hidden = 0
            for finding in result.findings:
                key = (rel, finding.rule, fingerprint(finding, rel))
                if left[key] < self.counts.get(key, 0):
                    left[key] += 1
                    hidden += 1
                    continue
                kept.append(finding)
            if hidden:
                result.findings = kept
                result.stats[stat] = hidden
                hidden_total += hidden
        return hidden_total

    def __len__(self) -> int:
        return sum(self.counts.values())
