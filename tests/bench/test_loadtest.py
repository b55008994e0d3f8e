"""bench/loadtest.py's verdict: a run that made no annotation (or no save) fails, and says so."""

from __future__ import annotations

from bench.loadtest import Tally, verdict


def tally(saves: int, annotations: int) -> Tally:
    result = Tally()
    result.saves = [(1, n) for n in range(saves)]
    result.notes = [(1, n, f"note {n}") for n in range(annotations)]
    return result


def test_a_run_without_annotation_writes_fails():
    reasons = verdict(tally(500, 0), [], elapsed=60, duration=60, min_writes=20)
    assert reasons == ["only 0 annotations (at least 20 required)"]


def test_a_run_with_too_few_saves_fails():
    assert verdict(tally(3, 100), [], elapsed=60, duration=60, min_writes=20) == ["only 3 saves (at least 20 required)"]


def test_a_run_with_every_kind_of_write_passes():
    assert verdict(tally(100, 100), [], elapsed=61, duration=60, min_writes=20) == []


def test_errors_and_lost_writes_fail():
    run = tally(100, 100)
    run.errors = ["POST /library/save/1/: 500"]
    assert verdict(run, ["save of article 1 by user 1"], elapsed=60, duration=60, min_writes=20) == [
        "1 errors",
        "1 lost writes",
    ]
