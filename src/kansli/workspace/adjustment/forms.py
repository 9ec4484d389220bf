"""The signing form: a confirmation, and the passphrase or PIN when the key needs one."""

from __future__ import annotations

from django import forms

from kansli.signing.backends import Backend


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label="Jag har läst protokollet och intygar att det stämmer med det som beslutades.",
        error_messages={"required": "Kryssa i att du har läst protokollet innan du skriver under."},
    )

    def __init__(self, *args, backend: Backend, **kwargs):
        super().__init__(*args, **kwargs)
        if backend.secret_label:
            self.fields["secret"] = forms.CharField(
                label=backend.secret_label,
                help_text=backend.secret_help,
                widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
                strip=False,
                error_messages={"required": f"Skriv {backend.secret_label.lower()}."},
            )
