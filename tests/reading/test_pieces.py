"""Unit tests for the parser pieces: furniture, dehyphenation, ligatures, headings, participants,
case numbers, kinds."""

from __future__ import annotations

import pytest

from kansli.minutes.model import DocumentKind, Role
from kansli.reading import read_text
from kansli.reading.casenumbers import find_case_number, strip_case_number
from kansli.reading.cleanup import (
    Line,
    dehyphenate,
    is_furniture,
    join_lines,
    mark_furniture,
    repair_ligatures,
)
from kansli.reading.extract import is_garbled
from kansli.reading.paragraphs import parse_toc, split_sections
from kansli.reading.participants import parse_attendance, parse_entries
from kansli.reading.split import split_documents


@pytest.mark.parametrize("text", [
    "Sida 3 av 15", "7[15]", "7 (15)", "Blad 2", "PROTOKOLL 7[15]", "Justerandes sign",
    "Utdragsbestyrkande", "Tjänsteskrivelse 2(2)", "Comfact Signature Referensnummer: 1106026",
    "Hemsida: www.botkyrka.se", "Sammanträdesdatum Paragraf", "43 §",
    "Ks § 35 (forts.)", "§ 12 forts", "Forts. § 12",
])
def test_furniture(text):
    assert is_furniture(text)


@pytest.mark.parametrize("text", ["Beslut", "Vård- och omsorgsnämnden godkänner rapporten.",
                                  "Tuva Lund (S), ordförande", "§ 12 Fortsatt arbete med skolplanen"])
def test_not_furniture(text):
    assert not is_furniture(text)


def test_repeated_lines_are_furniture():
    lines = []
    for page in range(1, 6):
        lines += [Line("Vård- och omsorgsnämnden 2021-05-17 Kod: 1.1.3.1", page),
                  Line(["Ett", "Två", "Tre", "Fyra", "Fem"][page - 1] + " stycke text som bara står här", page), Line("Beslut", page)]
    mark_furniture(lines, 5)
    assert [ln.furniture for ln in lines[:3]] == [True, False, False]


def test_a_dated_running_header_in_text_without_page_breaks_is_furniture():
    body = ["Beslut", "Nämnden godkänner rapporten.", "Beslutsunderlag",
            "Tjänsteskrivelse 2024-02-20"]
    lines = [Line(t, 1) for _ in range(4) for t in ["Kommunstyrelsen   2024-03-12", *body]]
    mark_furniture(lines, 1)
    assert {ln.text for ln in lines if ln.furniture} == {"Kommunstyrelsen   2024-03-12"}


def test_dehyphenation():
    assert join_lines(["verksamhets-", "berättelsen"]) == "verksamhetsberättelsen"
    assert join_lines(["hälso-", "och sjukvård"]) == "hälso- och sjukvård"
    assert dehyphenate("läns-\ngemensamma") == "länsgemensamma"


def test_ligatures():
    assert repair_ligatures("Martn efer fnns") == "Martin efter finns"
    assert repair_ligatures("Kristna Stefansson") == "Kristina Stefansson"
    assert repair_ligatures("Tuva Lund") == "Tuva Lund"  # nothing to repair


def test_garbled_detection():
    good = ("Vård- och omsorgsnämnden godkänner förvaltningens förslag till verksamhetsberättelse "
            "och överlämnar den till kommunstyrelsen för vidare handläggning av ärendet.")
    bad = ("Ungdomsfullmäktgg godkänngr förgdrggnnngslnsagn och bgsluagr om gvgnaugllg "
           "tlläggsärgndgn eftgrsom mandavpgriodgn var sluv ohm dgv btlir nvval inom mösv")
    assert not is_garbled(good)
    assert is_garbled(bad)


