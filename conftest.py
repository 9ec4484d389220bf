"""Test-wide settings. Property tests judge behaviour, not speed: timing belongs in benchmarks/."""

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


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=_slowness)  # stable: the order inside each file is kept
