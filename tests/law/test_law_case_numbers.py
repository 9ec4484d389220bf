"""Diarienummer formats: every form printed in the seed documents, parse and format."""

from pathlib import Path

import pytest

from kansli.law.case_numbers import (
    DEFAULT_FORMATS,
    CaseNumber,
    CaseNumberFormat,
    find_case_numbers,
    parse_case_number,
)

# (text as printed, series, year, sequence, suffix, default format name)
SEED_FORMS = [
    # 000 (Botkyrka): serie/år:löpnummer, five digits
    ("VON/2021:00160", "VON", 2021, 160, None, "series/year:seq05"),
    ("VON/2020:00307", "VON", 2020, 307, None, "series/year:seq05"),
    ("von/2021:00330", "VON", 2021, 330, None, "series/year:seq05"),
    ("von/2021:0007", "VON", 2021, 7, None, "series/year:seq"),  # four digits, as printed
    # 001 (Huddinge): serie-år/löpnummer.klassificering
    ("VON-2020/1319.111", "VON", 2020, 1319, "111", "series-year/seq.class"),
    ("VON-2020/561.104", "VON", 2020, 561, "104", "series-year/seq.class"),
    ("VON-2021/93.905", "VON", 2021, 93, "905", "series-year/seq.class"),
    ("VON-2020/770", "VON", 2020, 770, None, "series-year/seq.class"),
    ("VON-2021/57", "VON", 2021, 57, None, "series-year/seq.class"),
    # 001: numbers of state authorities quoted in remisser
    ("S2020/09173", "S", 2020, 9173, None, "seriesyear/seq05"),
    ("S/18/0098", "S", 2018, 98, None, "series/yy/seq04"),
    # 002 and 004 (Södertälje-style lower case, no padding) and KS/AVUX series
    ("von/2019:5", "VON", 2019, 5, None, "series/year:seq"),
    ("von/2017:174", "VON", 2017, 174, None, "series/year:seq"),
    ("KS/2016:639", "KS", 2016, 639, None, "series/year:seq"),
    ("AVUX/2016:55", "AVUX", 2016, 55, None, "series/year:seq"),
    # 003 (Oxelösund): serie.år.löpnummer, also with a space
    ("VON.2023.55", "VON", 2023, 55, None, "series.year.seq"),
    ("VON.2023.3", "VON", 2023, 3, None, "series.year.seq"),
    ("KS.2023.146", "KS", 2023, 146, None, "series.year.seq"),
    ("KS 2023.180", "KS", 2023, 180, None, "series year.seq"),
    # fixtures/pdf (Nykarleby): serie/löpnummer/klassificering/år
    ("NKBY/383/02.02.00.01/2022", "NKBY", 2022, 383, "02.02.00.01", "series/seq/class/year"),
    ("NKBY/522/00.05.00/2022", "NKBY", 2022, 522, "00.05.00", "series/seq/class/year"),
    ("NKBY/56/00.02.07/2023", "NKBY", 2023, 56, "00.02.07", "series/seq/class/year"),
    # DESIGN.md and the issue: multi-word series and serie år/löpnummer
    ("KS KF/2025:12", "KS KF", 2025, 12, None, "series/year:seq"),
    ("SBN 2022/123", "SBN", 2022, 123, None, "series year/seq"),
]


@pytest.mark.parametrize(("text", "series", "year", "seq", "suffix", "fmt"), SEED_FORMS)
def test_every_seed_form_parses(text, series, year, seq, suffix, fmt) -> None:
    number = parse_case_number(text)
    assert number is not None
    assert (number.series, number.year, number.sequence, number.suffix) == (
        series,
        year,
        seq,
        suffix,
    )
    assert number.text == text
    assert number.source_format is not None and number.source_format.name == fmt


@pytest.mark.parametrize(("text", "series", "year", "seq", "suffix", "fmt"), SEED_FORMS)
def test_round_trip_gives_normalised_spelling(text, series, year, seq, suffix, fmt) -> None:
    number = parse_case_number(text)
    assert number is not None
    expected = "VON/2021:7" if text == "von/2021:0007" else text.upper()
    assert number.format() == expected
    assert parse_case_number(number.format()) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dnr: VON/2020:00307 ", "VON/2020:00307"),
        ("Diarienummer VON-2020/1319.111    ", "VON-2020/1319.111"),
        ("dnr VON-2021/217.193.", "VON-2021/217.193"),
        ("Dnr. KS.2023.146).", "KS.2023.146"),
        ("(Dnr S/18/0098)", "S/18/0098"),
        ("Dnr  von/2019:5 ", "VON/2019:5"),
    ],
)
def test_labels_and_punctuation_around_the_number_are_ignored(text: str, expected: str) -> None:
    number = parse_case_number(text)
    assert number is not None and number.format() == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Dnr", "hej", "2023-11-24", "VON/2021:0", "VON/21", "SOSFS 2014:5", "§ 28/2021"],
)
def test_invalid_input_gives_none(text: str) -> None:
    assert parse_case_number(text) is None


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_case_number(2021)  # type: ignore[arg-type]


def test_format_converts_between_municipal_formats() -> None:
    number = parse_case_number("von/2019:5")
    assert number is not None
    padded = DEFAULT_FORMATS[0]
    assert number.format(padded) == "VON/2019:00005"
    dotted = CaseNumberFormat("oxelösund", "{series}.{year}.{seq}")
    assert number.format(dotted) == "VON.2019.5"


