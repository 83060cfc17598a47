"""Scheduled runs: the pipeline flow served as a deployment (module entrypoint, JSON parameters)."""

from __future__ import annotations

from prefect import serve
from prefect.deployments.runner import EntrypointType

from .pipeline import pipeline
from .settings import Settings


def pipeline_deployment(settings: Settings, name: str, cron: str | None = None, interval: int | None = None):
    """A runner deployment of `pipeline` whose parameters are the settings as JSON."""
    return pipeline.to_deployment(
        name=name,
        cron=cron,
        interval=interval,
        parameters={"settings": settings.model_dump(mode="json")},
        entrypoint_type=EntrypointType.MODULE_PATH,
        description="eventpipe: extract events from the inputs into the warehouse, then publish the views.",
    )


def serve_pipeline(settings: Settings, name: str, cron: str | None = None, interval: int | None = None) -> None:
    """Serve the deployment until interrupted; runs happen in subprocesses started by the runner."""
    serve(pipeline_deployment(settings, name, cron, interval))
