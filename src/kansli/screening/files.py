"""Does an uploaded file carry a personnummer or samordningsnummer in its text?

Used before a document is published: a file whose text cannot be read (a scan, an image, a
broken PDF) cannot be screened and is treated as not cleared.
"""

from __future__ import annotations

import io
import re
import zipfile

from .detect import find_identity_numbers

MAX_TEXT = 5_000_000


def file_text(data: bytes, content_type: str) -> str | None:
    """The text of a PDF, DOCX or plain-text file; None when there is no readable text."""
    try:
        if content_type == "application/pdf" or data[:5] == b"%PDF-":
            import pypdfium2

            document = pypdfium2.PdfDocument(data)
            try:
                parts = [page.get_textpage().get_text_range() for page in document]
            finally:
                document.close()
            text = "\n".join(parts)
        elif data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = archive.read("word/document.xml").decode("utf-8", errors="replace")
            text = re.sub(r"<[^>]+>", " ", xml)
        elif content_type.startswith("text/"):
            text = data.decode("utf-8", errors="replace")
        else:
            return None
    except Exception:  # noqa: BLE001 — any unreadable file is simply not screenable
        return None
    text = text[:MAX_TEXT]
    return text if text.strip() else None


def identity_numbers_in_file(data: bytes, content_type: str) -> bool | None:
    """True when the text holds a valid identity number, False when it is clear, None when the
    file has no text that can be screened."""
    text = file_text(data, content_type)
    if text is None:
        return None
    return bool(find_identity_numbers(text))