@pytest.mark.parametrize("text, expected", [
    ("Diarienummer VON-2020/1319.111", "VON-2020/1319.111"),
    ("Kf §98 Dnr KS.2023.146", "KS.2023.146"),
    ("Information från förvaltningen(von/2019:5)", "von/2019:5"),
    (" NKBY/528/00.02.07/2022", "NKBY/528/00.02.07/2022"),
    ("Budget 2022 och 2023", None),
])
def test_case_numbers(text, expected):
    assert find_case_number(text) == expected


def test_strip_case_number():
    assert strip_case_number("Delårsrapport 1 VON/2021:00123") == ("Delårsrapport 1", "VON/2021:00123")


def _lines(text, page=1):
    return [Line(t, page) for t in text.split("\n")]


@pytest.mark.parametrize("heading", ["§ 28", "§ 28/2021", "28 §", "Ks § 28"])
def test_section_headings(heading):
    text = f"Preamble\n{heading}\nTitel på ärendet\nDnr KS/2021:12\nBeslut\nNämnden beslutar.\n"
    sections, _ = split_sections(_lines(text))
    assert [(s.number, s.title, s.case_number) for s in sections] == [
        (28, "Titel på ärendet", "KS/2021:12")]


def test_a_case_number_printed_above_the_heading_belongs_to_that_paragraph():
    text = ("§ 12 Budget\nDnr KS 2022/3\nBeslut\nNämnden godkänner budgeten.\n"
            "KS 2022/45\n§ 13 Taxor för trygghetslarm\nBeslut\nNämnden fastställer taxan.")
    sections, _ = split_sections(_lines(text))
    assert [(s.number, s.title, s.case_number) for s in sections] == [
        (12, "Budget", "KS 2022/3"), (13, "Taxor för trygghetslarm", "KS 2022/45")]
    assert "KS 2022/45" not in " ".join(ln.text for ln in sections[0].lines)


def test_a_title_printed_above_a_bare_heading_leaves_the_previous_paragraph():
    text = ("§ 12\nBudget\nBeslut\nNämnden godkänner budgeten.\n"
            "Taxor för trygghetslarm\n§ 13\nBeslut\nNämnden fastställer taxan.")
    sections, _ = split_sections(_lines(text))
    assert [(s.number, s.title) for s in sections] == [(12, "Budget"), (13, "Taxor för trygghetslarm")]
    assert "Taxor" not in " ".join(ln.text for ln in sections[0].lines)


def test_a_case_number_ending_a_paragraph_text_is_not_moved():
    text = ("§ 12 Budget\nDnr KS 2022/3\nBeslut\nSe ärende KS 2022/45.\n"
            "§ 13 Taxor\nDnr KS 2022/46\nBeslut\nNämnden fastställer taxan.")
    sections, _ = split_sections(_lines(text))
    assert [s.case_number for s in sections] == ["KS 2022/3", "KS 2022/46"]


def test_references_to_other_paragraphs_are_not_headings():
    text = ("§ 37\nAnmälningsärenden\nBeslut\nNoteras.\n§ 32 KF 2021-03-25 - Avsägelser\n"
            "§ 38\nDelegationsbeslut\nBeslut\nNoteras.")
    sections, _ = split_sections(_lines(text))
    assert [s.number for s in sections] == [37, 38]


def test_toc():
    text = "Val av justerare § 1/2021\nBudget 2022 § 2/2021\n"
    toc, _ = parse_toc(_lines(text))
    assert toc == {1: "Val av justerare", 2: "Budget 2022"}


def test_participant_lines():
    got = parse_entries("Jens Vollmer (L), ledamot §§29-39, deltar digitalt "
                        "Aram El Khoury (KD, 1:e vice ordförande, deltar på plats "
                        "Sonja Jonasson (C), tjänstgörande ersättare för Jens Vollmer (L) § 28",
                        Role.MEMBER)
    assert [(p.name, p.party, p.role) for p in got][:2] == [
        ("Jens Vollmer", "L", Role.MEMBER), ("Aram El Khoury", "KD", Role.FIRST_VICE_CHAIR)]
    assert (got[0].paragraphs[0].first, got[0].paragraphs[0].last) == (29, 39)
    assert got[0].remote is True and got[1].remote is False
    assert got[2].role == Role.SERVING_SUBSTITUTE


