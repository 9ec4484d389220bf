"""Forms of the delegation register. Labels and messages in Swedish."""

from __future__ import annotations

from django import forms

from .models import CommunicationKind

DATE = forms.DateInput(attrs={"type": "date"})


class DecisionForm(forms.Form):
    decided = forms.DateField(label="Beslutsdatum", widget=DATE)
    point_code = forms.CharField(
        label="Punkt i delegationsordningen", max_length=30, required=False,
        help_text="T.ex. A.1.3. Lämnas tom för brådskande beslut av ordföranden.",
    )
    delegate = forms.CharField(label="Beslutsfattare", max_length=200, help_text="Namn på den som fattade beslutet.")
    position = forms.CharField(label="Befattning", max_length=200, required=False, help_text="T.ex. enhetschef.")
    case_number = forms.CharField(label="Diarienummer", max_length=50, required=False)
    description = forms.CharField(
        label="Beslutet i korthet", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Utan personuppgifter: beslut i enskilda ärenden registreras som förteckning per period.",
    )
    urgent = forms.BooleanField(label="Brådskande beslut av ordföranden (6 kap. 39 § KL)", required=False)
    individual = forms.BooleanField(label="Förteckning över beslut i enskilda ärenden", required=False)
    period_start = forms.DateField(label="Period från", widget=DATE, required=False)
    period_end = forms.DateField(label="Period till", widget=DATE, required=False)
    count = forms.IntegerField(label="Antal beslut", min_value=1, required=False)


class CsvForm(forms.Form):
    file = forms.FileField(
        label="CSV-fil",
        help_text="Rubriker på första raden: Beslutsdatum; Punkt; Beslutsfattare; Befattning; Diarienummer; Beslut.",
    )


class CommunicationForm(forms.Form):
    kind = forms.ChoiceField(label="Typ", choices=CommunicationKind.choices)
    received = forms.DateField(label="Inkom", widget=DATE)
    sender = forms.CharField(label="Avsändare", max_length=300)
    title = forms.CharField(label="Rubrik", max_length=500)
    case_number = forms.CharField(label="Diarienummer", max_length=50, required=False)
