"""Named ballots (voteringslista) read from the x marks' columns in a PDF.

The PDFs are generated: Kansli's own protokoll (kansli.writing.pdf.minutes_pdf prints a
"Ledamot Parti Ja Nej Avstår" grid) and a hand-made HTML grid in the style of real protokoll
("Namn JA NEJ Avstår", "Förnamn Efternamn (Parti) x"), both long enough to run over a page
break where the header is repeated. Every ballot is compared.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from pathlib import Path

import pytest

from kansli.minutes.model import (
    Ballot,
    Choice,
    Item,
    Meeting,
    Minutes,
    Participant,
    Role,
    Vote,
)
from kansli.reading.api import read_file, read_text
from kansli.reading.ballots import is_header

weasyprint = pytest.importorskip("weasyprint")
from kansli.writing.pdf import minutes_pdf, render_pdf  # noqa: E402

FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Ylva", "Gustav",
         "Leila", "Oskar", "Britt", "Nils", "Hanna", "Tove", "Rasmus", "Sara", "Jon", "Åsa"]
LAST = ["Andersson", "Lindqvist", "Öberg", "Åhlén", "Sjöö", "Mörk", "Hassan", "Tallqvist",
        "Grahn", "Ruud", "Bergström-Lund", "Wikström"]
PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
CHOICES = [Choice.YES, Choice.NO, Choice.ABSTAIN]


def _people(n: int) -> list[tuple[str, str]]:
    names = (f"{f} {last}" for last, f in itertools.product(LAST, FIRST))
    return [(next(names), PARTIES[k % len(PARTIES)]) for k in range(n)]


def _choices(n: int, seed: int) -> list[Choice]:
    # a fixed, uneven pattern so that a shifted column shows up
    return [CHOICES[(k * 7 + seed + k // 3) % 3] for k in range(n)]


def test_header_rows() -> None:
    for ok in ("Namn JA NEJ Avstår", "Ledamot Ja Nej Avstår", "Ja Nej Avstår Frånvarande",
               "Ledamot Parti Ja Nej Avstår", "Namn Tjänstgörande ersättare Ja Nej Avstår",
               "Ledamot Parti Ja Nej Avstår Frånvarande"):
        assert is_header(ok), ok
    for not_ok in ("Anna Ek (S) x", "De som vill bifalla röstar ja nej avstår",
                   "Summa 17 14", "Ja"):
        assert not is_header(not_ok), not_ok


def _minutes(n: int) -> tuple[Minutes, list[Ballot]]:
    people = _people(n)
    participants = [Participant(name, party, Role.CHAIR if k == 0 else Role.MEMBER)
                    for k, (name, party) in enumerate(people)]
    ballots = [Ballot(name, c, party) for (name, party), c in zip(people, _choices(n, 1),
                                                                    strict=True)]
    item = Item(number=12, year=2024, title="Motion om cykelvägar", case_number="KS 2024/00012",
                decision_clauses=["Motionen avslås."],
                votes=[Vote(question="Votering begärs och genomförs.",
                            yes_means="kommunstyrelsens förslag", no_means="bifall till motionen",
                            ballots=ballots)])
    other = Item(number=13, year=2024, title="Delgivningar", case_number="KS 2024/00013",
                 decision_clauses=["Delgivningarna läggs till handlingarna."])
    m = Minutes(municipality="Ekeby kommun", body="Kommunfullmäktige",
                meeting=Meeting(date=dt.date(2024, 5, 14), start=dt.time(18, 0),
                                end=dt.time(21, 0), place="Sessionssalen, Stadshuset"),
                chair=people[0][0], secretary="Ulla Sekreterare", adjusters=[people[1][0]],
                adjusted=dt.date(2024, 5, 20), participants=participants, items=[item, other])
    return m, ballots


def _pairs(v: Vote) -> list[tuple]:
    return [(b.name, b.party, b.choice, b.serving_for) for b in v.ballots]


def test_kansli_protokoll_ballots_read_back(tmp_path: Path) -> None:
    m, ballots = _minutes(41)
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(minutes_pdf(m))
    res = read_file(pdf)
    assert res.ok, res.error
    doc = res.documents[0]
    item = doc.item(12)
    assert item is not None
    assert len(item.votes) == 1, item.votes  # the list over a page break is one vote
    v = item.votes[0]
    assert _pairs(v) == [(b.name, b.party, b.choice, None) for b in ballots]
    assert (v.yes, v.no, v.abstain) == tuple(
        sum(b.choice is c for b in ballots) for c in CHOICES)
    assert doc.item(13).votes == []
    assert not any("voteringslista" in w for w in res.warnings), res.warnings
    # the list really runs over a page break
    assert len({p for p in doc.source.pages}) >= 2


def test_kansli_protokoll_serving_substitute_keeps_its_ballot(tmp_path: Path) -> None:
    """Kansli prints a serving substitute as "Eva Ruud (tjänstgörande ersättare för Per
    Hassan)" with the party in a column of its own: that row is a ballot like any other, also
    as the last row of the list, and the printed totals then agree with the names. A long one
    wraps at the hyphen of a double name ("… för Mats Bergström-" above "Lund)")."""
    m, ballots = _minutes(6)
    for name, party, serving, choice in (
            ("Eva Ruud", "MP", "Per Hassan", Choice.NO),
            ("Anna Håkansson", "SD", "Mats Bergström-Lund", Choice.ABSTAIN)):
        m.participants.append(Participant(name, party, Role.SERVING_SUBSTITUTE,
                                          serving_for=serving))
        ballots.append(Ballot(name, choice, party, serving_for=serving))
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(minutes_pdf(m))
    res = read_file(pdf)
    assert res.ok, res.error
    v = res.documents[0].item(12).votes[0]
    assert _pairs(v) == [(b.name, b.party, b.choice, b.serving_for) for b in ballots]
    assert (v.yes, v.no, v.abstain) == tuple(
        sum(b.choice is c for b in ballots) for c in CHOICES)
    assert not any("voteringslista" in w for w in res.warnings), res.warnings


def _grid_html(rows: list[tuple[str, str, Choice | None, str | None]], *, totals: str | None,
               header: str = "Namn JA NEJ Avstår", page_break_every: int = 25) -> str:
    cols = header.split()[-3:]
    lead = " ".join(header.split()[:-3])

    def head() -> str:
        return (f"<tr><th class=n>{html.escape(lead)}</th>"
                + "".join(f"<th>{c}</th>" for c in cols) + "</tr>")

    out = [head()]
    for k, (name, party, choice, serving) in enumerate(rows):
        if k and k % page_break_every == 0:
            out.append("</table><div style='page-break-after: always'></div><table>")
            out.append(head())
        label = f"{name} ({party})"
        if serving:
            label = f"{name} (tjänstgörande ersättare för {serving}) ({party})"
        marks = "".join(f"<td>{'x' if choice is c else ''}</td>" for c in CHOICES)
        out.append(f"<tr><td class=n>{html.escape(label)}</td>{marks}</tr>")
    if totals:
        out.append(f"<tr><td class=n>SUMMA</td>{totals}</tr>")
    return f"""<!doctype html><html lang=sv><head><meta charset=utf-8><style>
