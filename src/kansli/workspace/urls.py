from django.urls import path

from . import views
from .adjustment.urls import urlpatterns as adjustment_urls
from .live.urls import urlpatterns as live_urls
from .planning.urls import urlpatterns as planning_urls

app_name = "workspace"

urlpatterns = [
    path("arenden/", views.case_list, name="cases"),
    path("arenden/registrera/", views.case_register, name="case_register"),
    path("arenden/<int:pk>/", views.case_detail, name="case"),
    path("arenden/<int:pk>/klart/", views.case_mark_ready, name="case_mark_ready"),
    path("arenden/<int:pk>/historik/", views.case_history, name="case_history"),
    path("arenden/<int:pk>/handlingar/ny/", views.document_upload, name="document_upload"),
    path("arenden/<int:pk>/handlingar/<int:doc_pk>/", views.document_open, name="document"),
    path(
        "arenden/<int:pk>/handlingar/<int:doc_pk>/sekretess/",
        views.document_mark_secret,
        name="document_mark_secret",
    ),
]

urlpatterns += planning_urls + live_urls + adjustment_urls
