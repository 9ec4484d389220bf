"""URLs of the workspace's live screens (included in the `workspace` namespace)."""

from django.urls import path

from . import paragraph_views

urlpatterns: list = [
    path(
        "sammantraden/<int:meeting_pk>/punkter/<int:item_pk>/paragraf/",
        paragraph_views.paragraph_edit,
        name="paragraph_edit",
    ),
]

# The § screen's forms, the vote entry and the protokoll draft (owned by paragraph_views).
urlpatterns += paragraph_views.urlpatterns
