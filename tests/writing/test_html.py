import re
from datetime import date, time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from kansli.minutes import (
    Dissent,
    Item,
    Meeting,
    Minutes,
    ParagraphRange,
    Participant,
    Role,
    Statement,
    StatementKind,
)
from kansli.writing import format as fmt
from kansli.writing.html import (
    paragraphs,
    render_extract_html,
    render_minutes_html,
    render_notice_of_meeting_html,
)

from .sample import sample_minutes


def text_of(html: str) -> str:
    """Visible text with whitespace collapsed, for phrase checks across tags."""
    body = re.sub(r"(?s)<(style|script)[^>]*>.*?</\1>", " ", html)
    body = re.sub(r"<[^>]+>", " ", body)
    body = body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    body = body.replace("&#34;", '"').replace("&#39;", "'")
    return re.sub(r"\s+", " ", body)


class Outline(HTMLParser):
    """Collects headings, table structure and the html lang attribute."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.ids: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "script":
            self.scripts += 1


def outline(html: str) -> Outline:
    o = Outline()
    o.feed(html)
    return o


@pytest.fixture
def html(minutes):
    return render_minutes_html(minutes)


def test_front_page(html):
    t = text_of(html)
    for part in [
        "Ekeby kommun", "Sammanträdesprotokoll", "Omsorgsnämnden",
        "Sammanträdesdatum 2026-03-09", "kl. 18.30–20.05", "Sessionssalen, Stadshuset, Ekeby",
        "Paragrafer §§ 28–31, 33", "Sekreterare Karin Sjöö", "Utses att justera Gustav Mörk (M)",
        "Justeringens plats och tid Stadshuset, 2026-03-16 kl. 10.00",
    ]:
        assert part in t, part


def test_signature_lines(html):
    t = text_of(html)
    assert "Sekreterare Karin Sjöö §§ 28–31, 33" in t
    assert "Ordförande Ylva Sandberg (S)" in t
    assert "Justerare Gustav Mörk (M)" in t


def test_notice_block(html):
    t = text_of(html)
    assert "Anslag/bevis" in t
    assert "Justeringen av protokollet har tillkännagetts på kommunens digitala anslagstavla." in t
    for part in [
        "Organ Omsorgsnämnden", "Sammanträdesdatum 2026-03-09", "Datum för justering 2026-03-16",
        "Datum då anslaget sätts upp 2026-03-17", "Datum då anslaget tas ned 2026-04-08",
        "Förvaringsplats för protokollet Omsorgsförvaltningen, Stadshuset, Ekeby", "Underskrift",
    ]:
        assert part in t, part


def test_attendance(html):
    t = text_of(html)
    assert "Beslutande" in t
    assert "Ylva Sandberg S ordförande deltar på plats" in t
    assert "Gustav Mörk M 1:e vice ordförande" in t
    assert "Leila Hassan V 2:e vice ordförande deltar digitalt" in t
    assert "Hanna Ruud M tjänstgörande ersättare för Per Kvist" in t
    assert "Tove Lindahl C tjänstgörande ersättare för Britt Åhlén § 28" in t
    assert "Britt Åhlén C ledamot §§ 29–33" in t
    assert "Ej tjänstgörande ersättare" in t
    assert "Tove Lindahl (C), §§ 29–33" in t
    assert "Övriga närvarande" in t
    assert "Maria Fält, förvaltningschef" in t
    assert "Ali Demir, ekonom, §§ 30–31" in t
    # the chair comes first in the list of deciding members
    assert t.index("Ylva Sandberg S ordförande") < t.index("Oskar Tallqvist S ledamot")


def test_paragraph_parts(html):
    t = text_of(html)
    for part in [
        "§ 28 Val av justerare", "§ 29 Taxor för trygghetslarm 2027", "Dnr ON/2026:00012",
        "Beslut", "Sammanfattning", "Beslutsunderlag", "Tjänsteskrivelse 2026-02-20",
        "Paragrafen justeras omedelbart.",
        "Ylva Sandberg (S) och Leila Hassan (V) yrkar bifall till förvaltningens förslag.",
        "Nils Grahn (SD) yrkar att ärendet återremitteras",
        "Propositionsordning", "Ordföranden frågar först",
        "Votering", "Omröstningsresultat § 29", "Ledamot Parti Ja Nej Avstår",
        "Summa 4 4 0", "4 ja-röster och 4 nej-röster",
        "ordförandens utslagsröst", "Omsorgsnämnden har därmed beslutat enligt förvaltningens förslag.",
        "Reservationer",
        "Gustav Mörk (M) och Hanna Ruud (M) reserverar sig mot beslutet till förmån för eget yrkande.",
        "Bilaga: Reservation § 29", "Rasmus Eng (KD) reserverar sig mot beslutet.",
        "Särskilt yttrande", "Leila Hassan (V) lämnar ett särskilt yttrande",
        "Protokollsanteckning", "Nils Grahn (SD) anmäler en protokollsanteckning",
        "Oskar Tallqvist (S) anmäler jäv och deltar inte i handläggningen",
        "Beslutet skickas till", "Kommunfullmäktige", "Länsstyrelsen",
    ]:
        assert part in t, part
    # a withdrawn motion is not printed
    assert "225 kronor" not in t
    # decision clauses are a list
    assert '<ol class="decision-clauses">' in html


def test_attachments_follow_the_paragraphs(html):
    t = text_of(html)
    last_paragraph = t.index("§ 33 Delegationsbeslut", t.index("Beslutet skickas till"))
    for heading in ["Bilaga: Reservation § 29", "Bilaga: Särskilt yttrande § 29",
                    "Bilaga: Protokollsanteckning § 29"]:
        assert t.rindex(heading) > last_paragraph
    assert "En höjning drabbar de äldre som har lägst inkomster." in t
    # references in the § link to the attachments
    assert 'href="#bilaga-29-reservation-1"' in html
    assert 'id="bilaga-29-reservation-1"' in html


def test_ballot_names_and_serving_substitute(html):
    t = text_of(html)
    assert "Hanna Ruud (tjänstgörande ersättare för Per Kvist) M X" in t
    assert "Nils Grahn SD X" in t


def test_accessible_structure(html):
    o = outline(html)
    assert o.lang == "sv"
    assert o.headings.count(1) == 1 and o.headings[0] == 1
    # no heading level is skipped on the way down
    for prev, cur in zip(o.headings, o.headings[1:], strict=False):
        assert cur <= prev + 1
    assert o.tables == o.captions == 2  # Beslutande and the vote
    assert o.th_without_scope == 0
    assert len(o.ids) == len(set(o.ids))
    assert o.scripts == 0
    assert "<title>Sammanträdesprotokoll – Omsorgsnämnden – 2026-03-09</title>" in html


def test_print_stylesheet(html):
    assert "size: A4" in html
    assert 'counter(page) " av " counter(pages)' in html
    assert "Justerandes signatur" in html
    assert "break-before: page" in html


def test_hostile_text_is_escaped():
    m = sample_minutes()
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    m.body = evil
    m.municipality = evil
    m.secretary = evil
    m.meeting.place = evil
    m.participants.append(Participant(evil, evil, Role.OTHER, office=evil))
    item = m.items[1]
    item.title = evil
    item.case_number = evil
    item.summary = evil + "\n\n" + evil
    item.decision_clauses.append(evil)
    item.decision_basis.append(evil)
    item.recipients.append(evil)
    item.order_of_questions.append(evil)
    item.votes[0].ballots[0].name = evil
    item.votes[0].outcome = evil
    item.reservations.append(Dissent([evil], text=evil, written=True, in_favour_of=evil))
    item.statements.append(Statement(StatementKind.MINUTES_NOTE, [evil], text=evil))
    for html in (
        render_minutes_html(m),
        render_extract_html(m, 29),
        render_notice_of_meeting_html(m),
    ):
        assert "<script" not in html
        assert "<img" not in html
        assert "&lt;script&gt;" in html
        assert outline(html).scripts == 0


def test_paragraphs_filter_escapes_and_splits():
    out = paragraphs("a <b>\nc\n\n d & e ")
    assert str(out) == "<p>a &lt;b&gt;<br>\nc</p>\n<p>d &amp; e</p>"
    assert paragraphs(None) == "" and paragraphs("  \n") == ""


def test_draft_and_masking(minutes):
    html = render_minutes_html(minutes, draft=True, mask_secret=True)
    t = text_of(html)
    assert "Utkast" in t and "UTKAST – EJ JUSTERAT" in html
    assert "Protokollet är justerat." not in t
    assert "Ärende om enskild" not in t  # secret § 31 title masked
    assert "§ 31 Ärende som omfattas av sekretess" in t
    assert "Nämnden beslutar enligt förvaltningens förslag." not in t
    # unmasked original keeps it
    assert "Ärende om enskild" in text_of(render_minutes_html(minutes))


def test_extract(minutes):
    html = render_extract_html(minutes, 29)
    t = text_of(html)
    assert "Protokollsutdrag" in t and "Omsorgsnämnden" in t
    assert "Sammanträdesdatum 2026-03-09" in t
    assert "§ 29 Taxor för trygghetslarm 2027" in t
    assert "§ 30" not in t and "§ 28 " not in t
    assert "Bilaga: Reservation § 29" in t
    assert "Utdragsbestyrkande" in t
    assert "Utdraget överensstämmer med originalprotokollet." in t
    assert "Justerat 2026-03-16 av Ylva Sandberg (S) och Gustav Mörk (M)" in t
    assert outline(html).lang == "sv"
    with pytest.raises(KeyError):
        render_extract_html(minutes, 99)


def test_notice_of_meeting(minutes):
    minutes.items[0].proposed_decision = "Nämnden utser en justerare."
    html = render_notice_of_meeting_html(minutes)
    t = text_of(html)
    assert "Kallelse" in t and "Föredragningslista" in t
    assert "28. Val av justerare och godkännande av dagordning" in t
    assert "Dnr ON/2026:00001" in t
    assert "Förslag till beslut Nämnden utser en justerare." in t
    assert '<li value="29">' in html
    assert 'class="doc-notice"' in html


def test_sparse_minutes_render():
    """Absent facts stay absent: no crash and no invented text."""
    m = Minutes(items=[Item(title="Övrigt")])
    html = render_minutes_html(m)
    assert "Övrigt" in html
    assert "None" not in text_of(html)
    assert "None" not in text_of(render_notice_of_meeting_html(m))


def test_format_helpers():
    assert fmt.time_span(time(18, 30), time(20, 5)) == "kl. 18.30–20.05"
    assert fmt.time_span(time(9, 0), None) == "kl. 09.00"
    assert fmt.long_date(date(2026, 3, 9)) == "9 mars 2026"
    assert fmt.compress_numbers([28, 29, 30, 32]) == "§§ 28–30, 32"
    assert fmt.compress_numbers([28]) == "§ 28"
    assert fmt.compress_numbers(range(28, 39)) == "§§ 28–38"
    assert fmt.paragraph_ranges([ParagraphRange(29, 39)]) == "§§ 29–39"
    assert fmt.join_names(["A", "B", "C"]) == "A, B och C"
    p = Participant("X", "S", Role.SERVING_SUBSTITUTE, serving_for="Y",
                    paragraphs=[ParagraphRange(1, 2)], remote=True)
    assert fmt.participant_function(p) == "tjänstgörande ersättare för Y"
    assert fmt.attendance_note(p) == "§§ 1–2, deltar digitalt"
    m = Minutes(meeting=Meeting(), participants=[p])
    assert fmt.People(m).named("X") == "X (S)"
    assert fmt.People(m).named("Z") == "Z"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       .filter(lambda t: t.strip()))
def test_any_text_in_any_field_never_becomes_markup(text):
    m = sample_minutes()
    m.body = text
    m.items[1].title = text
    m.items[1].summary = text
    m.items[1].motions[0].text = text
    html = render_minutes_html(m)
    o = outline(html)
    assert o.scripts == 0
    assert o.headings == BASELINE_HEADINGS  # text cannot open or close elements
    assert str(escape(text.strip().splitlines()[0].strip())) in html


BASELINE_HEADINGS = outline(render_minutes_html(sample_minutes())).headings
