"""Neutralise server-side template tags in an HTML source before it is parsed.

Form pages are often Django, Jinja or ERB templates. Their tags confuse an HTML parser:
``{% if a > b %}`` inside a start tag ends the tag early, ``href="{% url "x" %}"``
breaks the attribute quoting, and ``{{ value }}`` in text is not prose. So, before
parsing, every template construct is overwritten *in place* with characters of the
same count (newlines kept), which keeps every line and column of the page exact:

* statements ``{% … %}``, comments ``{# … #}``, ERB code ``<% … %>`` and whole Django
  ``{% comment %} … {% endcomment %}`` blocks become spaces (a commented-out block is
  never rendered, so its controls are not part of the form);
* expressions ``{{ … }}``, ``{{{ … }}}`` and ERB output ``<%= … %>`` become the marker
  ``{{`` + spaces + ``}}``, so that an attribute still shows it was templated and
  the prose builder can drop the expression from the text;
* ``{% trans "Text" %}`` keeps its message text in place, since that is what the page
  shows.

Bodies of ``{{ }}``, ``{% %}`` and ``{# #}`` may not contain braces and are bounded in
length: a stray ``{#`` in a stylesheet or script must not blank out the rest of the page.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\{\{\s*\}\}")
"""A blanked template expression, as it appears in the source after neutralising."""

ATTRIBUTE_MARKER = "{{…}}"
"""How a template expression reads inside an attribute value of the tree."""

_TEMPLATE = re.compile(
    r"""
      (?P<block>\{%-?\s*comment\b[^{}]{0,2000}?%\}[\s\S]{0,1000000}?\{%-?\s*endcomment\s*-?%\})
    | (?P<trans>\{%-?\s*(?:trans|translate)\s+(?P<quote>["'])(?P<message>[^"'{}]{0,2000}?)(?P=quote)[^{}]{0,2000}?%\})
    | (?P<statement>\{%[^{}]{0,2000}?%\})
    | (?P<comment>\{\#[^{}]{0,2000}?\#\})
    | (?P<expression>\{\{\{[^{}]{0,2000}?\}\}\}|\{\{[^{}]{0,2000}?\}\})
    | (?P<erb_output><%(?:=|-|==)[\s\S]{0,2000}?%>)
    | (?P<erb_code><%[\s\S]{0,2000}?%>)
    """,
    re.VERBOSE,
)

_NOT_NEWLINE = re.compile(r"[^\n]")


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _replace(match: re.Match[str]) -> str:
    text = match.group(0)
    if match.group("expression") is not None or match.group("erb_output") is not None:
        return "{{" + _spaces(text[2:-2]) + "}}"
    if match.group("trans") is not None:
        start, end = match.start("message") - match.start(), match.end("message") - match.start()
        return _spaces(text[:start]) + text[start:end] + _spaces(text[end:])
    return _spaces(text)


def neutralise(source: str) -> tuple[str, bool]:
    """Return ``source`` with template tags overwritten in place, and whether any were found."""
    if "{%" not in source and "{{" not in source and "{#" not in source and "<%" not in source:
        return source, False
    found = False

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        found = True
        return _replace(match)

    return _TEMPLATE.sub(replace, source), found
