from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("handlaggning/publicering/", include("kansli.publishing.urls")),
    path("handlaggning/delegation/", include("kansli.delegation.urls")),
    path("handlaggning/expediering/", include("kansli.dispatch.urls")),
    path("handlaggning/paminnelser/", include("kansli.reminders.urls")),
    path("handlaggning/", include("kansli.workspace.urls")),
    path("lasrum/", include("kansli.readingroom.urls")),
    path("sok/", include("kansli.search.urls")),
    path("oparl/", include("kansli.oparl.urls")),
    path("anslagstavla/", include("kansli.noticeboard.urls")),
    path("", include("kansli.web.urls")),
]
