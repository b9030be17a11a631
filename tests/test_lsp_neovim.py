"""`formlint lsp` with a real editor: Neovim, headless, as its LSP client.

Skipped where `nvim` is absent; FORMLINT_REQUIRE_NEOVIM=1 (``.ci/run`` sets it after
installing Debian's neovim) makes its absence a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "tests" / "data" / "lsp_client.lua"
DOCUMENT = "# Apply\n\nThe form is due prior to May 1.\nUtilize the portal.\n"


@pytest.fixture
def nvim() -> str:
    found = shutil.which("nvim")
    if found is None:
        if os.environ.get("FORMLINT_REQUIRE_NEOVIM") == "1":
            pytest.fail("FORMLINT_REQUIRE_NEOVIM=1 but nvim is not installed")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    return found


def test_neovim_shows_the_findings_offers_the_fixes_and_rechecks_the_edited_buffer(tmp_path: Path, nvim: str) -> None:
    document = tmp_path / "guide.md"
    document.write_text(DOCUMENT)
    command = [sys.executable, "-m", "formlint", "lsp", "--no-nlp"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FORMLINT_LSP_CMD": json.dumps(command),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "-u", str(CLIENT)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert (tmp_path / "result.json").is_file(), done.stderr[-2000:]
    result = json.loads((tmp_path / "result.json").read_text())
    assert "error" not in result, result.get("error")
    found = {(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["severity"])
             for d in result["diagnostics"]}
    assert ("plain/simple-words", 2, 16, 3) in found  # "prior to", information
    assert ("plain/simple-words", 3, 0, 2) in found  # "Utilize", warning
    assert "Replace \u201cprior to\u201d with \u201cbefore\u201d (plain/simple-words)" in result["actions"]
    assert "Ignore plain/simple-words on this line" in result["actions"]
    assert result["line"] == "The form is due before May 1."
    after = {(d["code"], d["range"]["start"]["line"]) for d in result["after"]}
    assert ("plain/simple-words", 3) in after and ("plain/simple-words", 2) not in after
    assert document.read_text() == DOCUMENT  # the editor's buffer changed, the file did not
