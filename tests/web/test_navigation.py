"""The main menu shows each signed-in role the workspace sections it may open, and nothing more."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECTIONS = {
    "Diariet": "workspace:cases",
    "Planering": "workspace:planning",
    "Justering": "workspace:adjustments",
    "Läsrummet": "readingroom:index",
    "Delegation": "delegation:index",
    "Publicering": "publishing:reviews",
    "Påminnelser": "reminders:list",
}
EXPECTED = {
    "sekreterare": set(SECTIONS),
    "registrator": {"Diariet", "Läsrummet", "Delegation"},
    "ordforande": {"Diariet", "Justering", "Läsrummet"},
    "justerare": {"Diariet", "Justering", "Läsrummet"},
    "ledamot": {"Diariet", "Läsrummet"},
}


def test_menu_per_role_links_only_to_pages_the_role_may_open(client, demo):
    for username, expected in EXPECTED.items():
        client.force_login(get_user_model().objects.get(username=username))
        page = client.get(reverse("home")).content.decode()
        shown = {label for label, name in SECTIONS.items() if f'href="{reverse(name)}"' in page}
        assert shown == expected, username
        for label in shown:
            assert client.get(reverse(SECTIONS[label])).status_code == 200, (username, label)
    client.logout()
    page = client.get(reverse("home")).content.decode()
    assert not any(f'href="{reverse(name)}"' in page for name in SECTIONS.values())
    assert client.get(reverse("reminders:list")).status_code == 302
