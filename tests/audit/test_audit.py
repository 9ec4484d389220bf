import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from kansli.audit.context import acting_as, get_current_user
from kansli.audit.middleware import CurrentUserMiddleware
from kansli.audit.models import AuditEntry
from kansli.organisation.models import Municipality, Party

pytestmark = pytest.mark.django_db


def entries(obj):
    return AuditEntry.objects.filter(model_label=obj._meta.label, object_pk=str(obj.pk)).order_by("pk")


def test_create_update_delete_are_logged_with_the_user():
    user = get_user_model().objects.create_user("sekr", password="x")
    with acting_as(user):
        town = Municipality.objects.create(name="Provkommun")
        party = Party.objects.create(municipality=town, short_name="S", name="Socialdemokraterna")
        party.name = "Arbetarepartiet-Socialdemokraterna"
        party.save()
        party.save()  # no change: no entry
        pk = party.pk
        party.delete()
    log = list(AuditEntry.objects.filter(model_label="organisation.Party", object_pk=str(pk)).order_by("pk"))
    assert [e.action for e in log] == ["create", "update", "delete"]
    assert all(e.user == user and e.username == "sekr" for e in log)
    assert log[0].changes["short_name"] == [None, "S"]
    assert log[0].changes["municipality_id"] == [None, town.pk]
    assert log[1].changes == {"name": ["Socialdemokraterna", "Arbetarepartiet-Socialdemokraterna"]}
    assert log[2].changes["short_name"] == ["S", None]
    assert log[1].object_repr == "S"


def test_changes_without_a_user_are_logged_as_system():
    town = Municipality.objects.create(name="Provkommun")
    (entry,) = entries(town)
    assert entry.user is None and entry.action == "create"
    assert str(entry).endswith("systemet skapad Provkommun")


def test_the_log_itself_and_django_models_are_not_logged():
    get_user_model().objects.create_user("x")
    Municipality.objects.create(name="Provkommun")
    labels = set(AuditEntry.objects.values_list("model_label", flat=True))
    assert labels == {"organisation.Municipality"}


def test_middleware_sets_the_user_for_the_request_only():
    user = get_user_model().objects.create_user("reg")
    request = RequestFactory().post("/")
    request.user = user
    seen = []

    def view(req):
        seen.append(get_current_user())
        return Municipality.objects.create(name="Från webben")

    town = CurrentUserMiddleware(view)(request)
    assert seen == [user]
    assert entries(town).get().user == user
    assert get_current_user() is None
