from django.urls import path

from . import views

app_name = "noticeboard"

urlpatterns = [
    path("", views.board, name="board"),
    path("arkiv/", views.archive, name="archive"),
    path("<int:pk>/", views.notice_detail, name="notice"),
]
