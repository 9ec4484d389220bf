"""Meeting places as OParl Locations: created from the meetings, coordinates from the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kansli.meetings.models import Meeting
from kansli.oparl.models import Location, Stamp
from kansli.organisation.models import Municipality


def town() -> str:
    return f"/oparl/body/{Municipality.objects.get().pk}"



@pytest.mark.django_db
def test_a_place_gets_a_location_and_its_coordinates_reach_the_meeting(
    demo, api, oparl_validator, django_capture_on_commit_callbacks
):
    places = set(Meeting.objects.exclude(place="").values_list("place", flat=True))
    assert set(Location.objects.values_list("description", flat=True)) == places
    listed = api.get(f"{town()}/locationList").json()["data"]
    assert {loc["description"] for loc in listed} == places
    location = Location.objects.get(description=demo.place)
    before = api.get(f"/oparl/meeting/{demo.pk}").json()
    assert "geojson" not in before["location"]
    old = timezone.now() - dt.timedelta(days=3)
    Stamp.objects.filter(kind="meeting", key=demo.pk).update(modified=old)

    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    assert admin.get(reverse("admin:oparl_location_add")).status_code == 403
    change = reverse("admin:oparl_location_change", args=[location.pk])
    assert admin.get(change).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        location.street_address, location.locality = "Storgatan 1", "Exempelstad"
        location.latitude, location.longitude = "59.329300", "18.068600"
        location.save()

    meeting = api.get(f"/oparl/meeting/{demo.pk}").json()
    assert meeting["location"]["geojson"]["geometry"] == {"type": "Point", "coordinates": [18.0686, 59.3293]}
    assert dt.datetime.fromisoformat(meeting["modified"]) > old  # the embedding meeting changed too
    assert oparl_validator.errors(meeting) == []
    standalone = api.get(f"/oparl/location/{location.pk}").json()
    assert f"http://testserver/oparl/meeting/{demo.pk}" in standalone["meetings"]
    assert oparl_validator.errors(standalone) == []
