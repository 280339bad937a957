"""Vimmerby's model: the demo kommun that ``seed_demo`` has always built (apps/demo/loader.py
and its data modules), and the tertial 1 reports of apps/demo/reports_demo.py."""

from __future__ import annotations

from apps.demo import data
from apps.demo.loader import load_demo
from apps.demo.models.base import Log, ModelDemo
from apps.demo.reports_demo import load_reports


def load(log: Log) -> None:
    load_demo(log=log)
    log("Tar fram tertial 1:s rapporter …")
    load_reports()


DEMO = ModelDemo(
    key="vimmerby",
    label="Vimmerbymodellen",
    municipality_name=data.MUNICIPALITY["name"],
    loader=load,
)
