"""URLs of the workspace's live screens (included in the `workspace` namespace)."""

from django.urls import path

from . import attendance_views, paragraph_views

urlpatterns: list = [
    path(
        "sammantraden/<int:meeting_pk>/punkter/<int:item_pk>/paragraf/",
        paragraph_views.paragraph_edit,
        name="paragraph_edit",
    ),
]

# The § screen's forms, the vote entry and the protokoll draft (owned by paragraph_views).
urlpatterns += paragraph_views.urlpatterns

# The live meeting hub: attendance, substitutes, jäv, quorum, justerare (owned by attendance_views).
_hub = "sammantraden/<int:meeting_pk>/motet/"
urlpatterns += [
    path(_hub, attendance_views.live_meeting, name="live_meeting"),
    path(_hub + "oppna/", attendance_views.live_start, name="live_start"),
    path(_hub + "avsluta/", attendance_views.live_end, name="live_end"),
    path(_hub + "franvaro/", attendance_views.live_absent, name="live_absent"),
    path(_hub + "ankomst/", attendance_views.live_arrive, name="live_arrive"),
    path(_hub + "ersattare/", attendance_views.live_substitute, name="live_substitute"),
    path(_hub + "jav/", attendance_views.live_recuse, name="live_recuse"),
    path(_hub + "jav/<int:recusal_pk>/ta-bort/", attendance_views.live_recusal_remove, name="live_recusal_remove"),
    path(_hub + "ovriga/", attendance_views.live_other_add, name="live_other_add"),
    path(_hub + "ovriga/<int:attendance_pk>/ta-bort/", attendance_views.live_other_remove, name="live_other_remove"),
    path(_hub + "justerare/", attendance_views.live_adjusters, name="live_adjusters"),
    path(_hub + "ordforande/", attendance_views.live_chair, name="live_chair"),
]
