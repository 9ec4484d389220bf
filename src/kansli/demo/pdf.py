"""A tiny, valid PDF writer for demo documents: A4 pages of Helvetica text, nothing else.

Text is encoded as WinAnsi (cp1252), which covers Swedish letters. Lines are wrapped at a fixed
width; a page holds about 50 lines.
"""

from __future__ import annotations

import textwrap

_LINE_HEIGHT = 15
_TOP = 800
_BOTTOM = 60
_WIDTH_CHARS = 90


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _lines(title: str, paragraphs: list[str]) -> list[tuple[str, bool]]:
    lines: list[tuple[str, bool]] = [(title, True), ("", False)]
    for para in paragraphs:
        wrapped = textwrap.wrap(para, _WIDTH_CHARS) or [""]
        lines.extend((line, False) for line in wrapped)
        lines.append(("", False))
    return lines


def make_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A PDF document with ``title`` in bold and the ``paragraphs`` below it."""
    per_page = (_TOP - _BOTTOM) // _LINE_HEIGHT
    lines = _lines(title, paragraphs)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]

    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = add(b"<< /Title (" + _escape(title) + b") /Producer (Kansli demo) >>")
    kids = []
    for page_lines in pages:
        ops = [b"BT", b"50 %d Td" % _TOP]
        for line, is_bold in page_lines:
            ops.append(b"/F%d %d Tf" % (2 if is_bold else 1, 14 if is_bold else 11))
            ops.append(b"(" + _escape(line) + b") Tj")
            ops.append(b"0 -%d Td" % _LINE_HEIGHT)
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, font, bold, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R /Lang (sv-SE) >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
