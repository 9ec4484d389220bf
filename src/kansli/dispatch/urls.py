from django.urls import path

from . import views

app_name = "dispatch"

urlpatterns = [
    path("sammantraden/<int:pk>/", views.meeting_dispatch, name="meeting"),
]
