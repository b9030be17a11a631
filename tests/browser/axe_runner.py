"""Run axe-core in Debian's Chromium through Python Playwright (never `playwright install`).

Where things come from:

* Chromium: Debian's ``chromium`` package (``.ci/run`` installs it). The real binary is
  ``/usr/lib/chromium/chromium``; ``/usr/bin/chromium`` is a wrapper script. Override
  with ``FORMLINT_CHROMIUM``.
* axe-core: the npm package pinned in ``tests/browser/package.json`` (and its lock
  file), installed into the git-ignored ``tests/browser/node_modules`` by
  ``npm ci --prefix tests/browser`` (``.ci/run`` does it). Override with
  ``FORMLINT_AXE_JS`` (a path to ``axe.min.js``).

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

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]

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
    configured = os.environ.get("FORMLINT_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    real = Path("/usr/lib/chromium/chromium")
    if real.is_file():
        return str(real)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def axe_path() -> Path | None:
    configured = os.environ.get("FORMLINT_AXE_JS")
    candidate = Path(configured) if configured else HERE / "node_modules" / "axe-core" / "axe.min.js"
    return candidate if candidate.is_file() else None


def missing_requirement() -> str | None:
    """Why the browser test cannot run here, or None when everything is present."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "Chromium is absent (apt-get install chromium, or set FORMLINT_CHROMIUM)"
    if axe_path() is None:
        return "axe-core is not installed (npm ci --prefix tests/browser, or set FORMLINT_AXE_JS)"
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
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    axe_js = axe_path()
    assert executable is not None and axe_js is not None
    profile = tempfile.mkdtemp(prefix="formlint-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = context.new_page()
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                           else route.abort())
                yield AxeBrowser(page, axe_js)
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
