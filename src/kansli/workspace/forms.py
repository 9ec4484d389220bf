"""Forms of the case workspace. Labels and messages in Swedish."""

from __future__ import annotations

import io
import posixpath
import zipfile

from django import forms

from kansli.cases.models import CaseSeries, CaseStatus, DocumentKind
from kansli.organisation.models import Body

MAX_UPLOAD_BYTES = 50 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG = "image/png"
JPEG = "image/jpeg"

#: Accepted file name endings → (content type, name used in messages).
ACCEPTED: dict[str, tuple[str, str]] = {
    ".pdf": (PDF, "en PDF-fil"),
    ".docx": (DOCX, "ett Word-dokument (DOCX)"),
    ".png": (PNG, "en PNG-bild"),
    ".jpg": (JPEG, "en JPEG-bild"),
    ".jpeg": (JPEG, "en JPEG-bild"),
}


def _head(f, n: int = 8) -> bytes:
    f.seek(0)
    head = f.read(n)
    f.seek(0)
    return head


def _is_docx(f) -> bool:
    if _head(f, 4) != b"PK\x03\x04":
        return False
    try:
        f.seek(0)
        data = f if hasattr(f, "seekable") and f.seekable() else io.BytesIO(f.read())
        with zipfile.ZipFile(data) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        f.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def content_problem(upload) -> str | None:
    """Why ``upload`` is refused, or None if its content is what its name claims."""
    name = upload.name or ""
    ext = posixpath.splitext(name.lower())[1]
    if ext not in ACCEPTED:
        return (
            f"Filen ”{name}” har en filtyp som inte tas emot. "
            "Tillåtna filtyper är PDF, Word (DOCX), PNG och JPEG."
        )
    _, label = ACCEPTED[ext]
    if upload.size == 0:
        return f"Filen ”{name}” är tom."
    if upload.size > MAX_UPLOAD_BYTES:
        return f"Filen ”{name}” är större än {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
    f = upload.file if hasattr(upload, "file") else upload
    head = _head(f)
    ok = {
        ".pdf": head.startswith(b"%PDF-"),
        ".png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        ".jpg": head.startswith(b"\xff\xd8\xff"),
        ".jpeg": head.startswith(b"\xff\xd8\xff"),
    }.get(ext)
    if ext == ".docx":
        ok = _is_docx(f)
    if not ok:
        why = {
            ".pdf": "en PDF-fil börjar med %PDF-",
            ".docx": "ett Word-dokument är ett zip-arkiv med word/document.xml",
            ".png": "en PNG-bild börjar med PNG-signaturen",
            ".jpg": "en JPEG-bild börjar med JPEG-signaturen",
            ".jpeg": "en JPEG-bild börjar med JPEG-signaturen",
        }[ext]
        return (
            f"Filen ”{name}” är inte {label} som namnet säger: innehållet stämmer inte "
            f"({why}). Ingenting har sparats."
        )
    return None


class CaseFilterForm(forms.Form):
    q = forms.CharField(label="Sök på ärendemening eller diarienummer", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alla")] + list(CaseStatus.choices)
    )
    body = forms.ModelChoiceField(
        label="Organ", required=False, queryset=Body.objects.none(), empty_label="Alla"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(case_series__isnull=False).distinct()


class RegisterCaseForm(forms.Form):
    series = forms.ModelChoiceField(
        label="Diarieserie", queryset=CaseSeries.objects.none(), empty_label="Välj diarieserie"
    )
    title = forms.CharField(label="Ärendemening", max_length=500)
    secret = forms.BooleanField(
        label="Ärendet innehåller uppgifter som omfattas av sekretess", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = CaseSeries.objects.select_related("municipality")

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Skriv en ärendemening.")
        return title


class UploadDocumentForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=500)
    kind = forms.ChoiceField(label="Typ av handling", choices=DocumentKind.choices)
    file = forms.FileField(
        label="Fil",
        help_text="PDF, Word (DOCX), PNG eller JPEG, högst 50 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    secret = forms.BooleanField(label="Handlingen omfattas av sekretess", required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Skriv en titel.")
        return title

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = content_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    @property
    def content_type(self) -> str:
        ext = posixpath.splitext(self.cleaned_data["file"].name.lower())[1]
        return ACCEPTED[ext][0]
