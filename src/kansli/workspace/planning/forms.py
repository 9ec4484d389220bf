"""Forms of the planning screens. Labels and messages in Swedish."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from kansli.organisation.models import Body, Person

DATE_ERRORS = {"invalid": "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-10."}
TIME_ERRORS = {"invalid": "Ange tiden som TT:MM, till exempel 18:30."}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        party = f" ({obj.party.short_name})" if obj.party_id else ""
        title = f", {obj.title}" if obj.title else ""
        return f"{obj.name}{party}{title}"


class MeetingForm(forms.Form):
    date = forms.DateField(label="Datum", widget=DateInput(), error_messages=DATE_ERRORS)
    start = forms.TimeField(label="Starttid", required=False, widget=TimeInput(), error_messages=TIME_ERRORS)
    place = forms.CharField(label="Plats", max_length=300, help_text="T.ex. sammanträdesrummet i kommunhuset.")
    chair = PersonChoiceField(
        label="Ordförande", queryset=Person.objects.none(), required=False, empty_label="– organets ordförande –",
        help_text="Tomt: den som är ordförande i organet på sammanträdesdagen.",
    )
    secretary = PersonChoiceField(
        label="Sekreterare", queryset=Person.objects.none(), required=False, empty_label="– ingen vald –",
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["chair"].queryset = (
            Person.objects.filter(memberships__body=body, memberships__role="member")
            .select_related("party").distinct().order_by("name")
        )
        self.fields["secretary"].queryset = (
            Person.objects.filter(municipality=body.municipality).select_related("party").order_by("name")
        )
        self.fields["chair"].error_messages["invalid_choice"] = "Välj en ledamot i organet som ordförande."
        self.fields["secretary"].error_messages["invalid_choice"] = "Välj en person i kommunen som sekreterare."
        self.fields["date"].error_messages["required"] = "Ange sammanträdets datum."
        self.fields["place"].error_messages["required"] = "Ange var sammanträdet hålls."

    def clean_date(self) -> dt.date:
        day = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise forms.ValidationError("Datumet har redan passerat. Ett sammanträde planeras framåt i tiden.")
        if day.year > timezone.localdate().year + 5:
            raise forms.ValidationError("Datumet ligger mer än fem år fram i tiden. Kontrollera året.")
        return day


class ItemForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=500)
    proposed_decision = forms.CharField(label="Förslag till beslut", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Punkten måste ha en rubrik."


class AddCaseForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Välj ett ärende.", "invalid": "Välj ett ärende."})
    proposed_decision = forms.CharField(label="Förslag till beslut", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MarkSentForm(forms.Form):
    sent = forms.DateField(
        label="Kallelsen skickades", widget=DateInput(), error_messages=DATE_ERRORS,
        help_text="Datum då kallelsen skickades till ledamöter och ersättare.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent"].error_messages["required"] = "Ange när kallelsen skickades."

    def clean_sent(self) -> dt.date:
        sent = self.cleaned_data["sent"]
        if sent > timezone.localdate():
            raise forms.ValidationError("Datumet ligger i framtiden. Markera kallelsen som skickad när den har skickats.")
        return sent
