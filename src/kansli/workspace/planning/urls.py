"""URLs of the workspace's planning screens (included in the `workspace` namespace)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("planering/", views.index, name="planning"),
    path("planering/organ/<int:pk>/", views.schedule, name="planning_schedule"),
    path("planering/organ/<int:pk>/<int:year>/", views.schedule, name="planning_schedule_year"),
    path("planering/organ/<int:pk>/nytt-sammantrade/", views.meeting_create, name="planning_meeting_create"),
    path("planering/sammantraden/<int:pk>/", views.meeting_agenda, name="planning_meeting"),
    path("planering/sammantraden/<int:pk>/staende-punkter/", views.add_standing, name="planning_add_standing"),
    path("planering/sammantraden/<int:pk>/arenden/", views.add_case, name="planning_add_case"),
    path("planering/sammantraden/<int:pk>/punkter/<int:item_pk>/", views.item_update, name="planning_item_update"),
    path("planering/sammantraden/<int:pk>/punkter/<int:item_pk>/flytta/", views.item_move, name="planning_item_move"),
    path("planering/sammantraden/<int:pk>/punkter/<int:item_pk>/ta-bort/", views.item_remove, name="planning_item_remove"),
    path("planering/sammantraden/<int:pk>/kallelse/", views.kallelse_html, name="planning_kallelse"),
    path("planering/sammantraden/<int:pk>/kallelse.pdf", views.kallelse_pdf, name="planning_kallelse_pdf"),
    path("planering/sammantraden/<int:pk>/kallelse-med-handlingar.pdf", views.pack_pdf, name="planning_pack"),
    path("planering/sammantraden/<int:pk>/skickad/", views.mark_sent, name="planning_mark_sent"),
]
