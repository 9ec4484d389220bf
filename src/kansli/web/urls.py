from django.contrib.auth import views as auth_views
from django.urls import path

from . import cases, documents, feeds, pages, views

urlpatterns = [
    path("", views.home, name="home"),
    path("organ/<int:pk>/", views.body_detail, name="body"),
    path("organ/<int:pk>/kalender.ics", documents.body_calendar, name="body-calendar"),
    path("organ/<int:pk>/anslag.rss", feeds.NoticeFeed(), name="body-notices-rss"),
    path("organ/<int:pk>/anslag.atom", feeds.NoticeAtomFeed(), name="body-notices-atom"),
    path("organ/<int:pk>/protokoll.rss", feeds.MinutesFeed(), name="body-minutes-rss"),
    path("organ/<int:pk>/protokoll.atom", feeds.MinutesAtomFeed(), name="body-minutes-atom"),
    path("arenden/", cases.case_list, name="cases"),
    path("arenden/<int:pk>/", cases.case_detail, name="case"),
    path("arenden/<int:pk>/handlingar/<int:doc_pk>/", cases.document_view, name="case-document"),
    path(
        "arenden/<int:pk>/handlingar/<int:doc_pk>/ladda-ned/", cases.document_view, {"download": True},
        name="case-document-download",
    ),
    path("tillganglighet/", pages.accessibility_statement, name="accessibility"),
    path("sammantraden/<int:pk>/", views.meeting_detail, name="meeting"),
    path("sammantraden/<int:pk>/protokoll.html", documents.minutes_html, name="minutes-html"),
    path("sammantraden/<int:pk>/protokoll.pdf", documents.minutes_pdf_view, name="minutes-pdf"),
    path("sammantraden/<int:pk>/utdrag/<int:number>.pdf", documents.extract_pdf_view, name="extract-pdf"),
    path("sammantraden/<int:pk>/utdrag/<int:number>.html", documents.extract_html, name="extract-html"),
    path("sammantraden/<int:pk>/kallelse.pdf", documents.kallelse_pdf_view, name="kallelse-pdf"),
    # The same files as attachments (OParl File.downloadUrl); the addresses above show them inline.
    path(
        "sammantraden/<int:pk>/ladda-ned/protokoll.pdf", documents.minutes_pdf_view, {"download": True},
        name="minutes-pdf-download",
    ),
    path(
        "sammantraden/<int:pk>/ladda-ned/utdrag/<int:number>.pdf", documents.extract_pdf_view,
        {"download": True}, name="extract-pdf-download",
    ),
    path(
        "sammantraden/<int:pk>/ladda-ned/kallelse.pdf", documents.kallelse_pdf_view, {"download": True},
        name="kallelse-pdf-download",
    ),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
