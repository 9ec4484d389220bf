"""The common shapes of Swedish protokoll, each written as a short text: attendance lines and
tables, role headings, § ranges, § headings in their usual forms, tables of contents,
references to §§ inside running text, running headers and attachments."""

from __future__ import annotations

import datetime as dt

import pytest

from kansli.minutes.model import ParagraphRange, Role
from kansli.reading.api import read_text
from kansli.reading.participants import parse_attendance

FRONT = """Norrvik kommun
Sammanträdesprotokoll
Socialnämnden
Sammanträdesdatum 2025-05-12
Plats och tid Kommunhuset, kl. 13.00–15.30
"""


def _sections(*bodies: str, header: str = "Socialnämnden 2025-05-12") -> str:
    pages = [f"{header}\n{b}\nJusterandes sign\nSida {k + 2}" for k, b in enumerate(bodies)]
    return "\f".join(pages)


def _doc(front_extra: str, *bodies: str) -> str:
    return FRONT + front_extra + "\nJusterandes sign\nSida 1\f" + _sections(*bodies)


BODIES = (
    "§ 28 Val av justerare\nDnr SN/2025:00001\nBeslut\nAnna Ek utses att justera.",
    "§ 29 Taxor för trygghetslarm 2026\nDnr SN/2025:00012\nBeslut\nTaxan fastställs enligt "
    "förslaget, se även\n§ 31 nedan och enligt § 30 i reglementet.\nBeslutet skickas till\n"
    "• Kommunstyrelsen\n- Ekonomiavdelningen",
    "§ 30 Delegationsbeslut\nDnr SN/2025:00002\nBeslut\nRedovisningen godkänns.",
)


@pytest.mark.parametrize("line, name, party, role, serving_for", [
    ("Anna Ek (S), ordförande", "Anna Ek", "S", Role.CHAIR, None),
    ("Anna Ek (S) ordförande", "Anna Ek", "S", Role.CHAIR, None),
    ("Anna Ek, S, ordförande", "Anna Ek", "S", Role.CHAIR, None),
    ("Per Berg (M), 1:e vice ordförande", "Per Berg", "M", Role.FIRST_VICE_CHAIR, None),
    ("Eva Lind (V) 2:e vice ordförande", "Eva Lind", "V", Role.SECOND_VICE_CHAIR, None),
    ("Karin Holm (S), tjänstgörande ersättare för Nils Ek (S)", "Karin Holm", "S",
     Role.SERVING_SUBSTITUTE, "Nils Ek"),
    ("Lars Åberg (C) ers. för Maria Ström", "Lars Åberg", "C", Role.SERVING_SUBSTITUTE,
     "Maria Ström"),
    ("Olle Ny | KD | ledamot", "Olle Ny", "KD", Role.MEMBER, None),
    ("Olle Ny KD ledamot", "Olle Ny", "KD", Role.MEMBER, None),
    ("Ordförande: Anna Ek (S)", "Anna Ek", "S", Role.CHAIR, None),
])
def test_attendance_line_forms(line, name, party, role, serving_for):
    got = parse_attendance(["Beslutande", line, "Maja Berg (L), ledamot"])
    p = next((p for p in got if p.name == name), None)
    assert p is not None, got
    assert (p.party, p.role, p.serving_for) == (party, role, serving_for)


@pytest.mark.parametrize("heading, role", [
    ("Beslutande", Role.MEMBER), ("Ledamöter", Role.MEMBER),
    ("Tjänstgörande ersättare", Role.SERVING_SUBSTITUTE),
    ("Ej tjänstgörande ersättare", Role.SUBSTITUTE), ("Ersättare", Role.SUBSTITUTE),
    ("Övriga närvarande", Role.OTHER), ("Övriga deltagare", Role.OTHER),
    ("Tjänstemän", Role.OTHER),
])
def test_role_from_block_heading(heading, role):
    got = parse_attendance([heading, "Maja Berg (L)" if role != Role.OTHER else
                            "Maja Berg, socialchef"])
    assert [(p.name, p.role) for p in got] == [("Maja Berg", role)]


@pytest.mark.parametrize("spec, ranges", [
    ("§§ 28–30", [(28, 30)]), ("§§ 28—30", [(28, 30)]), ("§§ 28-30", [(28, 30)]),
    ("§ 28-30", [(28, 30)]), ("§§ 28, 30–31", [(28, 28), (30, 31)]), ("§ 29", [(29, 29)]),
])
def test_paragraph_ranges(spec, ranges):
    got = parse_attendance(["Beslutande", f"Maja Berg (L), ledamot {spec}"])
    assert got[0].paragraphs == [ParagraphRange(a, b) for a, b in ranges]


def test_sections_ignore_references_headers_and_lists():
    res = read_text(_doc("Beslutande\nAnna Ek (S), ordförande\nPer Berg (M), ledamot", *BODIES))
    doc = res.documents[0]
    assert doc.meeting.date == dt.date(2025, 5, 12)
    assert [(i.number, i.title, i.case_number) for i in doc.items] == [
        (28, "Val av justerare", "SN/2025:00001"),
        (29, "Taxor för trygghetslarm 2026", "SN/2025:00012"),
        (30, "Delegationsbeslut", "SN/2025:00002")]
    assert doc.items[1].recipients == ["Kommunstyrelsen", "Ekonomiavdelningen"]


