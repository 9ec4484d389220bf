"""read_file/read_text on bad input, the JSON command, and a hypothesis fuzz of the parser."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansli.minutes import dumps
from kansli.reading import read_file, read_text
from kansli.reading.cli import run_json


def test_empty_file(tmp_path):
    p = tmp_path / "tom.txt"
    p.write_text("")
    res = read_file(p)
    assert res.error and "tom.txt" in res.error and "tom" in res.error


def test_missing_file(tmp_path):
    res = read_file(tmp_path / "finns-inte.pdf")
    assert res.error and "finns-inte.pdf" in res.error


def test_not_a_pdf(tmp_path):
    p = tmp_path / "fel.pdf"
    p.write_bytes("det här är ingen pdf".encode())
    res = read_file(p)
    assert res.error and "fel.pdf" in res.error and "PDF" in res.error


def test_binary_file(tmp_path):
    p = tmp_path / "bild.txt"
    p.write_bytes(b"\x00\x01\x02" * 100)
    res = read_file(p)
    assert res.error and "bild.txt" in res.error


def _blank_pdf(path: Path, password: str | None = None) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(path))


def test_scanned_pdf_without_text(tmp_path):
    p = tmp_path / "skannad.pdf"
    _blank_pdf(p)
    res = read_file(p)
    assert res.error and "skannad.pdf" in res.error and "textlager" in res.error



def test_encrypted_pdf_message(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from kansli.reading import extract

    def boom(*a, **k):
        raise pdfium.PdfiumError("Failed to load document (PDFium: Incorrect password error).")

    monkeypatch.setattr(pdfium, "PdfDocument", boom)
    p = tmp_path / "låst.pdf"
    p.write_bytes(b"%PDF-1.7\n%fake\n")
    res = read_file(p)
    assert res.error and "låst.pdf" in res.error and "krypterad" in res.error
    assert extract  # module used by read_file


def test_not_minutes():
    res = read_text("Recept på kanelbullar.\nVetemjöl, smör, socker och kanel.\n", "bullar.txt")
    assert res.error is None
    assert any("bullar.txt" in w and "sammanträdeshandlingar" in w for w in res.warnings)


def test_form_feed_pages():
    text = ("Protokoll\nVård- och omsorgsnämnden\nDatum 2021-05-17 kl. 18.30–19.50\n"
            "Beslutande\nAnna Ek (S), ordförande\nBo Ek (M)\nJusterare\nBo Ek (M)\n\f"
            "§ 1\nVal av justerare\nBeslut\nBo Ek utses.\nSida 2 av 2\n")
    res = read_text(text, "x.txt")
    doc = res.documents[0]
    assert res.pages == 2
    assert doc.meeting.date.isoformat() == "2021-05-17"
    assert [(i.number, i.title) for i in doc.items] == [(1, "Val av justerare")]
    assert doc.source.pages == [1, 2] and len(doc.source.sha256) == 64
    json.loads(dumps(res.documents))


def test_run_json(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.txt").write_text("PROTOKOLL\nKommunstyrelsen 2024-01-02\n§ 1\nTitel\n")
    (tmp_path / "tom.md").write_text("")
    code = run_json([str(tmp_path)])
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert code == 1 and "tom.md" in out.err
    assert data and data[0]["kind"] == "protokoll"


_text = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from([
            "§ 12", "12 §", "Kf §98 Dnr KS.2023.146", "Beslutande", "Ersättare", "Övriga närvarande",
            "[X] Lind Mikael, ordförande [ ] Ek Karita", "Anna Ek (S), ordförande §§ 1-3",
            "Justerare", "Sekreterare", "Anslaget den Nedtas den", "2021-05-27 2021-06-18",
            "KALLELSE", "TJÄNSTESKRIVELSE 1[1]", "Förslag till beslut", "Beslut", "Sida 2 av 3",
            "Datum och tid: 2021-05-17 kl. 18:30-19:50", "\f", "Reservation", "SUMMA 17 14",
            "PROTOKOLLSANTECKNING", "Ärenden", "1 Information", "yrkar bifall", "(", "§§", "-",
        ]),
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text)
def test_fuzz_never_raises(text):
    res = read_text(text, "fuzz.txt")
    assert res.error is None or "oväntat fel" not in res.error, res.error
    dumps(res.documents)
