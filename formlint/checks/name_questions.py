"""The ``maiden-name`` rule kind: a field whose question is a "maiden name".

The question assumes the person is a woman who took a spouse's name at marriage. USWDS's
name pattern and GOV.UK ask for previous names ("Have you used any other names?")
instead. Only a field whose question *is* the maiden name is reported (a label such as
"Maiden name" or "Mother's maiden name", or a schema key ``maiden``/``maidenName``): a
question about other names that lists "maiden name" among its examples ("Provide all other
names you have used, including aliases, maiden name, and nicknames") already asks the
right way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from formlint.checks.base import register
from formlint.checks.burden import FORMAT_SEVERITY, BurdenCheck
from formlint.classify import leaf_key
from formlint.context import CheckContext
from formlint.model import Document, Finding

#: A label that is the maiden-name question, optionally whose ("Mother's maiden name").
_LABEL = re.compile(r"^(?:(?:your|their|his|her|mother'?s|father'?s|spouse'?s|applicant'?s)\s+)?maiden(?:\s+names?)?"
                    r"(?:\s*\(if any\))?$")
_KEY = re.compile(r"(?i)(?:^|[a-z])maiden(?:Name)?$|^maiden[_-]?name$")


@register
class MaidenNameCheck(BurdenCheck):
    kind = "maiden-name"
    params = {"format-severity": FORMAT_SEVERITY}

    def run(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for item in self.fillable(doc, ctx):
            if not (_LABEL.match(item.text.strip(" .:")) or _KEY.search(leaf_key(item.field))):
                continue
            mother = "mother" in item.text
            yield self.field_finding(
                item.field,
                severity=self.capped(doc, self.rule.severity),
                suggestions=["Ask for the mother's last name at birth." if mother else
                             'Ask "Have you used any other names?", then for each previous name.'],
            )
