"""A long batch of sentences shared with a forked child parses exactly as in one process.

``Nlp.parse_many`` cuts a long batch in two when the run may use two cores and has a
forked child parse the second half (formlint.forked). The Docs that come back, and the
attribute table the child learned, must give every check the same tokens; a child
that fails must cost time, never results.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from formlint import forked, nlp as nlp_module
from formlint.engine import discover
from formlint.nlp import Nlp, rounds, split_point
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from formlint.text import sentence_spans

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="needs os.fork")


def _attributes(docs: list) -> list:  # type: ignore[type-arg]
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.whitespace_)
             for t in doc] for doc in docs]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    texts = ["We are gonna file it, and you gotta sign it.", "There is a form, and there are two copies."]
    for target in discover([ROOT / "fixtures" / "forms" / "markdown", ROOT / "fixtures" / "forms" / "html"]):
        doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        for block in doc.blocks:
            texts += [span.of(block.text) for span in sentence_spans(block.text)]
    return list(dict.fromkeys(texts))


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> Nlp:
    alone = Nlp()
    if not alone.available:
        pytest.skip("no spaCy model")
    monkeypatch.setattr(nlp_module, "SHARE_FROM_CHARACTERS", 1_000)  # the fixtures are short
    return Nlp(may_share=lambda: True, child_time_limit=60)


def test_a_shared_batch_gives_the_tokens_of_one_process(shared: Nlp, sentences: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    forks = []
    real_start = nlp_module.start_child
    monkeypatch.setattr(nlp_module, "start_child", lambda *a: forks.append(1) or real_start(*a))
    expected = _attributes(Nlp().parse_many(sentences))
    assert len(sentences) > 100
    assert _attributes(shared.parse_many(sentences)) == expected
    assert forks  # the batch was shared
    assert shared._fast is not None
    learned = len(shared._fast.table)
    # The table now holds what the child learned: a second document replays it here.
    shared.end_document()
    monkeypatch.setattr(nlp_module, "SHARE_FROM_CHARACTERS", 10**12)  # this time in one process
    assert _attributes(shared.parse_many(sentences)) == expected
    assert len(shared._fast.table) == learned  # nothing left to learn


def test_a_child_that_fails_costs_time_not_results(shared: Nlp, sentences: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(docs: list) -> bytes:  # type: ignore[type-arg]
        raise RuntimeError("the child breaks while answering")

    monkeypatch.setattr(nlp_module, "docs_to_bytes", broken)
    expected = _attributes(Nlp().parse_many(sentences))
    assert _attributes(shared.parse_many(sentences)) == expected


def test_a_damaged_answer_is_refused(shared: Nlp) -> None:
    shared.pipeline()
    assert shared._answer(None, 3) is None
    assert shared._answer(b"not a pickle", 3) is None


def test_split_point_halves_the_text_and_leaves_short_batches_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "SHARE_FROM_CHARACTERS", 100)
    assert split_point([10, 10]) is None  # too short
    assert split_point([200]) is None  # one sentence cannot be shared
    assert split_point([50, 50, 50, 50]) == 2
    assert split_point([300, 10, 10]) == 1  # one long sentence: it is the first half
    assert split_point([10, 10, 300]) == 2  # the child gets at least one


def test_rounds_cover_the_batch_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "SHARE_FROM_CHARACTERS", 100)
    monkeypatch.setattr(nlp_module, "ROUND_CHARACTERS", 200)
    assert rounds([]) == []
    assert rounds([50, 50]) == [(0, 2)]  # one short round
    assert rounds([100, 100, 100, 100]) == [(0, 2), (2, 4)]
    assert rounds([100, 100, 100, 100, 30]) == [(0, 2), (2, 5)]  # a short rest joins the last round
    assert rounds([100, 100, 150]) == [(0, 2), (2, 3)]  # a rest long enough to share is a round
    assert rounds([500, 10]) == [(0, 2)]  # one long sentence is a round of its own, the rest joins it


def test_forked_child_answers_in_full() -> None:
    child = forked.start_child(lambda: b"x" * 3_000_000)  # more than a pipe holds
    assert child is not None
    assert child.collect() == b"x" * 3_000_000


def test_forked_child_that_raises_gives_no_answer() -> None:
    def fail() -> bytes:
        raise ValueError("no")

    child = forked.start_child(fail)
    assert child is not None and child.collect() is None


def test_forked_child_is_stopped_at_its_time_limit() -> None:
    started = time.monotonic()
    child = forked.start_child(lambda: time.sleep(30) or b"late", time_limit=0.5)
    assert child is not None
    assert child.collect() is None
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)  # reaped: no zombie left


def test_the_runner_shares_only_while_a_core_is_free(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from formlint import runner
    from formlint.config import Config
    from formlint.engine import Runtime

    pages = []
    for number in range(3):
        page = tmp_path / f"page{number}.md"
        page.write_text("# Apply\n\nThe form must be signed by you.\n", encoding="utf-8")
        pages.append(page)
    runtime = Runtime.create(Config(nlp=False))
    seen: list[runner.FreeCores | None] = []
    real_pool = runner.Pool

    def pool(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(runtime.nlp.may_share)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(runner, "Pool", pool)
    runner.run_targets(discover(pages), runtime, jobs=2, timeout=30)
    free = seen[-1]
    assert isinstance(free, runner.FreeCores) and runtime.nlp.child_time_limit == 30
    free.busy.value = 1
    assert free()  # one file in hand, two cores: share
    free.busy.value = 2
    assert not free()  # both cores busy: parse alone
    runner.run_targets(discover(pages), runtime, jobs=1, timeout=30)
    assert seen[-1] is None  # one core: never
    runner.run_targets(discover(pages), runtime, jobs=1)
    assert runtime.nlp.may_share is None  # in this process: never


def test_idle_workers_retire_once_nothing_is_left_to_hand_out(tmp_path: Path) -> None:
    from formlint.config import Config
    from formlint.engine import Runtime
    from formlint.runner import Pool

    pool = Pool(Runtime.create(Config(nlp=False)), 2, None)
    try:
        pool.workers[0].task = (0, None)  # type: ignore[assignment]  # a worker with a file in hand
        idle = pool.workers[1]
        pool.retire_idle()
        assert len(pool.workers) == 1 and pool.workers[0].task is not None
        assert not idle.process.is_alive()
        pool.workers[0].task = None
    finally:
        pool.close()


def test_a_long_document_gives_the_same_findings_with_one_job_and_two(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command line and its forked workers (which inherit the patches)."""
    if not Nlp().available:
        pytest.skip("no spaCy model")
    from tests.helpers import run_json

    pages = sorted((ROOT / "fixtures" / "forms").glob("*/*.md")) + sorted((ROOT / "fixtures" / "forms").glob("*/*.txt"))
    long = tmp_path / "long.md"
    long.write_text("\n\n".join(page.read_text(encoding="utf-8") for page in pages), encoding="utf-8")
    _, alone = run_json("--no-cache", "--jobs", "1", str(long))

    marker = tmp_path / "shared"
    real_start = nlp_module.start_child

    def start_and_mark(*args):  # type: ignore[no-untyped-def]
        marker.touch()
        return real_start(*args)

    monkeypatch.setattr(nlp_module, "start_child", start_and_mark)
    monkeypatch.setattr(nlp_module, "SHARE_FROM_CHARACTERS", 200)  # the fixtures are short
    _, shared = run_json("--no-cache", "--jobs", "2", str(long))
    assert marker.exists()  # a batch was shared
    findings = alone["files"][0]["findings"]
    assert any(f["rule"] == "plain/passive-voice" for f in findings)
    assert shared["files"] == alone["files"]
