"""The public search in Chromium: reached from the header's search box with the keyboard, its
form and results pass axe-core, and the results link to the public protokoll."""

import datetime as dt

import pytest

from kansli.demo import load_demo

from .conftest import serious_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(live_server, locked_rows_purgeable, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=dt.date.today())
    return live_server.url


def test_search_from_the_header_with_the_keyboard_and_no_accessibility_violations(site, page):
    page.goto(site + "/")
    page.get_by_label("Sök", exact=True).fill("ekonomiska uppföljningen")
    page.get_by_label("Sök", exact=True).press("Enter")
    page.wait_for_url("**/sok/?q=*")
    assert page.get_by_role("heading", name="Sökresultat").is_visible()
    assert page.locator("ol.hits mark").count() > 0
    problems = {}
    if found := serious_violations(page):
        problems["results"] = found

    # Filters are reachable and labelled; an invalid year is explained, not an error page.
    page.get_by_label("År", exact=True).fill("tjugo")
    page.get_by_label("Typ av träff").select_option("paragraph")
    page.get_by_role("button", name="Sök", exact=True).last.click()
    assert page.get_by_role("alert").is_visible()
    if found := serious_violations(page):
        problems["errors"] = found

    page.goto(site + "/sok/")
    if found := serious_violations(page):
        problems["empty form"] = found
    assert not problems, problems

    page.goto(site + "/sok/?q=uppföljning&typ=paragraph")
    first = page.locator("ol.hits h3 a").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/utdrag/*.html")
