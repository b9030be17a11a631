"""Shared helpers for the tests marked ``browser``: Debian's Chromium through Playwright,
and axe-core from npm.

* ``browser_page()`` opens a page in headless Chromium with no network at all: DNS is
  mapped to nowhere and every request that is not ``file:`` or ``data:`` is aborted and
  recorded in ``page.blocked``.
* ``run_axe(page)`` injects axe-core and returns its violations.
* Without Chromium or Playwright the tests skip with the reason; with
  ``FORMLINT_REQUIRE_BROWSER=1`` (``.ci/run`` sets it after installing Chromium) the
  skip is a failure. Never run ``playwright install``: the browser is Debian's.
* axe-core is the npm package pinned in ``tests/browser/package.json`` and its lock
  file, installed into the git-ignored ``tests/browser/node_modules`` by ``npm ci``
  (``.ci/run`` does it, or the first test that needs it). ``FORMLINT_AXE_JS`` and
  ``FORMLINT_CHROMIUM`` point at other copies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE_VERSION = "4.14.1"  # pinned in tests/browser/package.json and package-lock.json
AXE_DIR = ROOT / "tests" / "browser"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")  # the real binary first
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]


def unavailable(reason: str) -> None:
    """Skip, or fail when the browser is required (CI)."""
    import pytest  # imported here so that .ci/run can run this file with a bare python3

    if os.environ.get("FORMLINT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FORMLINT_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def chromium_path() -> str | None:
    configured = os.environ.get("FORMLINT_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return next((path for path in CHROMIUM if os.access(path, os.X_OK)), None)


def chromium() -> str:
    for path in filter(None, [chromium_path()]):
        if os.access(path, os.X_OK):
            return path
    unavailable("Chromium is not installed (apt-get install chromium)")
    raise AssertionError  # unreachable


def ensure_axe() -> Path:
    """axe.min.js, installed with ``npm ci`` from tests/browser's lock file if it is not there yet."""
    configured = os.environ.get("FORMLINT_AXE_JS")
    if configured:
        if not Path(configured).is_file():
            raise RuntimeError(f"axe-core is not installed at FORMLINT_AXE_JS={configured} "
                               "(npm ci --prefix tests/browser installs the pinned copy)")
        return Path(configured)
    if AXE_JS.is_file():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed, so axe-core cannot be installed")
    done = subprocess.run([npm, "ci", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not AXE_JS.is_file():
        raise RuntimeError(f"npm ci of axe-core {AXE_VERSION} failed: {done.stderr.strip()[-500:]}")
    return AXE_JS


def axe_script() -> Path:
    try:
        return ensure_axe()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        unavailable(str(error))
        raise AssertionError from None  # unreachable


@contextmanager
def browser_page(*, bypass_csp: bool = False, width: int = 1280, height: int = 900,
                 **options: Any) -> Iterator[Any]:
    """A fresh Chromium page. ``bypass_csp`` lets a test inject axe-core into a page whose
    Content-Security-Policy would refuse it; ``options`` go to Playwright's context
    (e.g. ``java_script_enabled=False``, ``is_mobile=True``)."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Python Playwright is not installed (pip install playwright; never `playwright install`)")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=ARGS, bypass_csp=bypass_csp,
            viewport={"width": width, "height": height}, **options,
        )
        try:
            page = context.new_page()
            blocked: list[str] = []

            def guard(route: Any) -> None:
                url = route.request.url
                if url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    blocked.append(url)
                    route.abort()

            context.route("**/*", guard)
            page.blocked = blocked  # type: ignore[attr-defined]
            yield page
        finally:
            context.close()


def run_axe(page: Any, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("opts => axe.run(document, opts)", options or {"resultTypes": ["violations"]})
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/ (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


if __name__ == "__main__":  # .ci/run: install axe-core before the tests
    print(f"axe-core {AXE_VERSION}: {ensure_axe()}")
