"""Run axe-core in Debian's Chromium through Python Playwright (never `playwright install`).

Where things come from:

* Chromium and axe-core: found (and axe-core installed) by ``tests/browser_support.py``,
  the one place the browser tests share.

The browser never reaches the network: every request that is not a ``file:`` URL is
aborted, and ``--host-resolver-rules`` stops Chromium's own DNS lookups.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests import browser_support

# For each violation node: the element's tag and its index among the document's
# elements of that tag (what formlint's element tree can compute from source too).
_NODES_JS = """
async (options) => {
  const results = await axe.run(document, options);
  const out = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      const selector = Array.isArray(node.target) ? node.target[0] : node.target;
      let element = null;
      try { element = typeof selector === "string" ? document.querySelector(selector) : null; } catch (e) {}
      if (!element) { out.push({rule: v.id, tag: null, index: -1, target: String(selector)}); continue; }
      const tag = element.tagName.toLowerCase();
      const index = Array.prototype.indexOf.call(document.getElementsByTagName(tag), element);
      out.push({rule: v.id, tag: tag, index: index, target: String(selector), html: node.html.slice(0, 200)});
    }
  }
  return {nodes: out, version: axe.version};
}
"""


@dataclass(frozen=True)
class AxeNode:
    rule: str
    tag: str | None
    index: int
    target: str
    html: str = ""


def chromium_path() -> str | None:
    return browser_support.chromium_path()


def axe_path() -> Path | None:
    try:
        return browser_support.ensure_axe()
    except (RuntimeError, OSError):
        return None


def missing_requirement() -> str | None:
    """Why the browser test cannot run here, or None when everything is present."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "Chromium is absent (apt-get install chromium, or set FORMLINT_CHROMIUM)"
    try:
        browser_support.ensure_axe()
    except (RuntimeError, OSError) as error:
        return f"axe-core is not installed (npm ci --prefix tests/browser, or set FORMLINT_AXE_JS): {error}"
    return None


class AxeBrowser:
    def __init__(self, page: Any, axe_js: Path) -> None:
        self.page = page
        self.axe_js = axe_js
        self.version = ""

    def run(self, html_file: Path) -> list[AxeNode]:
        self.page.goto(html_file.resolve().as_uri(), wait_until="load")
        self.page.add_script_tag(path=str(self.axe_js))
        result = self.page.evaluate(_NODES_JS, {"resultTypes": ["violations"]})
        self.version = result["version"]
        return [AxeNode(n["rule"], n["tag"], n["index"], n["target"], n.get("html", "")) for n in result["nodes"]]


@contextmanager
def axe_browser() -> Iterator[AxeBrowser]:
    axe_js = axe_path()
    assert axe_js is not None
    with browser_support.browser_page() as page:
        yield AxeBrowser(page, axe_js)
