"""Forms of the § screen: text, motions, votes, reservations, statements and recipients.

The forms only parse what the secretary typed; :mod:`kansli.meetings.recording` checks it against
the record (who serves, locks) and stores it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from kansli.meetings.models import Choice, MotionKind, StatementKind
from kansli.meetings.recording import BALLOT_CHOICES, ServingMember


def _split_names(text: str) -> list[str]:
    """Names typed free: one per line or separated by commas or semicolons."""
    out = []
    for line in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


class _PeopleMixin:
    """A multiple choice of people (by name) plus a free-text field for anyone else."""

    def _people_fields(self, names: Sequence[str], label: str, *, others_label: str = "Andra namn") -> None:
        self.fields["people"] = forms.MultipleChoiceField(
            label=label,
            choices=[(n, n) for n in names],
            required=False,
            widget=forms.SelectMultiple(attrs={"size": min(max(len(names), 3), 10)}),
            help_text="Välj en eller flera; håll ned Ctrl (Cmd på Mac) för att välja fler än en.",
        )
        self.fields["others"] = forms.CharField(
            label=others_label,
            required=False,
            help_text="Namn som inte finns i listan, åtskilda med kommatecken.",
        )
        self.order_fields(["people", "others", *[f for f in self.fields if f not in ("people", "others")]])

    def names(self) -> list[str]:
        return list(self.cleaned_data.get("people") or []) + _split_names(self.cleaned_data.get("others", ""))


class ParagraphTextForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=500)
    case_number = forms.CharField(label="Diarienummer", max_length=50, required=False)
    decision = forms.CharField(
        label="Beslut", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Inledande beslutstext, t.ex. ”Nämnden beslutar”.",
    )
    decision_clauses = forms.CharField(
        label="Att-satser", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="En att-sats per rad.",
    )
    summary = forms.CharField(label="Sammanfattning", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    decision_basis = forms.CharField(
        label="Beslutsunderlag", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="En handling per rad.",
    )
    deliberation = forms.CharField(
        label="Överläggning", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order_of_questions = forms.CharField(
        label="Propositionsordning", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="En mening per rad, t.ex. ”Ordföranden ställer proposition på förslagen och finner "
        "att nämnden bifaller ordförandens förslag.”",
    )
    secret = forms.BooleanField(label="Paragrafen omfattas av sekretess (publiceras inte)", required=False)

    @classmethod
    def initial_for(cls, paragraph) -> dict:
        return {
            "title": paragraph.title,
            "case_number": paragraph.case_number,
            "decision": paragraph.decision,
            "decision_clauses": "\n".join(paragraph.decision_clauses),
            "summary": paragraph.summary,
            "decision_basis": "\n".join(paragraph.decision_basis),
            "deliberation": paragraph.deliberation,
            "order_of_questions": "\n".join(paragraph.order_of_questions),
            "secret": paragraph.secret,
        }


class MotionForm(_PeopleMixin, forms.Form):
    kind = forms.ChoiceField(label="Typ", choices=MotionKind.choices, initial=MotionKind.MAIN)
    text = forms.CharField(
        label="Yrkande", widget=forms.Textarea(attrs={"rows": 2}),
        help_text="T.ex. ”bifall till förvaltningens förslag” eller ”att ärendet återremitteras”.",
        error_messages={"required": "Skriv vad som yrkas."},
    )

    def __init__(self, *args, serving: Sequence[ServingMember] = (), **kwargs):
        super().__init__(*args, prefix="yrkande", **kwargs)
        self._people_fields([m.name for m in serving], "Yrkat av (tjänstgörande)")

    def clean(self):
        data = super().clean()
        if not self.errors and not self.names():
            raise forms.ValidationError("Ange vem som yrkar: välj i listan eller skriv ett namn.")
        return data


class DissentForm(_PeopleMixin, forms.Form):
    in_favour_of = forms.CharField(
        label="Till förmån för", required=False, max_length=500,
        widget=forms.TextInput(attrs={"list": "yrkanden-lista"}),
        help_text="Det yrkande reservationen gäller, t.ex. ”Anna Anderssons yrkande”.",
    )
    text = forms.CharField(
        label="Skriftlig motivering (kan lämnas in senare, före justeringen)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, serving: Sequence[ServingMember] = (), **kwargs):
        super().__init__(*args, prefix="reservation", **kwargs)
        self._people_fields([m.name for m in serving], "Reserverar sig (tjänstgörande)")
        del self.fields["others"]  # only those who took part in the decision may dissent

    def names(self) -> list[str]:
        return list(self.cleaned_data.get("people") or [])

    def clean(self):
        data = super().clean()
        if not self.errors and not self.names():
            raise forms.ValidationError("Välj vem som reserverar sig.")
        return data


class DissentTextForm(forms.Form):
    text = forms.CharField(
        label="Skriftlig reservation", widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Skriv in den skriftliga reservationens text."},
    )


class StatementForm(_PeopleMixin, forms.Form):
    kind = forms.ChoiceField(label="Typ", choices=StatementKind.choices, initial=StatementKind.MINUTES_NOTE)
    text = forms.CharField(label="Text (kan läggas till senare)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, present: Sequence[str] = (), **kwargs):
        super().__init__(*args, prefix="yttrande", **kwargs)
        self._people_fields(list(present), "Av (närvarande)")

    def clean(self):
        data = super().clean()
        if not self.errors and not self.names():
            raise forms.ValidationError("Ange vem som lämnar yttrandet eller anteckningen.")
        return data


class StatementTextForm(forms.Form):
    text = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Skriv in texten."},
    )


class RecipientsForm(forms.Form):
    recipients = forms.CharField(
        label="Beslutet skickas till", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="En mottagare per rad.",
    )


class VoteForm(forms.Form):
    """An open roll-call vote: one ja/nej/avstår radio group per serving member.

    Every group starts at ``default`` (the "alla ja" preset), so a secretary changes only the
    few who voted otherwise; Tab moves between members, the arrow keys between ja/nej/avstår.
    """

    question = forms.CharField(
        label="Voteringsproposition", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="T.ex. ”Votering begärs och verkställs.”",
    )
    yes_means = forms.CharField(
        label="Ja betyder bifall till", max_length=500,
        widget=forms.TextInput(attrs={"list": "forslag-lista"}),
        error_messages={"required": "Ange vilket förslag ja betyder."},
    )
    no_means = forms.CharField(
        label="Nej betyder bifall till", max_length=500,
        widget=forms.TextInput(attrs={"list": "forslag-lista"}),
        error_messages={"required": "Ange vilket förslag nej betyder."},
    )

    def __init__(self, *args, serving: Sequence[ServingMember] = (), default: str = Choice.YES,
                 ballots: dict[int, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.serving = list(serving)
        for member in self.serving:
            label = member.name + (f" ({member.party})" if member.party else "")
            if member.serving_for:
                label += f", tjänstgörande ersättare för {member.serving_for}"
            self.fields[self.key(member)] = forms.ChoiceField(
                label=label,
                choices=[(c.value, word) for c, word in BALLOT_CHOICES.items()],
                initial=(ballots or {}).get(member.person_id, default),
                widget=forms.RadioSelect,
                error_messages={"required": f"Välj ja, nej eller avstår för {member.name}."},
            )

    @staticmethod
    def key(member: ServingMember) -> str:
        return f"rost_{member.person_id}"

    def ballot_rows(self):
        """(member, bound field) per serving member, for the table."""
        return [(m, self[self.key(m)]) for m in self.serving]

    def ballots(self) -> dict[int, str]:
        """What was submitted, by person id, including names not on the form (refused later)."""
        out = {m.person_id: self.cleaned_data[self.key(m)] for m in self.serving}
        for key, value in self.data.items():
            if key.startswith("rost_") and key[5:].isdigit() and int(key[5:]) not in out:
                out[int(key[5:])] = value
        return out


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="Sammanträdet har beslutat att justera paragrafen omedelbart",
        error_messages={"required": "Bekräfta att sammanträdet beslutat om omedelbar justering."},
    )
