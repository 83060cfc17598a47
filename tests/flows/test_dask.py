"""The pipeline flow on a Dask task runner: batches run in worker processes that load spaCy once."""

from __future__ import annotations

import os
import pickle

import duckdb
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from eventpipe.flows.cli import app
from eventpipe.flows.pipeline import LocalCallback, pipeline, pipeline_for
from eventpipe.flows.settings import Settings

from ..conftest import SEEDS


@pytest.mark.parametrize(
    "options,message",
    [
        ({"dask_address": "tcp://127.0.0.1:8786", "dask_workers": 2}, "not both"),
        ({"dask_workers": 2, "workers": 2}, "keep workers at 1"),
    ],
)
def test_dask_settings_refuse_clashing_options(options, message):
    with pytest.raises(ValidationError, match=message):
        Settings(**options)


def test_dask_cli_refuses_clashing_options_before_any_work(tmp_path):
    result = CliRunner().invoke(app, ["run", "--warehouse", str(tmp_path / "wh"), "--dask-workers", "2", "--dask-address", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "not both" in result.output
    assert not (tmp_path / "wh").exists()


def test_dask_runner_only_when_asked():
    assert pipeline_for(Settings()) is pipeline
    assert type(pipeline_for(Settings(dask_workers=3)).task_runner).__name__ == "DaskTaskRunner"


def test_dask_progress_callback_stays_in_its_process():
    """Prefect copies flow parameters into every Dask task's context: the callback must pickle, as a no-op."""
    counted: list[int] = []
    callback = LocalCallback(counted.append)
    callback(3)
    copy = pickle.loads(pickle.dumps(callback))
    copy(5)
    assert counted == [3] and copy.function is None


@pytest.mark.slow
def test_dask_local_cluster_runs_batches_in_workers_that_load_spacy_once(tmp_path):
    from eventpipe.flows.pipeline import run_pipeline

    settings = Settings(inputs=[str(SEEDS)], warehouse=str(tmp_path / "wh"), dask_workers=1, batch_size=1)
    summary = run_pipeline(settings)
    assert summary.batches == 2  # two seed articles, one per batch, both on the one worker
    [(worker, loads)] = summary.pipeline_loads.items()
    assert worker.rsplit(":", 1)[1] != str(os.getpid())  # a worker process, not this one
    assert loads == 1  # the second batch reused the pipeline the first one loaded
    with duckdb.connect(summary.database, read_only=True) as con:
        assert con.execute("select count(*), count(distinct uri) from documents").fetchone() == (2, 2)
        assert con.execute("select count(*) from mentions").fetchone()[0] >= 6