def test_format_refuses_to_lose_or_invent_a_suffix() -> None:
    with_class = parse_case_number("VON-2020/1319.111")
    assert with_class is not None
    with pytest.raises(ValueError, match="klassificering"):
        with_class.format(DEFAULT_FORMATS[0])
    plain = parse_case_number("KS/2016:639")
    assert plain is not None
    nkby = next(f for f in DEFAULT_FORMATS if f.name == "series/seq/class/year")
    with pytest.raises(ValueError, match="kräver"):
        plain.format(nkby)


def test_two_digit_years() -> None:
    short = next(f for f in DEFAULT_FORMATS if f.name == "series/yy/seq04")
    assert short.parse("S/99/0001") == CaseNumber("S", 1999, 1)
    assert short.parse("S/05/0001") == CaseNumber("S", 2005, 1)
    with pytest.raises(ValueError, match="två siffror"):
        CaseNumber("S", 1950, 1).format(short)


def test_custom_format_with_optional_suffix() -> None:
    fmt = CaseNumberFormat("kf", "{series} KF/{year}:{seq:03d}[-{suffix}]")
    number = fmt.parse("ks kf/2025:012-4")
    assert number == CaseNumber("KS", 2025, 12, "4")
    assert fmt.format(CaseNumber("KS", 2025, 7)) == "KS KF/2025:007"
    assert parse_case_number("KS KF/2025:012", formats=[fmt]) == CaseNumber("KS", 2025, 12)


@pytest.mark.parametrize(
    "template",
    [
        "{series}/{seq}",  # no year
        "{year}:{seq}",  # no series
        "{series}/{year}:{seq}/{seq}",
        "{series}/{year}:{seq:x}",
        "{series}/{year}:{nummer}",
        "{series}/{year}:{seq}[.{suffix}",
        "{series}[/{year}]:{seq}",
    ],
)
def test_bad_templates_are_rejected(template: str) -> None:
    with pytest.raises(ValueError):
        CaseNumberFormat("bad", template)


def test_ordering_and_equality_ignore_spelling() -> None:
    a = parse_case_number("von/2019:5")
    b = parse_case_number("VON/2019:00005")
    assert a == b and a.text != b.text
    numbers = [
        CaseNumber("VON", 2021, 2),
        CaseNumber("KS", 2023, 1),
        CaseNumber("VON", 2020, 900),
        CaseNumber("VON", 2021, 10),
    ]
    assert [str(n) for n in sorted(numbers)] == [
        "KS/2023:1",
        "VON/2020:900",
        "VON/2021:2",
        "VON/2021:10",
    ]


def test_case_number_validates_fields() -> None:
    with pytest.raises(ValueError):
        CaseNumber("KS", 2023, 0)
    with pytest.raises(ValueError):
        CaseNumber(" ", 2023, 1)
    with pytest.raises(ValueError):
        CaseNumber("KS", 23, 1)
    assert CaseNumber(" ks  kf ", 2023, 1).series == "KS KF"


def test_find_in_running_text() -> None:
    text = (
        "Ärendet (Dnr KS.2022.178) och von/2019:117 samt Diarienummer AVUX/2016:55, "
        "KS/2016:639. Se även VON-2021/217.193. Under 2017/2018 och SOSFS 2014:5 gäller "
        "annat, liksom KF 23-11-08 och mål 12:3."
    )
    assert [n.text for n in find_case_numbers(text)] == [
        "KS.2022.178",
        "von/2019:117",
        "AVUX/2016:55",
        "KS/2016:639",
        "VON-2021/217.193",
    ]


def test_find_keeps_label_out_of_an_upper_case_series() -> None:
    found = find_case_numbers("DNR KS/2016:639 och DNR KS KF/2025:12")
    assert [(n.series, n.sequence) for n in found] == [("KS", 639), ("KS KF", 12)]


SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_labelled_number_in_the_seeds_parses() -> None:
    import re

    label = re.compile(r"(?:Dnr|Diarienummer|dnr)[.:]?[ \t]+(\S+(?: \d{4}\.\d+)?)")
    unparsed = []
    total = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for m in label.finditer(path.read_text(encoding="utf-8")):
            candidate = m.group(1).rstrip(".,;)")
            if not any(ch.isdigit() for ch in candidate):
                continue  # a table header such as "Datum Dnr"
            total += 1
            if parse_case_number(candidate) is None:
                unparsed.append((path.name, candidate))
    assert total >= 25
    assert unparsed == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_find_over_the_seeds_uses_every_seed_format() -> None:
    names = set()
    for path in sorted(SEEDS.glob("*.txt")):
        names.update(n.source_format.name for n in find_case_numbers(path.read_text()))
    expected = {f[5] for f in SEED_FORMS if not f[0].startswith(("NKBY", "KS KF", "SBN"))}
    assert expected <= names


PDFS = Path("/work/shared/fixtures/pdf")


@pytest.mark.skipif(not PDFS.is_dir(), reason="PDF fixtures not available")
def test_find_in_the_pdf_fixtures() -> None:
    pdfium = pytest.importorskip("pypdfium2")
    found = []
    for path in sorted(PDFS.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(path))
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        found.extend(find_case_numbers(text))
    assert len(found) >= 30
    assert {n.series for n in found} == {"NKBY"}
    assert all(n.suffix and n.format() == n.text for n in found)
