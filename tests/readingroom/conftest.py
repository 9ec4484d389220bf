"""The workspace fixtures (demo municipality, one client per role, a case with an open and a
secret PDF), loaded from tests/workspace/conftest.py so both use the same ROLES."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "kansli_workspace_fixtures", Path(__file__).resolve().parent.parent / "workspace" / "conftest.py"
)
workspace = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(workspace)

ROLES = workspace.ROLES
PDF_BYTES = workspace.PDF_BYTES
client_for = workspace.client_for
_media = workspace._media
_fast_passwords = workspace._fast_passwords
demo = workspace.demo
series = workspace.series
case = workspace.case
