import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kansli.organisation.models import (
    Body,
    BodyKind,
    Membership,
    Municipality,
    Office,
    Person,
    Role,
    Term,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    town = Municipality.objects.create(name="Provkommun")
    von = Body.objects.create(municipality=town, name="Provnämnden", abbreviation="PN", seats=7)
    term = Term.objects.create(municipality=town, start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31))
    return town, von, term


def person(town, name):
    return Person.objects.create(municipality=town, name=name)


def test_second_chair_is_refused_on_save_with_a_swedish_message(org):
    town, von, term = org
    Membership.objects.create(person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR)
    second = Membership(person=person(town, "Bo Al"), body=von, term=term, office=Office.CHAIR)
    with pytest.raises(ValidationError) as exc:
        second.save()
    message = " ".join(exc.value.messages)
    assert "har redan en ordförande" in message and "Ada Ek" in message
    assert Membership.objects.filter(body=von, office=Office.CHAIR).count() == 1


def test_second_chair_is_refused_by_full_clean(org):
    town, von, term = org
    Membership.objects.create(person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR)
    second = Membership(person=person(town, "Bo Al"), body=von, term=term, office=Office.CHAIR)
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    assert "office" in exc.value.message_dict


def test_chairs_may_follow_each_other_without_overlap(org):
    town, von, term = org
    Membership.objects.create(
        person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR,
        valid_to=dt.date(2024, 6, 30),
    )
    successor = Membership.objects.create(
        person=person(town, "Bo Al"), body=von, term=term, office=Office.CHAIR,
        valid_from=dt.date(2024, 7, 1),
    )
    assert successor.pk is not None
    # ... but not overlapping by a single day
    with pytest.raises(ValidationError):
        Membership.objects.create(
            person=person(town, "Cy Ur"), body=von, term=term, office=Office.CHAIR,
            valid_from=dt.date(2024, 6, 30), valid_to=dt.date(2024, 6, 30),
        )


def test_chair_of_another_body_and_vice_chairs_are_independent(org):
    town, von, term = org
    other = Body.objects.create(municipality=town, name="Andra nämnden")
    Membership.objects.create(person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR)
    Membership.objects.create(person=person(town, "Bo Al"), body=other, term=term, office=Office.CHAIR)
    Membership.objects.create(person=person(town, "Cy Ur"), body=von, term=term, office=Office.FIRST_VICE_CHAIR)
    with pytest.raises(ValidationError, match="1:e vice ordförande"):
        Membership.objects.create(person=person(town, "Di Ox"), body=von, term=term,
                                  office=Office.FIRST_VICE_CHAIR)


def test_moving_the_chair_office_to_the_same_membership_is_not_a_clash(org):
    town, von, term = org
    m = Membership.objects.create(person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR)
    m.substitute_order = None
    m.save()  # re-saving the only chair is fine
    assert Membership.objects.get(pk=m.pk).office == Office.CHAIR


def test_a_substitute_cannot_hold_an_office(org):
    town, von, term = org
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            person=person(town, "Ada Ek"), body=von, term=term, role=Role.SUBSTITUTE, office=Office.CHAIR
        )


def test_only_a_subcommittee_has_a_parent(org):
    town, von, _ = org
    au = Body(municipality=town, name="Provnämndens arbetsutskott", kind=BodyKind.SUBCOMMITTEE, parent=von)
    au.full_clean()
    au.save()
    assert list(von.subcommittees.all()) == [au]
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(municipality=town, name="Fel", kind=BodyKind.COMMITTEE, parent=von)


def test_str_and_verbose_names_are_swedish(org):
    town, von, term = org
    m = Membership.objects.create(person=person(town, "Ada Ek"), body=von, term=term, office=Office.CHAIR)
    assert str(m) == "Ada Ek, ordförande i Provnämnden"
    assert str(term) == "2023–2026"
    assert Membership._meta.verbose_name_plural == "uppdrag"
    assert Body._meta.get_field("kallelse_days_before").verbose_name.startswith("kallelse")
