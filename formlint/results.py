"""What a run produces: one FileResult per file, and the RunResult the reporters read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from formlint.model import Finding, Format, Severity

if TYPE_CHECKING:
    from formlint.rulepacks import Rule


@dataclass
class FileResult:
    path: str
    format: Format | None
    stats: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None
    #: True when the result says more about this run than about the file (a timeout, a
    #: crashed worker): never cached.
    transient: bool = False
    #: The first day (YYYY-MM-DD) on which the findings may change although the file has not
    #: (an OMB approval it prints expires): the cache does not serve the result from then on.
    valid_until: str | None = None


@dataclass
class RunResult:
    files: list[FileResult]
    rules: Iterable[Rule]  # every loaded rule (a RuleSet); empty when a cached run never loaded them
    enabled: list[Rule]
    baselined: int = 0  # findings hidden because the baseline lists them
    preexisting: int = 0  # --only-new: findings hidden because the file had them at the --diff revision
    since: str | None = None  # that revision

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    def worst(self) -> Severity | None:
        severities = [f.severity for f in self.findings]
        return max(severities) if severities else None
