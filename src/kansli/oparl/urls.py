"""OParl 1.1 (``/oparl/`` is the System object) and the CSV of a meeting's votes."""

from django.urls import path, re_path

from . import views, votes_csv

app_name = "oparl"

#: kind → path of its objects (see :mod:`kansli.oparl.tracking` for the kinds).
OBJECT_PATHS = {
    "body": "body/<int:pk>",
    "organization": "organization/<int:pk>",
    "party": "party/<int:pk>",
    "person": "person/<int:pk>",
    "membership": "membership/<int:pk>",
    "term": "legislativeterm/<int:pk>",
    "location": "location/<int:pk>",
    "meeting": "meeting/<int:pk>",
    "minutes": "meeting/<int:pk>/protokoll",
    "invitation": "meeting/<int:pk>/kallelse",
    "agendaitem": "agendaitem/<int:pk>",
    "agendaitem-consultation": "agendaitem/<int:pk>/consultation",
    "paragraph": "paragraph/<int:pk>",
    "paragraph-consultation": "paragraph/<int:pk>/consultation",
    "extract": "paragraph/<int:pk>/utdrag",
    "paper": "paper/<int:pk>",
    "document": "file/<int:pk>",
}

urlpatterns = [
    path("", views.system, name="system"),
    path("body", views.body_list, name="body-list"),
    *[
        path(f"body/<int:pk>/{what}", views.body_sublist(what), name=f"body-{what}")
        for what in views.BODY_LISTS
    ],
    *[path(route, views.detail(kind), name=kind) for kind, route in OBJECT_PATHS.items()],
    path(
        "organization/<int:pk>/meeting", views.organization_sublist(("meeting",)), name="organization-meeting"
    ),
    path(
        "organization/<int:pk>/consultation",
        views.organization_sublist(("agendaitem-consultation", "paragraph-consultation")),
        name="organization-consultation",
    ),
    path("meeting/<int:pk>/voteringar.csv", votes_csv.meeting_votes, name="meeting-votes-csv"),
    path(
        "meeting/<int:pk>/voteringar-summering.csv", votes_csv.meeting_vote_totals,
        name="meeting-vote-totals-csv",
    ),
    re_path(r"^(?P<rest>.*)$", views.unknown, name="unknown"),
]
