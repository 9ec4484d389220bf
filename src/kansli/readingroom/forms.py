from __future__ import annotations

from django import forms

from kansli.meetings.models import Question, QuestionKind

from .models import Highlight, HighlightColour


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Privat anteckning", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
        help_text="Bara du kan se dina anteckningar.",
        error_messages={"required": "Skriv något i anteckningen innan du sparar."},
    )


class HighlightForm(forms.ModelForm):
    class Meta:
        model = Highlight
        fields = ["quote", "page", "colour", "label"]
        labels = {
            "quote": "Text att markera", "page": "Sida (valfritt)", "colour": "Färg", "label": "Etikett (valfritt)",
        }
        help_texts = {"quote": "Klistra in eller skriv av texten du vill markera."}
        widgets = {"quote": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "quote": {"required": "Skriv in texten som ska markeras."},
            "page": {"invalid": "Ange sidan som ett heltal, t.ex. 3.", "min_value": "Sidan måste vara 1 eller högre."},
        }

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is not None and page < 1:
            raise forms.ValidationError("Sidan måste vara 1 eller högre.")
        return page

    def clean_colour(self):
        return self.cleaned_data.get("colour") or HighlightColour.YELLOW


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "asked_by", "answered_by", "question", "answer"]
        labels = {
            "kind": "Typ",
            "asked_by": "Fråga från (ledamot)",
            "answered_by": "Besvarad av / information lämnad av",
            "question": "Fråga eller ämne",
            "answer": "Svar eller information",
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 3}), "answer": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == QuestionKind.QUESTION and not data.get("asked_by"):
            self.add_error("asked_by", "Ange vem som ställde frågan.")
        if kind == QuestionKind.QUESTION and not data.get("question"):
            self.add_error("question", "Skriv frågan.")
        if kind == QuestionKind.INFORMATION and not (data.get("answered_by") or data.get("answer")):
            self.add_error("answered_by", "Ange vem som informerade eller vad informationen gällde.")
        return data
