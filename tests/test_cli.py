"""The `kansli` command as a newcomer and a script would call it."""

import json
import os
import subprocess
import sys

import pytest

from kansli.cli import main


def run_kansli(*args: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "KANSLI_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_XDIST_WORKER", None)  # the command uses exactly this home
    return subprocess.run(
        [sys.executable, "-m", "kansli.cli", *args], capture_output=True, text=True, env=env,
        timeout=120,
    )


def test_deadlines_posted_prints_the_legal_dates_as_one_json_object(tmp_path):
    done = run_kansli("deadlines", "--posted", "2025-12-03", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "posted": "2025-12-03",
        "appeal_last_day": "2025-12-29",
        "notice_remove_from": "2025-12-30",
    }


def test_deadlines_adjusted_adds_the_latest_posting_day(capsys):
    # Adjusted Thursday 2026-06-18: the second day after is midsommarafton (Fri 19 June),
    # so the notice must be posted by Monday 22 June at the latest.
    assert main(["deadlines", "--adjusted", "2026-06-18"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["adjusted"] == "2026-06-18"
    assert result["notice_post_by"] == "2026-06-22"
    assert result["posted"] == "2026-06-22"
    # 2026-06-22 + 3 weeks = Monday 2026-07-13, a working day.
    assert result["appeal_last_day"] == "2026-07-13"


@pytest.mark.parametrize("bad", ["3 dec", "2025-13-01", ""])
def test_deadlines_rejects_a_bad_date_in_swedish_without_traceback(bad, tmp_path):
    done = run_kansli("deadlines", "--posted", bad, home=tmp_path)
    assert done.returncode == 2
    assert "ÅÅÅÅ-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr


def test_deadlines_without_a_date_says_what_to_give(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["deadlines"])
    assert exit_info.value.code == 2
    assert "--posted" in capsys.readouterr().err


def test_schema_command_prints_the_committed_schema(capsys):
    from pathlib import Path

    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    committed = json.loads(
        (Path(__file__).parents[1] / "schema" / "minutes.schema.json").read_text(encoding="utf-8")
    )
    assert printed == committed


def test_django_management_commands_are_reachable(tmp_path):
    done = run_kansli("check", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
