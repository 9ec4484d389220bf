"""Posting the notice of justering and the public anslagstavla."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import Meeting
from kansli.meetings.services import add_paragraph
from kansli.noticeboard.models import Notice, NoticeKind
from kansli.noticeboard.services import (
    DEFAULT_APPEAL_INSTRUCTIONS,
    NoticeWarning,
    paragraph_span,
    post_minutes_notice,
)

pytestmark = pytest.mark.django_db

ADJUSTED = dt.date(2025, 12, 1)  # a Monday
POSTED = dt.date(2025, 12, 3)  # three weeks later is julafton


@pytest.fixture
def adjusted(draft):
    for title in ("Val av justerare", "Ekonomisk uppföljning", "Meddelanden"):
        add_paragraph(draft, title=title)
    return adjust_meeting(draft, ADJUSTED)


def test_dates_follow_the_law_when_the_last_day_is_julafton(adjusted):
    notice = post_minutes_notice(adjusted, POSTED)
    assert notice.posted == POSTED
    assert notice.appeal_last_day == dt.date(2025, 12, 29)
    assert notice.remove_from == dt.date(2025, 12, 30)
    assert notice.warnings == []
    assert (notice.kind, notice.meeting, notice.body, notice.municipality) == (
        NoticeKind.MINUTES, adjusted, adjusted.body, adjusted.body.municipality,
    )
    assert (notice.meeting_date, notice.adjusted, notice.paragraphs) == (dt.date(2025, 11, 27), ADJUSTED, "§§ 1–3")
    assert notice.kept_at == "Kommunkansliet, Stadshuset"  # the municipality's, the meeting has none
    assert notice.appeal_instructions == DEFAULT_APPEAL_INSTRUCTIONS
    # the locked meeting takes the anslag dates
    meeting = Meeting.objects.get(pk=adjusted.pk)
    assert meeting.locked
    assert (meeting.notice_posted, meeting.notice_removed) == (POSTED, dt.date(2025, 12, 30))


def test_posted_defaults_to_today(adjusted):
    today = timezone.localdate()
    if today < ADJUSTED:  # the machine's clock is before the fixture: nothing to test
        pytest.skip("today is before the justering of the fixture")
    assert post_minutes_notice(adjusted).posted == today


def test_the_municipality_and_meeting_texts_win_over_the_defaults(draft):
    town = draft.body.municipality
    town.appeal_instructions = "Skriv till förvaltningsrätten i Exempelstad."
    town.save()
    draft.minutes_kept_at = "Nämndkansliet, Vårdhuset"
    draft.save()
    add_paragraph(draft, title="Meddelanden")
    notice = post_minutes_notice(adjust_meeting(draft, ADJUSTED), POSTED)
    assert notice.appeal_instructions == "Skriv till förvaltningsrätten i Exempelstad."
    assert (notice.kept_at, notice.paragraphs) == ("Nämndkansliet, Vårdhuset", "§ 1")


def test_late_posting_is_allowed_with_a_warning(adjusted):
    # second day after Monday 1 December is Wednesday 3 December
    notice = post_minutes_notice(adjusted, dt.date(2025, 12, 4))
    assert len(notice.warnings) == 1
    warning = notice.warnings[0]
    assert isinstance(warning, NoticeWarning) and warning.code == "late"
    assert str(warning).startswith(
        "Anslaget sätts upp senare än andra dagen efter justeringen (KL 8 kap. 12 §)"
    )
    assert "senast 2025-12-03" in str(warning)
    assert Notice.objects.filter(pk=notice.pk).exists()


def test_a_meeting_that_is_not_adjusted_gets_no_notice(draft):
    with pytest.raises(ValidationError, match="är inte justerat"):
        post_minutes_notice(draft, POSTED)
    assert not Notice.objects.exists()


def test_no_notice_before_justering_and_only_one_per_protokoll(adjusted):
    with pytest.raises(ValidationError, match="före justeringen"):
        post_minutes_notice(adjusted, dt.date(2025, 11, 30))
    post_minutes_notice(adjusted, POSTED)
    with pytest.raises(ValidationError, match="anslogs redan 2025-12-03"):
        post_minutes_notice(adjusted, dt.date(2025, 12, 4))
    assert Notice.objects.count() == 1


@pytest.mark.parametrize(
    ("numbers", "text"),
    [([], ""), ([5], "§ 5"), ([28, 29, 30, 31, 32, 33, 34, 35, 36, 37], "§§ 28–37"),
     ([3, 1, 2, 7], "§§ 1–3, 7"), ([4, 6], "§§ 4, 6")],
)
def test_paragraph_span(numbers, text):
    assert paragraph_span(numbers) == text


# --- the public board --------------------------------------------------------------------------


def _notice(town, body, posted, title, meeting=None):
    from kansli.law import appeal_period

    period = appeal_period(posted)
    return Notice.objects.create(
        municipality=town, body=body, meeting=meeting, kind=NoticeKind.OTHER if meeting is None else NoticeKind.MINUTES,
        title=title, posted=posted, remove_from=period.notice_remove_from, appeal_last_day=period.last_day,
    )


@pytest.fixture
def board(town, body):
    """Notices relative to today: one current, one taken down last year, one not yet posted."""
    today = timezone.localdate()
    return {
        "current": _notice(town, body, today - dt.timedelta(days=3), "Aktuellt anslag"),
        "expired": _notice(town, body, today - dt.timedelta(days=400), "Gammalt anslag"),
        "last_day": _notice(town, body, today - dt.timedelta(days=60), "Nyss nedtaget anslag"),
        "future": _notice(town, body, today + dt.timedelta(days=2), "Kommande anslag"),
    }


def test_the_board_shows_current_notices_only(client, board):
    page = client.get(reverse("noticeboard:board"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Aktuellt anslag" in html
    for title in ("Gammalt anslag", "Nyss nedtaget anslag", "Kommande anslag"):
        assert title not in html
    assert '<h1>Anslagstavla</h1>' in html and 'lang="sv"' in html


def test_a_notice_leaves_the_board_on_its_removal_day(town, body):
    today = timezone.localdate()
    notice = _notice(town, body, today - dt.timedelta(days=30), "Anslag")
    Notice.objects.filter(pk=notice.pk).update(remove_from=today + dt.timedelta(days=1))
    assert list(Notice.objects.current(today)) == [Notice.objects.get(pk=notice.pk)]
    Notice.objects.filter(pk=notice.pk).update(remove_from=today)
    assert not Notice.objects.current(today).exists()
    assert Notice.objects.archived(today).get() == Notice.objects.get(pk=notice.pk)


def test_the_archive_shows_notices_that_came_down_by_year(client, board):
    html = client.get(reverse("noticeboard:archive")).content.decode()  # the latest year first
    assert "Nyss nedtaget anslag" in html and "<caption>Nedtagna anslag uppsatta" in html
    assert "Aktuellt anslag" not in html and "Kommande anslag" not in html
    old = board["expired"].posted.year
    html = client.get(reverse("noticeboard:archive"), {"ar": old}).content.decode()
    assert "Gammalt anslag" in html and '<th scope="col">Uppsatt</th>' in html
    assert "Aktuellt anslag" not in html


def test_the_archive_is_paged(client, town, body):
    posted = timezone.localdate().replace(month=1, day=1) - dt.timedelta(days=365)
    for n in range(30):
        _notice(town, body, posted + dt.timedelta(days=n), f"Anslag nummer {n:02d}")
    first = client.get(reverse("noticeboard:archive"), {"ar": posted.year}).content.decode()
    second = client.get(reverse("noticeboard:archive"), {"ar": posted.year, "sida": 2}).content.decode()
    assert first.count("Anslag nummer") == 25 and second.count("Anslag nummer") == 5
    assert "Nästa sida" in first and "Föregående sida" in second


def test_a_notice_page_states_every_fact_the_law_asks_for(client, adjusted):
    notice = post_minutes_notice(adjusted, POSTED)
    html = client.get(reverse("noticeboard:notice", args=[notice.pk])).content.decode()
    for fact in (
        "Vård- och omsorgsnämnden",  # the body
        "2025-11-27",  # the meeting date
        "§§ 1–3",  # the paragraphs
        "2025-12-01",  # adjusted
        "2025-12-03",  # posted
        "2025-12-29",  # last day to appeal
        "2025-12-30",  # the day it comes down
        "Kommunkansliet, Stadshuset",  # where the protokoll is kept
        "förvaltningsrätten",  # how to appeal
        "tre veckor",
        "laglighetsprövning",
    ):
        assert fact in html, fact
    assert reverse("meeting", args=[adjusted.pk]) in html


def test_the_board_links_each_notice_to_its_meeting(client, adjusted, settings):
    notice = post_minutes_notice(adjusted, timezone.localdate())
    html = client.get(reverse("noticeboard:board")).content.decode()
    assert reverse("noticeboard:notice", args=[notice.pk]) in html
    assert reverse("meeting", args=[adjusted.pk]) in html
    assert "Sista dag för överklagande" in html and "Protokollet förvaras" in html


def test_a_notice_not_yet_posted_is_not_public(client, board):
    assert client.get(reverse("noticeboard:notice", args=[board["future"].pk])).status_code == 404
    assert client.get(reverse("noticeboard:notice", args=[board["expired"].pk])).status_code == 200


def test_the_demo_puts_its_adjusted_meeting_on_the_board(media_root):
    from kansli.demo import load_demo

    load_demo(today=dt.date(2026, 11, 23))
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    assert held.locked
    notice = Notice.objects.get(meeting=held)
    assert notice.posted == held.notice_posted and notice.remove_from == held.notice_removed
    assert notice.paragraphs.startswith("§§ ") and notice.kept_at
    assert notice.appeal_instructions  # the demo municipality's own text
    with pytest.raises(ValidationError, match="anslogs redan"):
        post_minutes_notice(held, held.adjusted)


def test_admin_lists_and_edits_notices(admin_client, adjusted):
    notice = post_minutes_notice(adjusted, POSTED)
    assert admin_client.get(reverse("admin:noticeboard_notice_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:noticeboard_notice_change", args=[notice.pk]))
    assert page.status_code == 200 and "Sista dag för överklagande" in page.content.decode()