@pytest.mark.parametrize("toc", [
    "Innehållsförteckning\n§ 28 Val av justerare ........ 2\n§ 29 Taxor för trygghetslarm "
    "2026 ........ 3\n§ 30 Delegationsbeslut ........ 4",
    "Paragrafer\n28 § Val av justerare . . . . . . sida 2\n29 § Taxor för trygghetslarm 2026 "
    ". . . . . . sida 3\n30 § Delegationsbeslut . . . . . . sida 4",
    "Ärenden\nVal av justerare § 28/2025\nTaxor för trygghetslarm 2026 § 29/2025\n"
    "Delegationsbeslut § 30/2025",
    "Ärenden\n§ 28 Val av justerare\n§ 29 Taxor för trygghetslarm 2026\n§ 30 Delegationsbeslut",
])
def test_table_of_contents_is_no_section(toc):
    res = read_text(_doc("Beslutande\nAnna Ek (S), ordförande\n" + toc, *BODIES))
    doc = res.documents[0]
    assert [(i.number, i.title) for i in doc.items] == [
        (28, "Val av justerare"), (29, "Taxor för trygghetslarm 2026"),
        (30, "Delegationsbeslut")]
    assert [p.name for p in doc.participants] == ["Anna Ek"]


@pytest.mark.parametrize("shape", ["{n} § {t}", "§ {n}\n{t}", "{t}\n§ {n}", "§ {n}. {t}"])
def test_heading_shapes(shape):
    bodies = []
    for n, t in ((28, "Val av justerare"), (29, "Taxor för trygghetslarm 2026"),
                 (30, "Delegationsbeslut")):
        bodies.append(shape.format(n=n, t=t) + f"\nDnr SN/2025:{n:05d}\nBeslut\nBeslutet fattas.")
    res = read_text(_doc("Beslutande\nAnna Ek (S), ordförande", *bodies))
    assert [(i.number, i.title) for i in res.documents[0].items] == [
        (28, "Val av justerare"), (29, "Taxor för trygghetslarm 2026"),
        (30, "Delegationsbeslut")]


def test_attachments_end_the_last_section():
    bodies = (*BODIES, "Bilaga 1\nReservation § 29\nVi anser att taxan är för hög.\nPer Berg (M)")
    res = read_text(_doc("Beslutande\nAnna Ek (S), ordförande", *bodies))
    doc = res.documents[0]
    assert [i.number for i in doc.items] == [28, 29, 30]
    assert "Vi anser" not in (doc.items[-1].decision or "")


def test_stray_paragraph_line_in_attendance():
    """A table cell wrapped so that "§ 30" stands alone: it belongs to the entry above and is
    no § heading (the §§ that follow read as a longer run)."""
    front = ("Beslutande\nAnna Ek (S), ordförande\nPer Berg (M), tjänstgörande ersättare för "
             "Eva Ek\n§ 30\nÖvriga närvarande\nLisa Ström, socialchef")
    doc = read_text(_doc(front, *BODIES)).documents[0]
    assert [i.number for i in doc.items] == [28, 29, 30]
    per = next(p for p in doc.participants if p.name == "Per Berg")
    assert (per.role, per.serving_for, per.paragraphs) == (
        Role.SERVING_SUBSTITUTE, "Eva Ek", [ParagraphRange(30, 30)])
    assert [p.name for p in doc.participants] == ["Anna Ek", "Per Berg", "Lisa Ström"]


def test_reference_at_line_start_is_no_heading():
    bodies = list(BODIES)
    bodies[1] = ("§ 29 Taxor för trygghetslarm 2026\nDnr SN/2025:00012\nBeslut\nTaxan fastställs "
                 "med stöd av\n§ 30 i reglementet för nämnden.\nBeslutet skickas till\n"
                 "• Kommunstyrelsen\n- Ekonomiavdelningen")
    doc = read_text(_doc("Beslutande\nAnna Ek (S), ordförande", *bodies)).documents[0]
    assert [(i.number, i.title) for i in doc.items] == [
        (28, "Val av justerare"), (29, "Taxor för trygghetslarm 2026"),
        (30, "Delegationsbeslut")]


def test_written_reservation_page_ends_the_last_section():
    bodies = (*BODIES, "Reservation § 29\nVi anser att taxan är för hög.\nPer Berg (M)")
    doc = read_text(_doc("Beslutande\nAnna Ek (S), ordförande", *bodies)).documents[0]
    assert [i.number for i in doc.items] == [28, 29, 30]
    assert doc.items[-1].reservations == []
    assert "Vi anser" not in (doc.items[-1].decision or "")


def test_a_chair_named_in_the_header_and_in_the_list_is_one_participant():
    from kansli.minutes import ParagraphRange, Participant, Role
    from kansli.reading.participants import merge_repeated

    header = Participant("Anna Lind", "S", Role.CHAIR)
    listed = Participant("Anna Lind", "S", Role.CHAIR, remote=False)
    serving = Participant("Eva Ek", "C", Role.SERVING_SUBSTITUTE, paragraphs=[ParagraphRange(28, 28)])
    waiting = Participant("Eva Ek", "C", Role.SUBSTITUTE, paragraphs=[ParagraphRange(29, 39)])
    merged = merge_repeated([header, listed, serving, waiting])
    assert [(p.name, p.role) for p in merged] == [
        ("Anna Lind", Role.CHAIR), ("Eva Ek", Role.SERVING_SUBSTITUTE), ("Eva Ek", Role.SUBSTITUTE)
    ]
    assert merged[0].remote is False  # what the list adds is kept