def test_attendance_blocks():
    text = ["Beslutande", "Anna Ek (S), ordförande", "Bo Ek (M)", "Tjänstgörande ersättare",
            "Cia Ek (V) ersätter Dan Ek (V)", "Ersättare", "Eva Ek (C), Fia Ek (KD) och Gun Ek (L)",
            "Övriga närvarande", "Hans Ek, förvaltningschef", "Utses att justera", "Bo Ek"]
    got = [(p.name, p.party, p.role, p.serving_for, p.office) for p in parse_attendance(text)]
    assert got == [
        ("Anna Ek", "S", Role.CHAIR, None, None), ("Bo Ek", "M", Role.MEMBER, None, None),
        ("Cia Ek", "V", Role.SERVING_SUBSTITUTE, "Dan Ek", None),
        ("Eva Ek", "C", Role.SUBSTITUTE, None, None), ("Fia Ek", "KD", Role.SUBSTITUTE, None, None),
        ("Gun Ek", "L", Role.SUBSTITUTE, None, None),
        ("Hans Ek", None, Role.OTHER, None, "förvaltningschef"),
    ]


def test_checkbox_attendance():
    text = ["Beslutande", "ordinarie ersättare", "[X] Lind Mikael, ordförande [ ] Ek Karita",
            "[ ] Karf Johannes [X] Rögård Linda"]
    got = [(p.name, p.role) for p in parse_attendance(text)]
    assert got == [("Lind Mikael", Role.CHAIR), ("Rögård Linda", Role.SERVING_SUBSTITUTE)]


@pytest.mark.parametrize("first, kind", [
    ("KALLELSE/FÖREDRAGNINGSLISTA 1 [2]", DocumentKind.NOTICE_OF_MEETING),
    ("ORDFÖRANDEFÖRSLAG 1[1]", DocumentKind.CHAIR_PROPOSAL),
    ("TJÄNSTESKRIVELSE 1[1]", DocumentKind.MEMO),
    ("Sammanträdesprotokoll Blad 1 (5)", DocumentKind.MINUTES),
    ("PROTOKOLLSUTDRAG", DocumentKind.EXTRACT),
])
def test_kind_markers(first, kind):
    docs = split_documents(_lines(f"{first}\nNågot innehåll här"))
    assert docs[0].kind == kind


def test_pack_is_split():
    text = ("KALLELSE\nÄrenden\n1 Information\nORDFÖRANDEFÖRSLAG 1[1]\nInformation(von/2019:5)\n"
            "Förslag till beslut\nNämnden noterar.\nTJÄNSTESKRIVELSE 1[1]\nInformation\n"
            "Förslag till beslut\nNämnden noterar.\nTJÄNSTESKRIVELSE 2[2]\nmer text")
    kinds = [d.kind for d in split_documents(_lines(text))]
    assert kinds == [DocumentKind.NOTICE_OF_MEETING, DocumentKind.CHAIR_PROPOSAL, DocumentKind.MEMO]


@pytest.mark.parametrize("line, role", [
    ("Anna Ek (S) ordf.", Role.CHAIR),
    ("Anna Ek (S), ordf", Role.CHAIR),
    ("Anna Ek (S) 1:e vice ordf.", Role.FIRST_VICE_CHAIR),
    ("Anna Ek (S) 2:e v. ordf.", Role.SECOND_VICE_CHAIR),
    ("Anna Ek (S) v. ordförande", Role.FIRST_VICE_CHAIR),
    ("Anna Ek (S), ledamot", Role.MEMBER),
])
def test_abbreviated_roles(line, role):
    [p] = parse_attendance(["Beslutande", line])
    assert (p.name, p.party, p.role) == ("Anna Ek", "S", role)


