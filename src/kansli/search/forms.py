"""The search form: every field a GET parameter, so that a search has a permanent URL."""

from __future__ import annotations

from django import forms

from kansli.organisation.models import Body, Party

from .engine import Filters
from .models import ActorRole, EntryKind


class SearchForm(forms.Form):
    q = forms.CharField(label="Sökord", required=False, strip=True)
    organ = forms.TypedChoiceField(label="Organ", required=False, coerce=int, empty_value=None)
    ar = forms.IntegerField(
        label="År", required=False, min_value=1900, max_value=2200,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        error_messages={"invalid": "Ange året med fyra siffror, t.ex. 2025."},
    )
    typ = forms.ChoiceField(
        label="Typ av träff",
        required=False,
        choices=[("", "Alla typer"), (EntryKind.PARAGRAPH, "Paragrafer (beslut)"),
                 (EntryKind.CASE, "Ärenden"), (EntryKind.DOCUMENT, "Handlingar")],
    )
    person = forms.CharField(
        label="Person", required=False, max_length=200,
        help_text="Namn, eller del av namn, på en ledamot som yrkade eller reserverade sig.",
    )
    parti = forms.ChoiceField(label="Parti", required=False)
    roll = forms.ChoiceField(
        label="Som",
        required=False,
        choices=[("", "yrkade eller reserverade sig"), (ActorRole.MOVED, "yrkade"),
                 (ActorRole.DISSENTED, "reserverade sig")],
    )
    sida = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bodies = list(Body.objects.select_related("municipality").order_by("municipality__name", "name"))
        several = len({b.municipality_id for b in bodies}) > 1
        self.fields["organ"].choices = [("", "Alla organ")] + [
            (b.pk, f"{b.name} ({b.municipality.name})" if several else b.name) for b in bodies
        ]
        parties = sorted(set(Party.objects.values_list("short_name", flat=True)))
        self.fields["parti"].choices = [("", "Alla partier")] + [(p, p) for p in parties]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "autocomplete": "off", "aria-describedby": "q-help"}
        )
        self.fields["person"].widget.attrs.update({"aria-describedby": "person-help"})

    def valid_data(self) -> dict:
        """The fields that are valid (invalid ones are shown as errors and not used)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def filters(self) -> Filters:
        data = self.valid_data()
        return Filters(
            body=data.get("organ") or None,
            year=data.get("ar") or None,
            kind=data.get("typ") or None,
            person=data.get("person") or "",
            party=data.get("parti") or "",
            role=data.get("roll") or "",
        )
