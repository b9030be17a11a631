"""The browser test's setup: what it needs and how it says what is missing (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import axe_runner


def test_missing_axe_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FORMLINT_AXE_JS", str(tmp_path / "nowhere" / "axe.min.js"))
    reason = axe_runner.missing_requirement()
    if reason is not None and "playwright" in reason:
        pytest.skip(reason)
    if axe_runner.chromium_path() is None:
        assert reason is not None and "Chromium" in reason
    else:
        assert reason is not None and "axe-core" in reason and "npm ci --prefix tests/browser" in reason


def test_missing_chromium_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FORMLINT_CHROMIUM", str(tmp_path / "no-chromium"))
    reason = axe_runner.missing_requirement()
    if reason is not None and "playwright" in reason:
        pytest.skip(reason)
    assert reason is not None and "Chromium is absent" in reason


def test_axe_version_is_pinned_in_the_lock_file() -> None:
    lock = (Path(axe_runner.__file__).parent / "package-lock.json").read_text()
    assert '"node_modules/axe-core"' in lock and '"integrity": "sha512-' in lock
