"""How a revision changes a form's time tax: the same form before and after, side by side.

OMB calls burden estimates "often difficult and imprecise in the absolute, but reliable
and consistent measures of change are possible" (GSA's PRA guide): the model that gives
the minutes of one form is at its most useful on two versions of it. For each pair this
module works out the change in estimated minutes (and in each part of the breakdown), the
steps of the submission route dropped or added (a notary, an office visit), the data
elements no longer or newly asked, and whether the form's own burden statement followed.
``formlint burden --compare`` and ``--diff`` build the pairs; the renderers are in
:mod:`formlint.reporters.burden_change`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from formlint.burden_report import BREAKDOWN, FormRow, element_label, hours_a_year, minutes_text

# Changes smaller than this many minutes are rounding, not a revision's effect.
SAME_MINUTES = 0.05
# The estimate moved this much (and at least a minute) while the stated minutes did not:
# the burden statement is probably out of date (5 CFR 1320.8(b)(3)(iii) asks for an
# estimate of the average burden; 44 U.S.C. 3506(c)(1)(A)(iv) for one objectively supported).
STATEMENT_STALE_SHARE = 0.2


@dataclass(frozen=True)
class FormChange:
    """One form before and after (either may be missing: a new or a withdrawn form)."""

    before: FormRow | None
    after: FormRow | None
    before_name: str | None = None  # how to show the old version ("origin/main:forms/a.pdf")
    after_name: str | None = None
    same_place: bool = False  # the same file at two revisions: the new name says it all

    @property
    def name(self) -> str:
        return self.label()

    def label(self, arrow: str = "->") -> str:
        """The form as a reader names it: its current name, or "old -> new" for two files."""
        old, new = self.before_name, self.after_name
        if old is None or new is None or self.same_place:
            return new or old or ""
        return f"{old} {arrow} {new}"

    @property
    def status(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        same = (abs(self.minutes) < SAME_MINUTES and not self.elements_added and not self.elements_removed
                and not self.steps_added and not self.steps_removed and self.before.questions == self.after.questions
                and self.before.stated == self.after.stated)
        return "unchanged" if same else "changed"

    @property
    def minutes_before(self) -> float:
        return self.before.minutes if self.before else 0.0

    @property
    def minutes_after(self) -> float:
        return self.after.minutes if self.after else 0.0

    @property
    def minutes(self) -> float:
        """Estimated minutes per response after minus before (negative: time saved)."""
        return round(self.minutes_after - self.minutes_before, 1)

    @property
    def share(self) -> float | None:
        """The change as a share of the old estimate (None for a new form)."""
        if not self.before or self.before.minutes <= 0:
            return None
        return self.minutes / self.before.minutes

    def breakdown(self) -> dict[str, tuple[float, float]]:
        """Each part of the estimate that changed: (before, after) minutes."""
        old = self.before.breakdown if self.before else {}
        new = self.after.breakdown if self.after else {}
        parts = {}
        for part in BREAKDOWN:
            pair = (round(float(old.get(part, 0.0)), 1), round(float(new.get(part, 0.0)), 1))
            if abs(pair[1] - pair[0]) >= SAME_MINUTES:
                parts[part] = pair
        return parts

    def _steps(self, row: FormRow | None) -> set[str]:
        # "online" and "route not stated" describe the route; only real steps are compared,
        # and only between two versions (a new form's steps are its route, not a change)
        if self.before is None or self.after is None or row is None:
            return set()
        return {s for s in row.steps if s not in ("online", "route not stated")}

    @property
    def steps_removed(self) -> list[str]:
        return sorted(self._steps(self.before) - self._steps(self.after))

    @property
    def steps_added(self) -> list[str]:
        return sorted(self._steps(self.after) - self._steps(self.before))

    @property
    def elements_removed(self) -> list[str]:
        old = set(self.before.elements if self.before else [])
        return sorted(old - set(self.after.elements if self.after else []), key=element_label)

    @property
    def elements_added(self) -> list[str]:
        new = set(self.after.elements if self.after else [])
        return sorted(new - set(self.before.elements if self.before else []), key=element_label)

    def notes(self) -> list[str]:
        """What a forms manager should look at besides the numbers."""
        notes: list[str] = []
        before, after = self.before, self.after
        if before is None or after is None:
            return notes
        moved = abs(self.minutes)
        if (before.stated is not None and after.stated == before.stated and moved >= 1.0
                and moved >= STATEMENT_STALE_SHARE * max(before.minutes, 0.1)):
            notes.append(f"the burden statement still says {minutes_text(after.stated)} min while the estimate "
                         f"went from {minutes_text(before.minutes)} to {minutes_text(after.minutes)}: "
                         "review the statement")
        if before.stated is not None and after.stated is None:
            notes.append("the new version has no burden statement (the old one said "
                         f"{minutes_text(before.stated)} min)")
        if before.omb_number and after.omb_number and before.omb_number != after.omb_number:
            notes.append(f"the OMB control number changed from {before.omb_number} to {after.omb_number}")
        elif before.omb_number and not after.omb_number:
            notes.append(f"the new version no longer shows the OMB control number ({before.omb_number})")
        return notes

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "status": self.status,
            "before": {"path": self.before_name, **self.before.as_dict()} if self.before else None,
            "after": {"path": self.after_name, **self.after.as_dict()} if self.after else None,
            "change": {
                "estimated_minutes": self.minutes, "share": None if self.share is None else round(self.share, 3),
                "breakdown": {part: round(new - old, 1) for part, (old, new) in self.breakdown().items()},
                "questions": _count(self.after, "questions") - _count(self.before, "questions"),
                "words": _count(self.after, "words") - _count(self.before, "words"),
                "steps_removed": self.steps_removed, "steps_added": self.steps_added,
                "elements_removed": self.elements_removed, "elements_added": self.elements_added,
                "notes": self.notes(),
            },
        }


@dataclass
class Comparison:
    """Every form compared, and the files that could not be."""

    changes: list[FormChange] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why): not forms
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    responses: int | None = None  # responses a year, to turn minutes into hours a year

    @property
    def compared(self) -> list[FormChange]:
        """The changed, added and removed forms, the largest change in minutes first."""
        moved = [c for c in self.changes if c.status != "unchanged"]
        return sorted(moved, key=lambda c: (-abs(c.minutes), c.name))

    @property
    def unchanged(self) -> list[FormChange]:
        return [c for c in self.changes if c.status == "unchanged"]

    @property
    def minutes_before(self) -> float:
        return round(sum(c.minutes_before for c in self.changes), 1)

    @property
    def minutes_after(self) -> float:
        return round(sum(c.minutes_after for c in self.changes), 1)

    @property
    def minutes(self) -> float:
        return round(self.minutes_after - self.minutes_before, 1)

    def hours_a_year(self, minutes: float) -> float | None:
        return hours_a_year(minutes, self.responses)

    def increased(self) -> list[FormChange]:
        """What ``--fail-on-increase`` fails on: each form, in both versions, whose estimate
        went up; and, when the total went up, the new forms that added to it. A form
        replaced by a new file (git sees a rewritten PDF as deleted and added) adds nothing
        when the total does not grow."""
        longer = [c for c in self.changes if c.status == "changed" and c.minutes >= SAME_MINUTES]
        if self.minutes >= SAME_MINUTES:
            longer += [c for c in self.changes if c.status == "added" and c.minutes >= SAME_MINUTES]
        return longer


Names = dict[str, tuple[str | None, str | None, bool]]  # key -> (old name, new name, same place)


def pair_rows(before: dict[str, FormRow], after: dict[str, FormRow], names: Names) -> list[FormChange]:
    """Pair the rows of one comparison by key; ``names`` gives each key's shown names."""
    keys: Iterable[str] = sorted(set(before) | set(after))
    return [FormChange(before.get(key), after.get(key), *names.get(key, (key, key, True))) for key in keys]


def _count(row: FormRow | None, name: str) -> int:
    return int(getattr(row, name)) if row is not None else 0
