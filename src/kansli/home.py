"""Where Kansli keeps its data: ``KANSLI_HOME`` (default ``./var``)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    home = Path(os.environ.get("KANSLI_HOME", "var")).resolve()
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        # Parallel test workers each get their own data directory (keys, caches, files).
        home = home / worker
    home.mkdir(parents=True, exist_ok=True)
    return home


def secret_key() -> str:
    """The Django secret key: ``KANSLI_SECRET_KEY``, else one generated once per data directory."""
    if key := os.environ.get("KANSLI_SECRET_KEY"):
        return key
    path = data_dir() / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
