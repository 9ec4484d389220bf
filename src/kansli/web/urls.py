from django.contrib.auth import views as auth_views
from django.urls import path

from . import documents, views

urlpatterns = [
    path("", views.home, name="home"),
    path("organ/<int:pk>/", views.body_detail, name="body"),
    path("organ/<int:pk>/kalender.ics", documents.body_calendar, name="body-calendar"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting"),
    path("sammantraden/<int:pk>/protokoll.html", documents.minutes_html, name="minutes-html"),
    path("sammantraden/<int:pk>/protokoll.pdf", documents.minutes_pdf_view, name="minutes-pdf"),
    path("sammantraden/<int:pk>/utdrag/<int:number>.pdf", documents.extract_pdf_view, name="extract-pdf"),
    path("sammantraden/<int:pk>/utdrag/<int:number>.html", documents.extract_html, name="extract-html"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