def test_serving_substitutes_written_name_comma_party():
    got = parse_attendance(["Ledamöter", "Anna Ek, S, ordförande", "Per Berg, M",
                            "Tjänstgörande ersättare", "Siv Holm, V, ersätter Lars Bo"])
    assert [(p.name, p.party, p.role, p.serving_for) for p in got] == [
        ("Anna Ek", "S", Role.CHAIR, None), ("Per Berg", "M", Role.MEMBER, None),
        ("Siv Holm", "V", Role.SERVING_SUBSTITUTE, "Lars Bo")]


def test_a_sub_heading_beside_the_label_column_sets_the_role():
    got = parse_attendance(["Övriga närvarande      Ersättare", "Malin Öhman (S)",
                            "Tjänstepersoner", "Cecilia Wennberg, kommundirektör",
                            "Utses att justera      Petra Lindholm (M)"])
    assert [(p.name, p.role, p.office) for p in got] == [
        ("Malin Öhman", Role.SUBSTITUTE, None), ("Cecilia Wennberg", Role.OTHER, "kommundirektör")]


_ITEMS = [(12, "Godkännande av dagordning", "KS 2024/10"),
          (13, "Budgetuppföljning per mars 2024", "KS 2024/88"),
          (14, "Svar på motion om cykelvägar i centrum", "KS 2023/301"),
          (15, "Anmälan av delegationsbeslut", "KS 2024/5")]


@pytest.mark.parametrize("shape, with_number", [
    ("§ {n}\n{t}\nDnr {d}", True),
    ("§ {n} {t}\nDnr {d}", True),
    ("§ {n}    Dnr {d}\n{t}", True),
    ("KS § {n}    {d}\n{t}", True),
    ("§ {n}/2024\n{t}\nDiarienummer: {d}", True),
    ("{t}\n§ {n}\nÄrendenummer {d}", True),
    ("§ {n}. {t}\nDnr {d}", True),
    ("§ {n} – {t}", False),
    ("{n} §\n{t}", False),
])
def test_heading_shapes(shape, with_number):
    """The § heading shapes Swedish and Finland-Swedish protokoll print, each in a whole
    protokoll: number, title and case number of every §."""
    head = ("Protokoll\nKommunstyrelsen\nDatum: 2024-04-02 kl. 13.00–15.00\nPlats: Kommunhuset\n"
            "Beslutande\nAnna Ek (S), ordförande\nPer Berg (M)\nUtses att justera: Per Berg\n\n")
    body = "".join(shape.format(n=n, t=t, d=d) + "\n\nBeslut\nKommunstyrelsen godkänner förslaget.\n\n"
                   for n, t, d in _ITEMS)
    [doc] = read_text(head + body).documents
    assert [(i.number, i.title, i.case_number) for i in doc.items] == [
        (n, t, d if with_number else None) for n, t, d in _ITEMS]


@pytest.mark.parametrize("lines, start, end, place", [
    ("Sammanträdesdatum\n2024-04-02", None, None, None),
    ("Datum: tisdagen den 2 april 2024", None, None, None),
    ("Tid: 2024-04-02 kl 13.00", "13:00", None, None),
    ("Tid och plats: Kommunhuset, tisdag 2 april 2024 kl. 13.00–15.00", "13:00", "15:00", "Kommunhuset"),
    ("Plats och tid: Kommunhuset, 2024-04-02 kl. 13.00–15.00", "13:00", "15:00", "Kommunhuset"),
    ("Tisdag 2 april 2024, kl. 13.00–15.00", "13:00", "15:00", None),
    ("Mötesdatum 2024-04-02", None, None, None),
    ("Datum 02.04.2024", None, None, None),
    ("Tid\n2024-04-02, kl. 13:00-15:00", "13:00", "15:00", None),
    ("Kommunstyrelsens sammanträde den 2 april 2024", None, None, None),
])
def test_meeting_date_shapes(lines, start, end, place):
    """The meeting's date among the other dates of the front page (justering, notice, a date
    in a decision), with its time and place when printed."""
    text = (f"Protokoll\nKommunstyrelsen\n{lines}\nBeslutande\nAnna Ek (S), ordförande\nPer Berg (M)\n"
            "Justering: 2024-04-09\nAnslaget sätts upp 2024-04-10\nAnslaget tas ned 2024-05-02\n\n"
            "§ 12\nBudget\nBeslut\nKommunstyrelsen godkänner förslaget som lämnades 2024-03-20.\n\n"
            "§ 13\nDelegationsbeslut\nBeslut\nRedovisningen godkänns.\n")
    [doc] = read_text(text).documents
    m = doc.meeting
    assert (m.date.isoformat(), m.start and f"{m.start:%H:%M}", m.end and f"{m.end:%H:%M}", m.place) == (
        "2024-04-02", start, end, place)


