from django.urls import path

from . import views

app_name = "delegation"

urlpatterns = [
    path("", views.index, name="index"),
    path("organ/<int:pk>/", views.body_register, name="body"),
    path("organ/<int:pk>/nytt-beslut/", views.decision_new, name="decision_new"),
    path("organ/<int:pk>/csv/", views.csv_import, name="csv"),
    path("organ/<int:pk>/nytt-meddelande/", views.communication_new, name="communication_new"),
    path("ordning/<int:pk>/", views.scheme_detail, name="scheme"),
    path("beslut/<int:pk>/", views.decision_detail, name="decision"),
    path("beslut/<int:pk>/anslag/", views.decision_notice, name="decision_notice"),
    path("sammantraden/<int:pk>/foresla/", views.propose, name="propose"),
]
