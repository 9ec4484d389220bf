"""Every admin page of the foundation apps renders for the demo data (Swedish UI)."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from kansli.demo import load_demo

APPS = {"organisation", "cases", "meetings", "audit"}


@pytest.fixture
def admin_client_with_demo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=dt.date(2026, 11, 23))
    assert client.login(username="admin", password="demo-admin")
    return client


@pytest.mark.django_db
def test_changelists_and_change_forms_render(admin_client_with_demo):
    client = admin_client_with_demo
    models = [m for m in admin.site._registry if m._meta.app_label in APPS]
    assert len(models) >= 20
    for model in models:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:organisation_body_changelist")).content.decode()
    assert "Vård- och omsorgsnämnden" in page and "organ" in page


@pytest.mark.django_db
def test_the_audit_log_is_read_only_in_the_admin(admin_client_with_demo):
    client = admin_client_with_demo
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    from kansli.audit.models import AuditEntry

    entry = AuditEntry.objects.first()
    response = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_admin_edits_are_logged_with_the_admin_user(admin_client_with_demo):
    from kansli.audit.models import AuditEntry
    from kansli.organisation.models import Party

    client = admin_client_with_demo
    party = Party.objects.get(short_name="BL")
    url = reverse("admin:organisation_party_change", args=[party.pk])
    response = client.post(url, {"municipality": party.municipality_id, "short_name": "BL",
                                 "name": "Bygdelistan"})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(model_label="organisation.Party", object_pk=str(party.pk),
                                      action="update").get()
    assert entry.username == "admin"
    assert entry.changes == {"name": ["Bygdelistan i Exempelkommun", "Bygdelistan"]}
