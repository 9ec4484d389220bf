"""`kansli demo` as a newcomer runs it: a database in KANSLI_HOME, demo data, a real web server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="kansli demo always uses the embedded SQLite database",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kansli(*args: str, home) -> list[str]:
    return [sys.executable, "-m", "kansli.cli", *args]


def env_for(home) -> dict[str, str]:
    env = {**os.environ, "KANSLI_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_XDIST_WORKER", None)  # the command uses exactly this home
    return env


def test_demo_serves_the_demo_body_and_prints_the_logins(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        kansli("demo", "--port", str(port), home=tmp_path),
        env=env_for(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        home_page = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    home_page = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert home_page is not None, "the demo server never answered"
        assert "Exempelkommun" in home_page
        assert "Vård- och omsorgsnämnden" in home_page
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert (tmp_path / "kansli.sqlite3").exists()
    assert f"http://127.0.0.1:{port}/" in output
    for username in ("admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot"):
        assert f" {username} " in output and f"demo-{username}" in output


def test_demo_reuses_an_existing_database(tmp_path):
    first = subprocess.run(kansli("demo", "--no-serve", home=tmp_path), env=env_for(tmp_path),
                           capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(kansli("demo", "--no-serve", home=tmp_path), env=env_for(tmp_path),
                            capture_output=True, text=True, timeout=180)
    assert second.returncode == 0, second.stderr
    assert "fanns redan" in second.stdout
    assert "Skapade" in first.stdout
