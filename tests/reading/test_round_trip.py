"""Round trip: fictional meetings → Kansli's own protokoll PDF → reader → the same facts.

Hypothesis builds varied meetings as :class:`Minutes` (names, parties, chairs and vice chairs,
serving substitutes with § ranges, others present, 3–12 §§ from a random number, votes with
named ballots, reservations, statements, jäv, recipients), renders each with
:func:`kansli.writing.pdf.minutes_pdf`, reads the PDF back with :func:`read_file` and compares
what the writer prints with what the reader recovers.

Decision clauses are compared as one sentence each (the PDF text layer prints the list
numbers "1." "2." apart from the clauses, so a clause is told from the next by the full stop
ending a line). Named ballots are compared whole — name, choice, party, whom a serving
substitute serves for, in the order of the list: the reader places each X by its position
under the Ja/Nej/Avstår/Frånvarande columns (see :mod:`kansli.reading.ballots`).
:func:`test_named_ballots_round_trip` draws long lists that run over a page break and every
choice. Not compared: free texts (summary, motions, order of questions, reservation texts),
which the issue does not ask for.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansli.minutes.model import (
    Ballot,
    Choice,
    Dissent,
    Item,
    Meeting,
    Minutes,
    ParagraphRange,
    Participant,
    Recusal,
    Role,
    Statement,
    StatementKind,
    Vote,
)
from kansli.reading.api import read_file

weasyprint = pytest.importorskip("weasyprint")
from kansli.writing.pdf import minutes_pdf  # noqa: E402

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Ylva", "Gustav",
         "Leila", "Oskar", "Britt", "Nils", "Hanna", "Tove", "Rasmus", "Sara", "Jon", "Åsa",
         "Örjan", "Anna-Karin", "Ali", "Elin", "Mats", "Sofia", "Björn", "Ingrid"]
LAST = ["Andersson", "Lindqvist", "Öberg", "Åhlén", "Sjöö", "Mörk", "Hassan", "Tallqvist",
        "Grahn", "Ruud", "Lindahl", "Eng", "Holm", "Berglöf", "Fält", "Demir", "Nyström",
        "Ekdahl", "Bergström-Lund", "Wikström", "Karlsson", "Håkansson", "Sandberg", "Ek"]
PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
BODIES = [("Omsorgsnämnden", "ON"), ("Kommunstyrelsen", "KS"),
          ("Barn- och utbildningsnämnden", "BUN"), ("Samhällsbyggnadsnämnden", "SBN"),
          ("Kultur- och fritidsnämnden", "KFN"), ("Socialnämnden", "SN")]
MUNICIPALITIES = ["Ekeby kommun", "Norrvik kommun", "Sjöstads kommun", "Åby kommun"]
PLACES = ["Sessionssalen, Stadshuset, Ekeby", "Kommunhuset, sal Ljusnan", "Rum Öster, Rådhuset",
          "Stora konferensrummet, Kommunhuset"]
OFFICES = ["förvaltningschef", "nämndsekreterare", "ekonom", "handläggare", "kommunsekreterare",
           "verksamhetschef"]
TITLES = ["Val av justerare och godkännande av dagordning", "Taxor för trygghetslarm 2027",
          "Ansökan om projektmedel för digital tillsyn", "Delegationsbeslut",
          "Meddelanden och anmälningar", "Budget 2027 och plan för 2028–2029",
          "Uppföljning av internkontrollplan", "Svar på medborgarförslag om belysning",
          "Yttrande över remiss om ny avfallsplan", "Revidering av delegationsordning",
          "Verksamhetsberättelse för Kulturskolan", "Detaljplan för Östra hamnen",
          "Informationsärenden", "Lokalförsörjningsplan för förskolor",
          "Riktlinjer för ekonomiskt bistånd", "Månadsuppföljning per den 31 mars",
          "Sammanträdesplan för nästa år", "Val av ersättare i arbetsutskottet"]
CLAUSES = ["Nämnden godkänner redovisningen.", "Ärendet läggs till handlingarna.",
           "Nämnden föreslår kommunfullmäktige att anta riktlinjerna.",
           "Förvaltningen får i uppdrag att återkomma med en plan senast i juni.",
           "Yttrandet antas som nämndens eget."]
RECIPIENTS = ["Kommunstyrelsen", "Kommunfullmäktige", "Ekonomiavdelningen", "Länsstyrelsen",
              "Socialförvaltningen", "Akten"]


@st.composite
def meetings(draw) -> Minutes:
    n_members = draw(st.integers(5, 15))
    n_serving = draw(st.integers(0, 3))
    n_subs = draw(st.integers(0, 3))
    n_others = draw(st.integers(0, 3))
    n_absent = n_serving
    total = n_members + n_serving + n_subs + n_others + n_absent + 1
    names = draw(st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
                          min_size=total, max_size=total, unique=True))
    names = [f"{a} {b}" for a, b in names]
    pick = iter(names)

    def party() -> str:
        return draw(st.sampled_from(PARTIES))

    def remote() -> bool | None:
        return draw(st.sampled_from([None, None, True, False]))

    n_items = draw(st.integers(3, 12))
    first_no = draw(st.integers(1, 180))
    numbers = [first_no]
    for _ in range(n_items - 1):
        numbers.append(numbers[-1] + draw(st.sampled_from([1, 1, 1, 1, 2])))

    def span() -> list[ParagraphRange]:
        """None (the whole meeting), one range or two: "§§ 28–30, 32"."""
        out: list[ParagraphRange] = []
        for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
            later = [n for n in numbers if not out or n > out[-1].last + 1]
            if not later:
                break
            a = draw(st.sampled_from(later))
            b = draw(st.sampled_from([n for n in later if n >= a]))
            out.append(ParagraphRange(a, b))
        return out

    members: list[Participant] = []
    n_vice = draw(st.integers(0, 2))
    roles = [Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.SECOND_VICE_CHAIR][: 1 + n_vice]
    for k in range(n_members):
        role = roles[k] if k < len(roles) else Role.MEMBER
        members.append(Participant(next(pick), party(), role, remote=remote(),
                                   paragraphs=span() if role == Role.MEMBER else []))
    for _ in range(n_serving):
        members.append(Participant(next(pick), party(), Role.SERVING_SUBSTITUTE,
                                   serving_for=next(pick), remote=remote(), paragraphs=span()))
    subs = [Participant(next(pick), party(), Role.SUBSTITUTE, remote=remote())
            for _ in range(n_subs)]
    others = [Participant(next(pick), role=Role.OTHER, office=draw(st.sampled_from(OFFICES)),
                          paragraphs=span())
              for _ in range(n_others)]
    secretary = next(pick)
    deciding = [p for p in members]
    body, prefix = draw(st.sampled_from(BODIES))
    year = draw(st.integers(2020, 2027))
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=n_items, max_size=n_items,
                           unique=True))
    items: list[Item] = []
    for no, title in zip(numbers, titles, strict=True):
        item = Item(number=no, year=year, title=title,
                    case_number=f"{prefix}/{year}:{draw(st.integers(1, 999)):05d}",
                    decision_clauses=draw(st.lists(st.sampled_from(CLAUSES), min_size=1,
                                                   max_size=3, unique=True)))
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
            ballots = [Ballot(p.name, draw(st.sampled_from([Choice.YES, Choice.NO,
                                                           Choice.ABSTAIN])), p.party,
                              serving_for=p.serving_for) for p in deciding]
            item.votes.append(Vote(question="Votering begärs och genomförs.",
                                   yes_means="förvaltningens förslag", no_means="avslag",
                                   ballots=ballots))
        for _ in range(draw(st.integers(0, 2))):
            by = draw(st.lists(st.sampled_from([p.name for p in deciding]), min_size=1,
                               max_size=2, unique=True))
            text = draw(st.sampled_from([None, "Vi anser att förslaget bör avslås."]))
            item.reservations.append(Dissent(by, text=text, written=text is not None,
                                             in_favour_of=draw(st.sampled_from(
                                                 [None, "eget yrkande"]))))
        for _ in range(draw(st.integers(0, 1))):
            by = [draw(st.sampled_from([p.name for p in deciding]))]
            item.statements.append(Statement(draw(st.sampled_from(list(StatementKind))), by))
        if draw(st.integers(0, 4)) == 0:
            item.recusals.append(Recusal(draw(st.sampled_from([p.name for p in deciding])),
                                         reason=draw(st.sampled_from([None, "närstående"]))))
        item.recipients = draw(st.lists(st.sampled_from(RECIPIENTS), max_size=3, unique=True))
        items.append(item)
    date = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 20)))
    start = dt.time(draw(st.integers(8, 18)), draw(st.sampled_from([0, 15, 30])))
    end = dt.time(start.hour + draw(st.integers(1, 4)), draw(st.sampled_from([0, 5, 45])))
    adjusted = date + dt.timedelta(days=draw(st.integers(1, 10)))
    posted = adjusted + dt.timedelta(days=1)
    chair = members[0].name
    adjusters = draw(st.lists(st.sampled_from([p.name for p in members[1:n_members]]),
                              min_size=1, max_size=2, unique=True))
    return Minutes(
        municipality=draw(st.sampled_from(MUNICIPALITIES)), body=body,
        meeting=Meeting(date=date, start=start, end=end, place=draw(st.sampled_from(PLACES)),
                        # a participant taking part digitally means remote participation
                        remote_participation=any(p.remote for p in members + subs)
                        or draw(st.booleans())),
        chair=chair, secretary=secretary, adjusters=adjusters, adjusted=adjusted,
        notice_posted=posted, notice_removed=posted + dt.timedelta(days=21),
        minutes_kept_at="Kansliet, Kommunhuset",
        participants=members + subs + others, items=items)


def _people(m: Minutes) -> list[tuple]:
    return sorted((p.name, p.party, p.role.value, p.serving_for,
                   tuple((r.first, r.last) for r in p.paragraphs),
                   p.office if p.role == Role.OTHER else None) for p in m.participants)


def _totals(v: Vote) -> tuple:
    """Yes, no and abstentions (None when nobody abstained: the writer then prints none)."""
    yes = v.yes if v.yes is not None else sum(b.choice == Choice.YES for b in v.ballots)
    no = v.no if v.no is not None else sum(b.choice == Choice.NO for b in v.ballots)
    abstain = v.abstain if v.abstain is not None else sum(
        b.choice == Choice.ABSTAIN for b in v.ballots)
    return yes, no, abstain or None


def _ballots(v: Vote) -> list[tuple]:
    """Each named ballot as printed in the list: name, choice, party, whom a substitute
    serves for; in the order of the list."""
    return [(b.name, b.choice, b.party, b.serving_for) for b in v.ballots]


def differences(m: Minutes, got: Minutes) -> list[str]:
    """What the reader got wrong of what the writer printed, one line per field."""
    out: list[str] = []

    def check(what: str, have, want) -> None:
        if have != want:
            out.append(f"{what}: {have!r} != {want!r}")

    check("date", got.meeting.date, m.meeting.date)
    check("start/end", (got.meeting.start, got.meeting.end), (m.meeting.start, m.meeting.end))
    check("place", got.meeting.place, m.meeting.place)
    check("remote", got.meeting.remote_participation, m.meeting.remote_participation)
    check("municipality", got.municipality, m.municipality)
    check("body", got.body, m.body)
    check("chair", got.chair, m.chair)
    check("secretary", got.secretary, m.secretary)
    check("adjusters", got.adjusters, m.adjusters)
    check("adjusted", got.adjusted, m.adjusted)
    check("notice", (got.notice_posted, got.notice_removed), (m.notice_posted, m.notice_removed))
    check("kept at", got.minutes_kept_at, m.minutes_kept_at)
    check("items", [(i.number, i.title, i.case_number) for i in got.items],
          [(i.number, i.title, i.case_number) for i in m.items])
    have_p, want_p = _people(got), _people(m)
    for p in want_p:
        if p not in have_p:
            out.append(f"participant missing {p}")
    for p in have_p:
        if p not in want_p:
            out.append(f"participant unexpected {p}")
    if len(got.items) != len(m.items):
        return out
    for want, have in zip(m.items, got.items, strict=True):
        where = f"§ {want.number}"
        check(f"{where} votes", [_totals(v) for v in have.votes],
              [_totals(v) for v in want.votes])
        check(f"{where} ballots", [_ballots(v) for v in have.votes],
              [_ballots(v) for v in want.votes])
        check(f"{where} reservations", [(d.by, d.in_favour_of) for d in have.reservations],
              [(d.by, d.in_favour_of) for d in want.reservations])
        check(f"{where} statements", [(s.kind, s.by) for s in have.statements],
              [(s.kind, s.by) for s in want.statements])
        check(f"{where} recusals", [r.name for r in have.recusals],
              [r.name for r in want.recusals])
        check(f"{where} recipients", have.recipients, want.recipients)
        check(f"{where} decision clauses", have.decision_clauses, want.decision_clauses)
    return out


def round_trip(m: Minutes, draft: bool = False) -> Minutes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "protokoll.pdf"
        path.write_bytes(minutes_pdf(m, draft=draft))
        res = read_file(path)
    assert res.error is None, res.error
    assert len(res.documents) == 1, [d.kind for d in res.documents]
    return res.documents[0]


# derandomize: the same 15 meetings on every run, so that CI never turns red on a rare draw;
# explore more with a random seed locally (``--hypothesis-seed``, or derandomize=False)
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(meetings(), st.booleans())
def test_round_trip(m: Minutes, draft: bool):
    """``draft`` prints "Utkast – ej justerat" in every running header and leaves the date of
    justering out."""
    diffs = differences(m, round_trip(m, draft))
    if draft:
        diffs = [d for d in diffs if not d.startswith("adjusted:")]
    assert diffs == []


@st.composite
def roll_calls(draw) -> Minutes:
    """A meeting (as :func:`meetings`) where one to three §§ get a named roll-call vote of
    every deciding member, serving substitutes included, with any choice, frånvarande too;
    up to 20 more members make lists that run over a page break."""
    m = draw(meetings())
    taken = {p.name for p in m.participants} | {m.secretary}
    free = [f"{a} {b}" for a in FIRST for b in LAST if f"{a} {b}" not in taken]
    n_extra = draw(st.integers(0, 20))
    extra = draw(st.lists(st.sampled_from(free), min_size=n_extra, max_size=n_extra, unique=True))
    members = [p for p in m.participants if p.role not in (Role.SUBSTITUTE, Role.OTHER)]
    members += [Participant(name, draw(st.sampled_from(PARTIES)), Role.MEMBER) for name in extra]
    m.participants = members + [p for p in m.participants
                                if p.role in (Role.SUBSTITUTE, Role.OTHER)]
    choices = st.sampled_from([Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.ABSENT])
    voted = draw(st.lists(st.sampled_from(range(len(m.items))), min_size=1, max_size=3,
                          unique=True))
    for k in voted:
        m.items[k].votes.append(Vote(
            question="Votering begärs och genomförs.", yes_means="förvaltningens förslag",
            no_means="avslag",
            ballots=[Ballot(p.name, draw(choices), p.party, serving_for=p.serving_for)
                     for p in members]))
    return m


# WeasyPrint takes a second or two per protokoll: few examples, the same ones on every run
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(roll_calls())
def test_named_ballots_round_trip(m: Minutes):
    """Every named ballot the writer prints is read back: the same names, in the same
    order, with the same choices, parties and serving substitutes; and the same totals."""
    got = round_trip(m)
    assert [i.number for i in got.items] == [i.number for i in m.items]
    for want, have in zip(m.items, got.items, strict=True):
        assert [_ballots(v) for v in have.votes] == [_ballots(v) for v in want.votes], \
            f"§ {want.number}"
        assert [_totals(v) for v in have.votes] == [_totals(v) for v in want.votes], \
            f"§ {want.number}"
