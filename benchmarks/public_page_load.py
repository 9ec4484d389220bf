"""Load test of the public protokoll page with wrk (Debian package ``wrk``).

Loads the demo into a temporary KANSLI_HOME (SQLite, or PostgreSQL when DATABASE_URL is set),
starts ``kansli serve`` (waitress, the production server) and drives it with wrk from a second
process. In the same run it measures

* the baseline: a static file served by the same server (WhiteNoise), the ceiling of the stack;
* the public protokoll page of the demo's adjusted meeting (HTML), and its public meeting page,

and prints requests/s, p99 latency and the ratio to the baseline. Target (issue 5): the public
protokoll page ≥ 200 requests/s on a 2-core machine.

Run: ``.venv/bin/python benchmarks/public_page_load.py [--seconds 10] [--connections 16]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KANSLI = ROOT / ".venv" / "bin" / "kansli"
TARGET_RPS = 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Servern svarade inte på {url}")


def _adjusted_meeting_pk(env: dict[str, str]) -> int:
    code = (
        "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','kansli.settings');django.setup();"
        "from kansli.meetings.models import Meeting;"
        "print(Meeting.objects.filter(status='adjusted').order_by('-date').values_list('pk',flat=True).first())"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _wrk(url: str, seconds: int, connections: int) -> tuple[float, float, int]:
    """(requests/s, p99 latency in ms, non-2xx responses) for ``url``."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, float(value) * _UNITS[unit], int(errors.group(1)) if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk saknas: installera Debian-paketet med `apt-get install wrk`.", file=sys.stderr)
        return 2
    home = tempfile.mkdtemp(prefix="kansli-load-")
    env = {**os.environ, "KANSLI_HOME": home, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run([str(KANSLI), "demo", "--no-serve"], env=env, check=True, capture_output=True)
    pk = _adjusted_meeting_pk(env)
    port = _free_port()
    server = subprocess.Popen(
        [str(KANSLI), "serve", "--port", str(port), "--threads", "8"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        pages = {
            "baseline: statisk fil": f"{base}/static/kansli/site.css",
            "protokoll (HTML)": f"{base}/sammantraden/{pk}/protokoll.html",
            "sammanträdessida": f"{base}/sammantraden/{pk}/",
        }
        for url in pages.values():
            _wait_for(url)
        database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"wrk, 2 trådar, {args.connections} anslutningar, {args.seconds} s per sida ({database})")
        baseline = None
        for name, url in pages.items():
            rps, p99, errors = _wrk(url, args.seconds, args.connections)
            baseline = baseline or rps
            note = f"  {errors} felsvar" if errors else ""
            print(f"{name:<24} {rps:8.0f} anrop/s  p99 {p99:7.1f} ms  kvot mot baslinjen {rps / baseline:.2f}{note}")
            if name.startswith("protokoll"):
                verdict = "uppfyllt" if rps >= TARGET_RPS and not errors else "EJ uppfyllt"
                print(f"{'':<24} mål ≥ {TARGET_RPS} anrop/s: {verdict}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
