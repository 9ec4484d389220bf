"""Test-wide settings. Property tests judge behaviour, not speed: timing belongs in benchmarks/."""

import os

from hypothesis import settings

settings.register_profile("kansli", deadline=None, print_blob=True)
settings.load_profile("kansli")

#: Test files that take minutes (a demo per test, real browsers, OCR). The parallel workers get
#: whole files, so these start first; otherwise one of them would run alone at the end.
SLOW_FIRST = (
    "tests/workspace/test_permission_matrix_adjustment.py",
    "tests/workspace/test_permission_matrix.py",
    "tests/e2e/",
    "tests/reading/test_ocr.py",
    "tests/reading/test_scoring.py",
    "tests/workspace/test_permission_matrix_",
    "tests/workspace/test_planning_views.py",
    "tests/workspace/test_adjustment.py",
    "tests/readingroom/",
    "tests/publishing/",
    "tests/delegation/",
)


def _slowness(item) -> int:
    path = item.nodeid.split("::")[0]
    for rank, prefix in enumerate(SLOW_FIRST):
        if path.startswith(prefix):
            return rank
    return len(SLOW_FIRST)


#: Test files that never open the database: the pure domain (law, minutes model, screening) and
#: the importer's reading of files. With KANSLI_TESTS_DATABASE_ONLY=1 they are left out, so that
#: CI's second pass, on PostgreSQL, runs only what a database can change; its first pass, on
#: SQLite, runs them all.
DATABASE_INDEPENDENT = ("tests/law/", "tests/minutes/", "tests/screening/", "tests/reading/")
#: … except these, which import into the database
USES_DATABASE = ("tests/reading/test_ocr.py",)


def _database_independent(item) -> bool:
    path = item.nodeid.split("::")[0]
    return path.startswith(DATABASE_INDEPENDENT) and not path.startswith(USES_DATABASE)


def pytest_collection_modifyitems(session, config, items):
    if os.environ.get("KANSLI_TESTS_DATABASE_ONLY") == "1":
        left_out = [item for item in items if _database_independent(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not _database_independent(item)]
    items.sort(key=_slowness)  # stable: the order inside each file is kept
