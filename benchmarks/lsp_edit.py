"""How long the editor waits for formlint's findings: `formlint lsp` on real documents.

    python benchmarks/lsp_edit.py [--edits 5] [--json FILE] [FILE ...]

For each document (default: three guidance files of ../shared/corpus, small to large),
a fresh `formlint lsp` process is started as an editor starts it; the script opens the
document and times the first findings (rules and spaCy loaded, every sentence parsed),
then changes one sentence near the middle ``--edits`` times, each a ranged change as an
editor sends it, and times the findings of each edited version (only the changed sentence
is parsed again). The server's delay after a keystroke is set to 0: what is measured is
the check, not the pause the server waits for. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project root, when run as a script
from benchmarks.accuracy.common import corpus_dir  # noqa: E402
from formlint.lsp import jsonrpc  # noqa: E402

DEFAULT_DOCUMENTS = ("guidance/plain-guidelines_words_use-simple-words-phrases.md",
                     "guidance/plain-examples_regulations_model-preamble.md",
                     "guidance/cfpb-reg-b-1002-regml.xml")


def _published(stream: IO[bytes], version: int) -> int:
    """Read until the findings of ``version``; their count."""
    while (message := jsonrpc.read_message(stream)) is not None:
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
            return len(message["params"]["diagnostics"])
    raise RuntimeError("formlint lsp stopped before publishing the findings")


def _edit_point(text: str) -> tuple[int, int]:
    """(line, character) just before the end of a sentence near the middle of the text."""
    lines = text.split("\n")
    middle = len(lines) // 2
    for index in list(range(middle, len(lines))) + list(range(middle - 1, -1, -1)):
        column = lines[index].find(". ")
        if column > 0:
            return index, column
    return middle, 0


def measure(path: Path, edits: int, extra: list[str]) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    process = subprocess.Popen([sys.executable, "-m", "formlint", "lsp", "--delay", "0", *extra],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    assert process.stdin is not None and process.stdout is not None
    editor = jsonrpc.Writer(process.stdin)  # the editor's end: the same framing as the server's
    try:
        editor.send({"id": 1, "method": "initialize", "params": {"capabilities": {}}})
        editor.send({"method": "initialized", "params": {}})
        started = time.perf_counter()
        editor.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "", "version": 1, "text": text}}})
        findings = _published(process.stdout, 1)
        opened = time.perf_counter() - started
        line, character = _edit_point(text)
        times = []
        for version in range(2, edits + 2):
            at = {"line": line, "character": character}
            started = time.perf_counter()
            editor.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": f" (edit {version})"}]}})
            _published(process.stdout, version)
            times.append(time.perf_counter() - started)
        editor.send({"id": 2, "method": "shutdown"})
        editor.send({"method": "exit"})
        process.wait(60)
    finally:
        process.kill()
    return {"file": str(path), "words": len(text.split()), "findings": findings, "open_s": round(opened, 3),
            "edit_s": [round(t, 3) for t in times],
            "edit_median_s": round(statistics.median(times), 3) if times else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="documents to open (default: three corpus guidance files)")
    parser.add_argument("--edits", type=int, default=5, help="edited versions timed per document")
    parser.add_argument("--no-nlp", action="store_true", help="start the server with --no-nlp")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    files = list(args.files)
    if not files:
        corpus = corpus_dir()
        if corpus is None:
            print("skipped: ../shared/corpus is not there (set FORMLINT_CORPUS) and no file was named")
            return 0
        files = [corpus / name for name in DEFAULT_DOCUMENTS if (corpus / name).is_file()]
    results = [measure(path, args.edits, ["--no-nlp"] if args.no_nlp else []) for path in files]
    print(f"{'document':58} {'words':>7} {'findings':>8} {'open s':>7} {'edit s (median)':>16}")
    for row in results:
        print(f"{Path(row['file']).name[:58]:58} {row['words']:7} {row['findings']:8} {row['open_s']:7.2f} "
              f"{row['edit_median_s'] if row['edit_median_s'] is not None else '-':>16}")
    if args.json:
        args.json.write_text(json.dumps({"date": time.strftime("%Y-%m-%d"), "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
