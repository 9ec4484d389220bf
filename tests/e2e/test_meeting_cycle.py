"""A whole meeting cycle in a real browser (issue 3, item 9).

The secretary marks a case ready, plans a meeting for today and builds its agenda, sends the
kallelse, runs the meeting (an absent member and the substitute Kansli proposes, motions, a
roll-call vote, a reservation), drafts the protokoll and sends it to justering; the chair and
the adjuster sign in their own browsers; the public finds the notice on the anslagstavla;
``kansli verify`` accepts the downloaded signed PDF and rejects a tampered copy. axe-core runs
on every page visited and the test fails on any serious or critical violation.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from kansli.cases.models import Case, CaseStatus
from kansli.demo import data, load_demo
from kansli.meetings.models import Ballot, Dissent, Meeting, MeetingStatus
from kansli.noticeboard.models import Notice
from kansli.organisation.models import Body, Person
from kansli.signing.models import RoundStatus

from .conftest import serious_violations

pytestmark = pytest.mark.e2e

KANSLI = Path(sys.executable).with_name("kansli")
START = "09:00"
ABSENT = "Mikael Strand"  # SD; the SD substitute first in order serves for him
VOTING_NO = ["Anders Bergqvist", "Elin Nordmark", "Göran Lindfors"]


@pytest.fixture
def site(live_server, locked_rows_purgeable, media_root, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.KANSLI_SIGNING = {"backend": "demo", "ca_dir": str(tmp_path / "demo-ca")}
    load_demo(today=timezone.localdate())
    return live_server.url


class Visitor:
    """One person's browser; every page it reaches is checked with axe-core."""

    def __init__(self, browser, site: str, problems: dict, who: str):
        self.context = browser.new_context(locale="sv-SE", accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)
        self.site, self.problems, self.who = site, problems, who

    def check(self) -> None:
        self.page.wait_for_load_state()
        if found := serious_violations(self.page):
            self.problems[f"{self.who}: {self.page.url}"] = found

    def goto(self, path: str) -> None:
        response = self.page.goto(self.site + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.check()

    def click(self, locator) -> None:
        try:
            locator.click(timeout=60_000)
        except Exception as exc:  # say what the page showed instead
            raise AssertionError(f"{exc}\n--- {self.page.url}\n{self.page.inner_text('main')[:4000]}") from None
        self.check()

    def login(self, username: str) -> None:
        self.goto("/logga-in/")
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(f"demo-{username}")
        self.page.get_by_label("Lösenord").press("Enter")
        self.page.wait_for_url(self.site + "/")
        self.check()

    def expect_text(self, text: str) -> None:
        assert text in self.page.inner_text("main"), (text, self.page.url, self.page.inner_text("main")[:3000])

    @property
    def main(self):
        return self.page.locator("main")

    def close(self) -> None:
        self.context.close()


def test_meeting_cycle_from_agenda_to_verified_signed_protokoll(site, browser, settings, tmp_path):
    problems: dict[str, list[str]] = {}
    today = timezone.localdate()
    von = Body.objects.get(abbreviation="VON")
    fees = next(c for c in data.CASES if c.key == "fees")
    case = Case.objects.get(series__body=von, title=fees.title)
    secretary_person = Person.objects.get(user__username="sekreterare")

    # --- the secretary: case ready, meeting planned, agenda built, kallelse sent ---------------
    sec = Visitor(browser, site, problems, "sekreterare")
    sec.login("sekreterare")
    sec.goto("/handlaggning/arenden/")
    sec.click(sec.main.get_by_role("link", name=case.case_number, exact=True))
    sec.click(sec.main.get_by_role("button", name="Markera som klart för beslut"))
    case.refresh_from_db()
    assert case.status == CaseStatus.READY

    sec.goto("/handlaggning/planering/")
    sec.click(sec.main.get_by_role("link", name=von.name, exact=True))
    sec.click(sec.main.get_by_role("link", name="Planera ett nytt sammanträde"))
    sec.main.get_by_label("Datum").fill(today.isoformat())
    sec.main.get_by_label("Starttid").fill(START)
    sec.main.get_by_label(re.compile(r"^Plats")).fill("Lilla salen, Stadshuset")
    sec.main.get_by_label("Sekreterare").select_option(value=str(secretary_person.pk))
    sec.click(sec.main.get_by_role("button", name="Planera sammanträdet"))
    meeting = Meeting.objects.get(body=von, date=today, start=dt.time(9, 0))
    assert meeting.chair.user.username == "ordforande"

    sec.click(sec.main.get_by_role("button", name="Lägg till stående punkter"))
    sec.click(sec.main.get_by_role("button", name=f"Lägg till på föredragningslistan: ärende {case.case_number}"))
    assert meeting.agenda_items.filter(case=case).exists()
    sec.goto(f"/handlaggning/planering/sammantraden/{meeting.pk}/kallelse/")
    sec.goto(f"/handlaggning/planering/sammantraden/{meeting.pk}/")
    sec.main.get_by_label("Kallelsen skickades").fill(today.isoformat())
    sec.click(sec.main.get_by_role("button", name="Markera som skickad"))
    meeting.refresh_from_db()
    assert meeting.invitation_sent == today

    # --- the meeting: open, absent member and substitute, adjuster ----------------------------
    sec.click(sec.main.get_by_role("link", name="Öppna sammanträdet (pågående möte)"))
    sec.click(sec.main.get_by_role("button", name="Öppna sammanträdet", exact=True))
    sec.click(sec.main.get_by_role("button", name=re.compile(rf"Frånvarande.lämnar\W*{ABSENT}")))
    sec.expect_text("Kansli föreslår att")
    sec.click(sec.main.get_by_role("button", name="Bekräfta"))
    substitute = meeting.attendances.filter(serving_for__name=ABSENT).select_related("person").first()
    assert substitute is not None, "no substitute serves for the absent member"

    adjuster = Person.objects.get(user__username="justerare")
    sec.main.get_by_label("Justerare 1").select_option(value=str(adjuster.pk))
    sec.click(sec.main.get_by_role("button", name="Spara justering"))
    assert list(meeting.adjusters.all()) == [adjuster]

    # --- the case §: decision, motions, a roll-call vote, a reservation ------------------------
    sec.click(sec.main.get_by_role("link", name=case.title, exact=True))
    paragraph = meeting.paragraphs.get(case=case)
    sec.main.get_by_label("Beslut", exact=True).fill("Vård- och omsorgsnämnden beslutar enligt ordförandens yrkande.")
    sec.main.get_by_label("Att-satser").fill("avgifterna fastställs enligt förvaltningens förslag")
    sec.click(sec.main.get_by_role("button", name="Spara paragrafens text"))
    for mover, text in (("Karin Sjöholm", "Bifall till förvaltningens förslag."),
                        ("Anders Bergqvist", "Avslag på förvaltningens förslag.")):
        sec.main.get_by_label("Yrkat av (tjänstgörande)").select_option(label=mover)
        sec.main.get_by_label(re.compile(r"^Yrkande\b")).fill(text)
        sec.click(sec.main.get_by_role("button", name="Registrera yrkandet"))
    sec.click(sec.main.get_by_role("link", name="Registrera votering (alla ja förvalt)"))
    sec.main.get_by_label("Ja betyder bifall till").fill("Karin Sjöholms yrkande")
    sec.main.get_by_label("Nej betyder bifall till").fill("Anders Bergqvists yrkande")
    for name in VOTING_NO:
        sec.main.get_by_role("radio", name=re.compile(rf"^\s*nej\W*{name}", re.IGNORECASE)).check()
    sec.click(sec.main.get_by_role("button", name="Spara voteringen"))
    ballots = Ballot.objects.filter(vote__paragraph=paragraph)
    assert sorted(ballots.filter(choice="no").values_list("name", flat=True)) == sorted(VOTING_NO)
    assert ballots.filter(name=substitute.person.name).exists(), "the substitute votes in the absent member's seat"
    assert not ballots.filter(name=ABSENT).exists()

    sec.goto(f"/handlaggning/paragrafer/{paragraph.pk}/")
    sec.main.get_by_label("Reserverar sig (tjänstgörande)").select_option(label="Anders Bergqvist")
    sec.main.get_by_label("Till förmån för").fill("Anders Bergqvists yrkande")
    sec.main.get_by_label(re.compile("Skriftlig motivering")).fill("Avgifterna slår hårdast mot dem med lägst pension.")
    sec.click(sec.main.get_by_role("button", name="Registrera reservationen"))
    assert Dissent.objects.filter(paragraph=paragraph, by=["Anders Bergqvist"]).exists()

    sec.goto(f"/handlaggning/sammantraden/{meeting.pk}/motet/")
    sec.click(sec.main.get_by_role("button", name="Avsluta sammanträdet"))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.end is not None

    # --- the protokoll: draft, then justering ----------------------------------------------
    sec.goto(f"/handlaggning/sammantraden/{meeting.pk}/protokollsutkast/")
    sec.goto("/handlaggning/justering/")
    sec.click(sec.main.get_by_role("link", name=f"{von.name} {today:%Y-%m-%d}", exact=True))
    sec.click(sec.main.get_by_role("button", name="Skicka protokollet på justering"))
    sec.expect_text("Protokollet är skickat på justering")

    # --- the chair signs first, then the adjuster, each in their own browser --------------------
    for username, role in (("ordforande", "ordförande"), ("justerare", "justerare")):
        signer = Visitor(browser, site, problems, username)
        signer.login(username)
        signer.goto("/handlaggning/justering/")
        signer.expect_text("din tur att skriva under")
        signer.click(signer.main.get_by_role("link", name=f"{von.name} {today:%Y-%m-%d}", exact=True))
        signer.expect_text(f"Skriv under som {role}")
        signer.main.get_by_label(re.compile("Jag har läst protokollet")).check()
        signer.click(signer.main.get_by_role("button", name="Justera protokollet"))
        signer.close()
    meeting.refresh_from_db()
    assert meeting.locked and meeting.adjusted == today
    assert meeting.adjustment_rounds.get(status=RoundStatus.COMPLETED)

    # --- the public sees the notice -------------------------------------------------------------
    public = Visitor(browser, site, problems, "allmänheten")
    public.goto("/anslagstavla/")
    notice = Notice.objects.get(meeting=meeting)
    public.expect_text(f"{today:%Y-%m-%d}")
    public.click(public.page.locator(f"a[href$='/anslagstavla/{notice.pk}/']").first)
    public.expect_text(notice.paragraphs)
    public.close()

    # --- the signed original, downloaded and checked with kansli verify -------------------------
    sec.goto(f"/handlaggning/sammantraden/{meeting.pk}/justering/")
    with sec.page.expect_download() as download:
        sec.main.get_by_role("link", name=re.compile("Ladda ned det justerade protokollet")).click()
    signed = tmp_path / "justerat.pdf"
    download.value.save_as(signed)
    sec.close()

    ca = Path(settings.KANSLI_SIGNING["ca_dir"]) / "ca-cert.pem"
    ok = subprocess.run([str(KANSLI), "verify", str(signed), "--trust", str(ca)],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Karin Sjöholm" in ok.stdout and "Anders Bergqvist" in ok.stdout
    assert "Betrodd: ja" in ok.stdout

    tampered = tmp_path / "andrad.pdf"
    data_ = bytearray(signed.read_bytes())
    data_[data_.index(b"%%EOF") // 2] ^= 0x01  # one byte inside the first, signed revision
    tampered.write_bytes(bytes(data_))
    bad = subprocess.run([str(KANSLI), "verify", str(tampered), "--trust", str(ca)],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "EJ GODKÄND" in bad.stdout

    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())

