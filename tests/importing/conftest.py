from __future__ import annotations

import io
from dataclasses import dataclass

import pytest

from .samples import SHARED


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} saknas (seeds och fixtures ligger bredvid repot)")
    return SHARED


@pytest.fixture
def run_import():
    """Call ``run_import`` as the command does, capturing its output."""
    from kansli.meetings.importing import run_import as run

    def call(*paths, progress=None) -> Run:
        out, err = io.StringIO(), io.StringIO()
        code = run([str(p) for p in paths], stdout=out, stderr=err, progress=progress)
        return Run(code, out.getvalue(), err.getvalue())

    return call


def row_counts() -> dict[str, int]:
    """Rows of every table the import may write (meetings, organisation, cases, audit log)."""
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for app in ("meetings", "organisation", "cases", "audit")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def counts():
    return row_counts
