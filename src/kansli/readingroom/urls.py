from django.urls import path

from . import views

app_name = "readingroom"

urlpatterns = [
    path("", views.index, name="index"),
    path("sammantraden/<int:pk>/", views.meeting, name="meeting"),
    path("sammantraden/<int:pk>/kallelse/", views.kallelse, name="kallelse"),
    path("sammantraden/<int:pk>/handlingar/<int:doc_pk>/", views.document, name="document"),
    path("sammantraden/<int:pk>/handlingar/<int:doc_pk>/fil/", views.document_file, name="document_file"),
    path("sammantraden/<int:pk>/handlingar/<int:doc_pk>/anteckningar/", views.note_add, name="note_add"),
    path(
        "sammantraden/<int:pk>/handlingar/<int:doc_pk>/anteckningar/<int:note_pk>/ta-bort/",
        views.note_delete, name="note_delete",
    ),
    path("sammantraden/<int:pk>/handlingar/<int:doc_pk>/markeringar/", views.highlight_add, name="highlight_add"),
    path("paragrafer/<int:pk>/ovriga-fragor/", views.questions, name="questions"),
]
