from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.review_list, name="reviews"),
    path("sammantraden/<int:pk>/", views.review_detail, name="review"),
    path("sammantraden/<int:pk>/fynd/<int:redaction_pk>/", views.decide, name="decide"),
    path("sammantraden/<int:pk>/bekrafta-alla/", views.confirm_all, name="confirm_all"),
    path("sammantraden/<int:pk>/granskad/", views.mark_reviewed, name="mark_reviewed"),
    path("sammantraden/<int:pk>/ateroppna/", views.reopen, name="reopen"),
]
