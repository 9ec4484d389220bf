from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("handlaggning/", include("kansli.workspace.urls")),
    path("anslagstavla/", include("kansli.noticeboard.urls")),
    path("", include("kansli.web.urls")),
]
