"""URLs of the workspace's adjustment screens (included in the `workspace` namespace)."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("justering/", views.adjustment_list, name="adjustments"),
    path("sammantraden/<int:pk>/justering/", views.adjustment, name="adjustment"),
    path("sammantraden/<int:pk>/justering/skicka/", views.adjustment_send, name="adjustment_send"),
    path("sammantraden/<int:pk>/justering/ordforande/", views.adjustment_sign_chair, name="adjustment_sign_chair"),
    path(
        "sammantraden/<int:pk>/justering/justerare/", views.adjustment_sign_adjuster,
        name="adjustment_sign_adjuster",
    ),
    path("sammantraden/<int:pk>/justering/protokoll.pdf", views.adjustment_pdf, name="adjustment_pdf"),
    path("sammantraden/<int:pk>/protokoll-justerat.pdf", views.signed_minutes, name="signed_minutes"),
]
