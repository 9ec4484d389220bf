"""Open data is public: every role, signed in or not, reads the same OParl objects and CSV, and
nobody can write through the endpoint."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kansli.oparl.models import Stamp
from kansli.organisation.models import Municipality

#: The demo accounts, a signed-in user without any group, and the anonymous public.
ROLES = ["admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot", "utan_roll", "anonym"]


def town() -> str:
    return f"/oparl/body/{Municipality.objects.get().pk}"



def client_for(role: str) -> Client:
    client = Client()
    if role != "anonym":
        client.force_login(get_user_model().objects.get(username=role))
    return client


@pytest.mark.django_db
def test_every_role_reads_the_same_public_data_and_cannot_write(demo):
    get_user_model().objects.create_user("utan_roll", password="x")
    urls = ["/oparl/", f"{town()}/paper", f"/oparl/meeting/{demo.pk}", f"/oparl/meeting/{demo.pk}/voteringar.csv"]
    public = {url: Client().get(url).content for url in urls}
    stamps = Stamp.objects.count()
    for role in ROLES:
        client = client_for(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            assert response.content == public[url], (role, url)  # nothing extra for staff
            for method in (client.post, client.put, client.delete):
                refused = method(url)
                assert refused.status_code == 405, (role, url, method)
    assert Stamp.objects.count() == stamps
