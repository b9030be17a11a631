"""The HTML fix report: one self-contained, accessible page per run.

Rendered with jinja2 with autoescaping on, from the templates beside this module; the
style sheet and the small filter script are inlined, page images are data: URIs, and
a Content-Security-Policy lets the page load nothing from anywhere and run no script
but its own (by hash). The same input gives byte-identical output: nothing depends on
the clock unless a timestamp is passed in.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from formlint import __version__
from formlint.engine import RunResult
from formlint.pageimages import PageImage
from formlint.reporters.html import view

TEMPLATES = Path(__file__).resolve().parent / "templates"


def text(value: object) -> Markup:
    """Escape for element content only (``&``, ``<``, ``>``). Quotes need no escaping
    there, and messages and sentences are full of them: this keeps a report of tens of
    thousands of findings a few megabytes smaller. Never use it inside an attribute."""
    raw = str(value)
    return Markup(raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value from a form is text, never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = text
    return env


@cache
def script() -> str:
    text = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    if "</" in text:
        raise RuntimeError("report.js must not contain '</' (it is inlined in a <script> element)")
    return text


def content_security_policy(script_text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script_text.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def render(result: RunResult, *, color: bool = False,
           images: Mapping[str, Mapping[int, PageImage]] | None = None,
           title: str | None = None, generated: str | None = None) -> str:
    """The report as one HTML document.

    ``images`` maps a file's display path to its page images (page number -> image);
    ``generated`` is an optional timestamp to print (none by default, so reports diff).
    ``color`` is part of the reporter protocol and means nothing here.
    """
    report = view.build(result, images=images, title=title, generated=generated, version=__version__)
    js = script()
    template = environment().get_template("report.html.j2")
    return template.render(
        report=report,
        script=Markup(js),  # our own file, checked above; hashed into the CSP
        csp=content_security_policy(js),
        label=view.category_label,
    )
