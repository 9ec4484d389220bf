"""Every page a citizen or a secretary reaches today, checked with axe-core in Chromium."""

import datetime as dt

import pytest

from kansli.demo import load_demo
from kansli.meetings.models import Meeting, MeetingStatus
from kansli.noticeboard.models import Notice
from kansli.organisation.models import Body

from .conftest import serious_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def site(live_server, locked_rows_purgeable, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=dt.date.today())
    return live_server.url


def public_paths() -> list[str]:
    body = Body.objects.get(abbreviation="VON")
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    upcoming = Meeting.objects.exclude(status=MeetingStatus.ADJUSTED).filter(agenda_items__isnull=False).first()
    notice = Notice.objects.first()
    return [
        "/", f"/organ/{body.pk}/", f"/sammantraden/{held.pk}/", f"/sammantraden/{upcoming.pk}/",
        f"/sammantraden/{held.pk}/protokoll.html", "/anslagstavla/", "/anslagstavla/arkiv/",
        f"/anslagstavla/{notice.pk}/", "/logga-in/",
    ]


def test_public_pages_have_no_serious_accessibility_violations(site, page):
    problems = {}
    for path in public_paths():
        response = page.goto(site + path)
        assert response.status == 200, path
        if found := serious_violations(page):
            problems[path] = found
    assert not problems, problems


def test_secretary_signs_in_with_the_keyboard_and_the_case_pages_are_accessible(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")  # the skip link comes first, and takes keyboard users to main
    assert page.evaluate("document.activeElement.textContent").strip() == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "innehall"
    page.goto(site + "/logga-in/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill("demo-sekreterare")
    page.get_by_label("Lösenord").press("Enter")
    page.wait_for_url(site + "/")
    assert page.get_by_role("button", name="Logga ut").is_visible()

    problems = {}
    page.goto(site + "/handlaggning/arenden/")
    assert page.get_by_role("heading", level=1).is_visible()
    if found := serious_violations(page):
        problems["ärendelista"] = found
    first_case = page.locator("main table a").first
    first_case.click()
    page.wait_for_load_state()
    if found := serious_violations(page):
        problems[page.url] = found
    page.goto(site + "/handlaggning/arenden/registrera/")
    if found := serious_violations(page):
        problems["registrera"] = found
    assert not problems, problems
