"""A real browser: Playwright driving Debian's Chromium (never a downloaded build)."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API keeps an asyncio loop running while it is open,
    and code under test elsewhere (pyHanko) calls asyncio.run()."""
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.fail(
            "Webbläsartesterna behöver Debians chromium och axe-core (npm). Kör ./dev test, "
            "som installerar båda."
        )
    # Playwright's sync API runs an event loop; Django must still allow our ORM calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    """Run axe-core on the current page; return serious and critical violations, described."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _lock_triggers(action: str) -> None:
    from django.apps import apps
    from django.db import connection

    from kansli.meetings import locking

    with connection.schema_editor() as editor:
        getattr(locking, f"{action}_triggers")(apps, editor)


@pytest.fixture
def locked_rows_purgeable(transactional_db):
    """A flush after a transactional test deletes locked protokoll rows, which the database's
    lock triggers rightly refuse: lift them for the flush only. The flush ends by sending
    post_migrate, and that puts them back for the tests that follow."""
    from django.db.models.signals import post_migrate

    yield
    _lock_triggers("drop")

    def reinstall(sender, **kwargs):
        if getattr(sender, "label", None) == "meetings":
            post_migrate.disconnect(dispatch_uid="kansli.e2e.reinstall-locks")
            _lock_triggers("install")

    post_migrate.connect(reinstall, weak=False, dispatch_uid="kansli.e2e.reinstall-locks")