@page {{ size: A4; margin: 2cm }}
body {{ font-family: DejaVu Sans, sans-serif; font-size: 10pt }}
table {{ border-collapse: collapse }} td, th {{ width: 3cm; text-align: center; padding: 2pt }}
td.n, th.n {{ width: 9cm; text-align: left }}
</style></head><body>
<p>Ekeby kommun</p><p>Kommunfullmäktige</p><p>Sammanträdesprotokoll</p>
<p>Sammanträdesdatum 2024-05-14</p>
<p>Plats och tid Sessionssalen, Stadshuset, kl. 18.00–21.00</p>
<h2>§ 45 Motion om cykelvägar</h2>
<p>Diarienummer KS 2024/00045</p>
<p>Beslutsgång</p>
<p>Votering begärs och genomförs. Den som bifaller kommunstyrelsens förslag röstar ja, den
som bifaller motionen röstar nej. Utfallet från voteringen blir som följer:</p>
<table>{''.join(out)}</table>
<p>Beslut</p><p>Kommunfullmäktige avslår motionen.</p>
<h2>§ 46 Delgivningar</h2>
<p>Beslut</p><p>Delgivningarna läggs till handlingarna.</p>
</body></html>"""


def _grid_rows(n: int) -> list[tuple[str, str, Choice | None, str | None]]:
    people = _people(n)
    rows = [(name, party, c, None) for (name, party), c in zip(people, _choices(n, 2),
                                                               strict=True)]
    # a serving substitute and a member without a mark (not voting)
    name, party, c, _ = rows[5]
    rows[5] = (name, party, c, "Kurt Ordinarie")
    name, party, _, _ = rows[9]
    rows[9] = (name, party, None, None)
    return rows


def _expected(rows: list[tuple[str, str, Choice | None, str | None]]) -> list[tuple]:
    return [(n, p, c, s) for n, p, c, s in rows if c is not None]


def _count(rows: list, choice: Choice) -> int:
    return sum(1 for r in rows if r[2] is choice)


def test_printed_grid_over_page_break(tmp_path: Path) -> None:
    rows = _grid_rows(37)
    pdf = tmp_path / "grid.pdf"
    pdf.write_bytes(render_pdf(_grid_html(rows, totals=None)))
    res = read_file(pdf)
    assert res.ok, res.error
    item = res.documents[0].item(45)
    assert item is not None and len(item.votes) == 1, item and item.votes
    v = item.votes[0]
    assert _pairs(v) == _expected(rows)
    # totals not printed: counted from the ballots
    assert (v.yes, v.no, v.abstain) == tuple(_count(rows, c) for c in CHOICES)
    assert res.documents[0].item(46).votes == []
    assert res.pages >= 2


def test_printed_totals_kept_when_they_disagree(tmp_path: Path) -> None:
    rows = _grid_rows(32)
    yes, no, abstain = (_count(rows, c) for c in CHOICES)
    wrong = f"<td>{yes + 1}</td><td>{no}</td><td>{abstain}</td>"
    pdf = tmp_path / "grid-sum.pdf"
    pdf.write_bytes(render_pdf(_grid_html(rows, totals=wrong)))
    res = read_file(pdf)
    v = res.documents[0].item(45).votes[0]
    assert _pairs(v) == _expected(rows)
    assert (v.yes, v.no, v.abstain) == (yes + 1, no, abstain)
    assert any("voteringslista" in w and "§ 45" in w for w in res.warnings), res.warnings


def test_printed_totals_that_agree_give_no_warning(tmp_path: Path) -> None:
    rows = _grid_rows(12)
    yes, no, abstain = (_count(rows, c) for c in CHOICES)
    pdf = tmp_path / "grid-ok.pdf"
    pdf.write_bytes(render_pdf(_grid_html(rows, totals=f"<td>{yes}</td><td>{no}</td>"
                                                       f"<td>{abstain}</td>",
                                          header="Ledamot Ja Nej Avstår")))
    res = read_file(pdf)
    v = res.documents[0].item(45).votes[0]
    assert _pairs(v) == _expected(rows)
    assert (v.yes, v.no, v.abstain) == (yes, no, abstain)
    assert not any("voteringslista" in w for w in res.warnings), res.warnings


def test_plain_text_keeps_totals_and_guesses_no_choices() -> None:
    text = _SEED_LIKE
    res = read_text(text, "utdrag.txt")
    assert res.ok, res.error
    item = res.documents[0].item(45)
    assert item is not None
    assert len(item.votes) == 1
    v = item.votes[0]
    assert v.ballots == []
    assert (v.yes, v.no) == (2, 1)


_SEED_LIKE = """Ekeby kommun
Kommunfullmäktige
Sammanträdesprotokoll
Sammanträdesdatum 2024-05-14
Plats och tid Sessionssalen, kl. 18.00–21.00

§ 45 Motion om cykelvägar
Diarienummer KS 2024/00045

Beslutsgång
Votering begärs och genomförs. Utfallet från voteringen blir som följer:

Namn JA NEJ Avstår
Anna Andersson (S) x
Erik Lindqvist (M) x
Maria Öberg (SD) x
SUMMA 2 1

Beslut
Kommunfullmäktige avslår motionen.
"""


def test_seed_with_text_grid_has_no_guessed_ballots() -> None:
    seeds = sorted(Path("/work/shared/seeds").glob("003_*.txt"))
    if not seeds:
        pytest.skip("seed 003 not available")
    res = read_file(seeds[0])
    assert res.ok, res.error
    votes = [v for d in res.documents for it in d.items for v in it.votes]
    assert votes and all(v.ballots == [] for v in votes)

