from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("organ/<int:pk>/", views.body_detail, name="body"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
