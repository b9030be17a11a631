"""PRA / Privacy Act / SSN facts and findings of every corpus PDF against hand-recorded truth.

    python benchmarks/accuracy/pdf_statements.py [--verbose]

benchmarks/accuracy/pdf_statements.tsv records, for every fillable and flat PDF of
../shared/corpus, what a person reading the PDF finds: the OMB control number, the
expiration date, the burden statement and its minutes, the Privacy Act statement, and
whether it asks for a Social Security number. This script runs formlint on each file and
prints two agreements:

* facts: formlint's JSON stats (``pra``, ``stated_burden_minutes``, the SSN element) against
  each recorded fact;
* findings: the burden rules that fired against the rules that should fire given the
  truth: pra-omb-number-missing, pra-expiration-missing (when a number is shown),
  pra-burden-statement-missing, pra-display-statement-missing (where the form prints its own
  notice), privacy-act-statement-missing, ssn-request, and pra-expired
  (the recorded expiration date has passed, or comes within the rule's 120 days, on the day of
  the run). They apply to forms only (fillable or print-only), not to instructions or articles.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, when run as a script
from benchmarks.accuracy.common import corpus_dir, read_tsv  # noqa: E402
from formlint.config import Config  # noqa: E402
from formlint.engine import FileResult, Runtime, Target, lint_file  # noqa: E402
from formlint.model import Format  # noqa: E402
from formlint.rulepacks import load_rules  # noqa: E402

RULES = {
    "omb": "burden/pra-omb-number-missing",
    "expiration": "burden/pra-expiration-missing",
    "burden": "burden/pra-burden-statement-missing",
    "privacy": "burden/privacy-act-statement-missing",
    "ssn": "burden/ssn-request",
    "expired": "burden/pra-expired",
    "display": "burden/pra-display-statement-missing",
}
RENEW_DAYS = 120  # rules/burden/pra-expired.yaml
FACTS = ("form", "omb", "expiration", "burden", "display", "privacy_act", "asks_ssn")


@dataclass
class Outcome:
    file: str
    facts: dict[str, tuple[str, str]]  # fact -> (truth, formlint)
    findings: dict[str, tuple[bool, bool]]  # rule -> (expected, fired)

    @property
    def facts_agree(self) -> bool:
        return all(_same(name, a, b) for name, (a, b) in self.facts.items())

    @property
    def findings_agree(self) -> bool:
        return all(a == b for a, b in self.findings.values())


def _date(value: str) -> str:
    """'04-30-2025' and '04/30/2025' are the same date."""
    return re.sub(r"[\s./-]+", "/", value.strip())


def _same(name: str, truth: str, found: str) -> bool:
    if name == "expiration":
        return _date(truth) == _date(found)
    if name == "burden" and truth not in ("-", "referenced") and found not in ("-", "referenced"):
        return abs(float(truth) - float(found)) < 0.51
    return truth == found


def expected_findings(row: dict[str, str]) -> dict[str, bool]:
    form = row["form"] == "yes"
    pra = form and row["pra_exempt"] != "yes"
    return {
        RULES["omb"]: pra and row["omb"] == "-",
        RULES["expiration"]: pra and row["omb"] != "-" and row["expiration"] == "-",
        RULES["burden"]: pra and row["burden"] == "-",
        RULES["privacy"]: form and row["personal"] == "yes" and row["privacy_act"] == "absent",
        RULES["ssn"]: form and row["asks_ssn"] == "yes",
        # The sentence is looked for in a notice the form prints itself (number and minutes).
        RULES["display"]: pra and row["omb"] != "-" and row["burden"] not in ("-", "referenced")
        and row["display"] == "no",
        RULES["expired"]: form and row["omb"] != "-" and row["expiration"] != "-"
        and _recorded_day(row["expiration"]) - timedelta(days=RENEW_DAYS) < date.today(),
    }


def _recorded_day(value: str) -> date:
    """A recorded expiration date: month, day and year ("04-30-2025", "04/30/2024")."""
    month, day, year = (int(part) for part in re.split(r"[\s./-]+", value.strip()))
    return date(year, month, day)


def formlint_facts(result: FileResult) -> dict[str, str]:
    stats = result.stats
    pra = stats.get("pra") or {}
    stated = stats.get("stated_burden_minutes")
    if stated is not None:
        burden = f"{stated:g}"
    elif pra.get("burden_statement") == "referenced":
        burden = "referenced"
    else:
        burden = "-"
    elements = {row["element"] for row in stats.get("data_elements", [])}
    return {
        "form": "yes" if stats.get("form") in ("form", "flat-form") else "no",
        "omb": pra.get("omb_number") or "-",
        "expiration": pra.get("expiration") or "-",
        "burden": burden,
        "display": "yes" if pra.get("display_statement") else "no",
        "privacy_act": pra.get("privacy_act") or "absent",
        "asks_ssn": "yes" if elements & {"ssn", "itin", "tin"} else "no",
    }


def run(corpus: Path) -> list[Outcome]:
    config = Config(select=("burden",), nlp=False)
    ruleset = load_rules()
    rules = [r for r in ruleset if r.id.startswith("burden/")]
    runtime = Runtime.create(config, ruleset, rules)
    outcomes = []
    for row in read_tsv("pdf_statements.tsv"):
        path = corpus / row["file"]
        result = lint_file(Target(path, row["file"], Format.PDF), runtime)
        found = formlint_facts(result)
        fired = {f.rule for f in result.findings}
        expected = expected_findings(row)
        outcomes.append(Outcome(
            file=row["file"],
            facts={name: (row[name], found[name]) for name in FACTS},
            findings={rule: (want, rule in fired) for rule, want in expected.items()},
        ))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every fact and finding that disagrees")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None:
        print("skipped: ../shared/corpus is not there (set FORMLINT_CORPUS)")
        return 0
    outcomes = run(corpus)
    print(f"{'file':56} {'facts':>6} {'findings':>8}")
    for outcome in outcomes:
        print(f"{outcome.file:56} {'ok' if outcome.facts_agree else 'DIFF':>6} "
              f"{'ok' if outcome.findings_agree else 'DIFF':>8}")
        if args.verbose:
            for name, (truth, found) in outcome.facts.items():
                if not _same(name, truth, found):
                    print(f"    fact {name}: recorded {truth!r}, formlint {found!r}")
            for rule, (want, fired) in outcome.findings.items():
                if want != fired:
                    print(f"    {rule}: expected {'a finding' if want else 'none'}, formlint {'fired' if fired else 'silent'}")
    total = len(outcomes)
    facts = sum(o.facts_agree for o in outcomes)
    findings = sum(o.findings_agree for o in outcomes)
    per_fact = {name: sum(_same(name, *o.facts[name]) for o in outcomes) for name in FACTS}
    per_rule = {rule: sum(o.findings[rule][0] == o.findings[rule][1] for o in outcomes) for rule in RULES.values()}
    print(f"findings agree on {findings}/{total} files; facts agree on {facts}/{total} files")
    print("facts: " + ", ".join(f"{name} {n}/{total}" for name, n in per_fact.items()))
    print("rules: " + ", ".join(f"{rule.split('/')[1]} {n}/{total}" for rule, n in per_rule.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