def test_a_title_before_a_name_is_not_part_of_it():
    [doc] = read_text("Protokoll\nKommunstyrelsen\nDatum: 2024-04-02\n\n§ 12\nBudget\nYrkanden\n"
                      "Ordföranden Hans Wiklund (S) yrkar bifall till förslaget.\n"
                      "Vice ordföranden Eva Ek (M) yrkar avslag.\nBeslut\nFörslaget bifalls.\n\n"
                      "§ 13\nDelegationsbeslut\nBeslut\nRedovisningen godkänns.\n").documents
    assert [m.by for m in doc.items[0].motions] == [["Hans Wiklund"], ["Eva Ek"]]


_AGENDA = [(1, "Val av justerare", None), (2, "Budget 2025 för nämnden", "BUN 2024/12"),
           (3, "Svar på medborgarförslag om lekplats", "BUN 2024/40"), (4, "Delegationsbeslut", None)]


@pytest.mark.parametrize("shape, dnr", [
    ("{n}. {t}{dnr}", ", dnr {d}"),
    ("{n} {t}{dnr}", " ({d})"),
    ("Ärende {n}\n{t}{dnr}", "\nDnr {d}"),
    ("{n}   {t}{dnr}", "\n    Dnr {d}"),
    ("{n}   {t}{dnr}", "        {d}"),
])
def test_kallelse_item_shapes(shape, dnr):
    """The ways a kallelse lists its items: number, title and case number of each."""
    rows = [shape.format(n=n, t=t, dnr=dnr.format(d=d) if d else "") for n, t, d in _AGENDA]
    text = ("KALLELSE\nBarn- och utbildningsnämnden\nTid: 2024-05-14 kl. 08.30\n"
            "Plats: Stadshuset, Linden\n\nÄrenden\n" + "\n".join(rows) + "\n\nAnna Ek\nordförande\n")
    [doc] = read_text(text).documents
    assert doc.kind == DocumentKind.NOTICE_OF_MEETING
    assert [(i.number, i.title, i.case_number) for i in doc.items] == _AGENDA


def test_two_attendance_columns_side_by_side():
    """"Ledamöter" and "Ersättare" printed as two columns reach the text as one line per row."""
    got = parse_attendance(["Ledamöter                    Ersättare",
                            "Anna Ek (S), ordförande      Lisa Berg (S)",
                            "Per Berg (M)                 Olof Ek (M)",
                            "Siv Holm (V) tjänstgörande ersättare för Lars Bo (V)   Kim Ny (V)",
                            "Eva Lund (C)"])
    assert [(p.name, p.role, p.serving_for) for p in got] == [
        ("Anna Ek", Role.CHAIR, None), ("Per Berg", Role.MEMBER, None),
        ("Siv Holm", Role.SERVING_SUBSTITUTE, "Lars Bo"), ("Eva Lund", Role.MEMBER, None),
        ("Lisa Berg", Role.SUBSTITUTE, None), ("Olof Ek", Role.SUBSTITUTE, None),
        ("Kim Ny", Role.SUBSTITUTE, None)]
