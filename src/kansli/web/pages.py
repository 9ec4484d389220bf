"""Static public pages the law requires: the accessibility statement (lag 2018:1937, 12 §)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kansli.organisation.models import Municipality

#: The date the statement text was last reviewed; change it when the text changes.
STATEMENT_UPDATED = dt.date(2026, 11, 23)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    municipality = Municipality.objects.order_by("pk").first()
    return render(request, "web/accessibility.html", {
        "owner": municipality.name if municipality else "Kommunen",
        "website": municipality.website if municipality else "",
        "contact": getattr(settings, "KANSLI_ACCESSIBILITY_CONTACT", ""),
        "updated": STATEMENT_UPDATED,
    })
