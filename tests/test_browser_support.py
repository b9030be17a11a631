"""The browser tests skip with a reason where Chromium is absent, and fail instead when
FORMLINT_REQUIRE_BROWSER=1 (as .ci/run sets it after installing Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import browser_support


def test_missing_chromium_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_support, "CHROMIUM", ("/nonexistent/chromium",))
    monkeypatch.delenv("FORMLINT_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        browser_support.chromium()


def test_missing_chromium_fails_when_the_browser_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser_support, "CHROMIUM", ("/nonexistent/chromium",))
    monkeypatch.setenv("FORMLINT_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="FORMLINT_REQUIRE_BROWSER=1 but Chromium is not installed"):
        browser_support.chromium()


def test_axe_install_problems_are_reported_not_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browser_support, "AXE_JS", tmp_path / "missing" / "axe.min.js")
    monkeypatch.setattr(browser_support.shutil, "which", lambda name: None)
    monkeypatch.delenv("FORMLINT_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="npm is not installed"):
        browser_support.axe_script()
