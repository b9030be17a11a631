"""The time-tax model of burden-model.md: the worked example, the channel steps, the
constants' sources, and overrides from the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.burden import CONSTANTS, Inputs, Model, Question, estimate, validate_overrides
from formlint.config import ConfigError, load_config
from formlint.model import Format
from tests.conftest import FIXTURES
from tests.helpers import run_json


def worked_example(**changes: object) -> Inputs:
    """burden-model.md 2.5: 1,150 words, 32 fields, 2 uploads, 2 documents in hand."""
    questions = (
        [Question("text_short")] * 6 + [Question("date")] * 2 + [Question("text_id")] * 2
        + [Question("text_id", recall="look_up")] + [Question("address")] + [Question("phone")] * 2
        + [Question("email")] + [Question("radio")] * 8 + [Question("number", recall="look_up")] * 4
        + [Question("text_long")] + [Question("signature"), Question("date")]
    )
    inputs = Inputs(format=Format.HTML, words=1150, notice_words=0, questions=questions, uploads=2,
                    documents=[("in-hand", "DD214"), ("in-hand", "ID")], signature=True, esign=True)
    for name, value in changes.items():
        setattr(inputs, name, value)
    return inputs


def test_the_reference_worked_example_is_41_6_minutes() -> None:
    result = estimate(worked_example())
    assert result.minutes == 41.6
    assert result.breakdown["reading"] == 4.8
    assert result.breakdown["fields"] + result.breakdown["lookups"] + result.breakdown["uploads"] == \
        pytest.approx(16.7, abs=0.05)
    assert result.breakdown["gathering"] == 20 and result.breakdown["channel"] == 0
    assert result.steps == ["online"]
    assert {"upload", "lookup", "gather-in-hand"} <= set(result.assumptions)


@pytest.mark.parametrize("channel, minutes", [
    ({"print", "mail"}, 66.6),
    ({"print", "mail", "notarize"}, 126.6),
    ({"in-person"}, 156.6),
])
def test_paper_notary_and_visit_paths(channel: set[str], minutes: float) -> None:
    assert estimate(worked_example(channel=channel)).minutes == minutes


def test_conditional_steps_and_optional_uploads_widen_the_range_only() -> None:
    base = estimate(worked_example())
    wider = estimate(worked_example(conditional_channel={"in-person"}, optional_uploads=1))
    assert wider.minutes == base.minutes
    assert wider.high == pytest.approx(base.high + 115 + 2 + 10, abs=0.1)


def test_every_constant_has_a_source_and_a_status() -> None:
    for constant in CONSTANTS.values():
        assert constant.value > 0 and constant.source and constant.status in ("sourced", "assumption")
    assert CONSTANTS["reading-rate"].value == 238 and "Brysbaert" in CONSTANTS["reading-rate"].source
    assert CONSTANTS["in-person"].value == 115 and "A-04-18-50260" in CONSTANTS["in-person"].source


def test_overrides_change_the_model() -> None:
    slow = estimate(worked_example(), Model.from_overrides({"reader": "slow", "gather-in-hand": 5}))
    assert slow.breakdown["reading"] == round(1150 / 175, 1) and slow.breakdown["gathering"] == 10
    mobile = estimate(worked_example(), Model.from_overrides({"device": "mobile"}))
    assert mobile.breakdown["fields"] > estimate(worked_example()).breakdown["fields"]
    assert "gather-in-hand" not in estimate(worked_example(), Model.from_overrides({"gather-in-hand": 5})).assumptions


@pytest.mark.parametrize("table, message", [
    ({"reading-speed": 200}, "unknown key 'burden.reading-speed' (did you mean 'reading-rate'?)"),
    ({"reading-rate": -3}, "must be a positive number"),
    ({"reading-rate": "fast"}, "must be a number"),
    ({"device": "tablet"}, "must be one of desktop, mobile"),
])
def test_bad_overrides_are_named(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_overrides(table, "burden")
    assert message in str(caught.value)


def test_config_file_burden_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.formlint]\nselect = ["burden"]\n[tool.formlint.burden]\nreading-rate = 119\n'
                    'device = "mobile"\n')
    assert load_config(path).burden == {"reading-rate": 119.0, "device": "mobile"}
    path.write_text("[tool.formlint.burden]\nreading_rate = 0\n")
    with pytest.raises(ConfigError, match="positive"):
        load_config(path)


def test_stats_carry_estimated_and_stated_minutes(tmp_path: Path) -> None:
    _, data = run_json(str(FIXTURES / "html" / "benefit-application-good.html"), "--no-nlp")
    stats = data["files"][0]["stats"]
    assert stats["stated_burden_minutes"] == 10
    assert stats["burden_minutes"] == stats["burden"]["minutes"] > 0
    assert set(stats["burden"]["breakdown"]) == {"reading", "notices", "fields", "lookups", "uploads", "gathering",
                                                 "channel"}
    assert stats["pra"]["omb_number"] == "2900-0999" and stats["pra"]["privacy_act"] == "present"
    config = tmp_path / ".formlint.toml"
    config.write_text("[burden]\nreading-rate = 10\n")
    _, slow = run_json(str(FIXTURES / "html" / "benefit-application-good.html"), "--no-nlp", "--config",
                       str(config))
    assert slow["files"][0]["stats"]["burden_minutes"] > stats["burden_minutes"]


def test_guidance_has_no_estimate() -> None:
    _, data = run_json(str(FIXTURES / "markdown" / "apply-for-benefits-good.md"), "--no-nlp")
    stats = data["files"][0]["stats"]
    assert stats["form"] == "document" and stats["burden_minutes"] is None and stats["data_elements"] == []
