"""What OParl needs and the other apps do not store: when each published object was created,
last modified and deleted (:class:`Stamp`), and the meeting places as addressable objects
(:class:`Location`).

Stamps are kept by :mod:`kansli.oparl.tracking` from the other apps' save and delete signals;
no other app's table is changed.
"""

from __future__ import annotations

from django.db import models


class Stamp(models.Model):
    """The OParl life of one published object, keyed by its kind and the row it comes from.

    ``kind`` names what the object is served as (``meeting``, ``paragraph``, ``minutes`` …, see
    :mod:`kansli.oparl.tracking`); ``key`` is the primary key of the row behind it. ``published``
    says whether the object has ever been public: an object that never was is not listed, not
    even as deleted. ``deleted`` is set when the row is gone or no longer public (a case made
    secret); the object then stays in the lists filtered by ``modified_since`` as ``deleted``.
    ``dirty`` marks a change not yet looked at (the visibility is decided when it is read).
    """

    audit = False  # bookkeeping, derived from audited rows

    kind = models.CharField("typ", max_length=40)
    key = models.BigIntegerField("rad")
    municipality_id = models.BigIntegerField("kommun", null=True, blank=True)
    group = models.BigIntegerField("organ", null=True, blank=True)
    created = models.DateTimeField("skapad")
    modified = models.DateTimeField("ändrad")
    published = models.BooleanField("har publicerats", default=False)
    deleted = models.BooleanField("borttagen", default=False)
    dirty = models.BooleanField("ändrad, ej genomgången", default=True)

    class Meta:
        verbose_name = "OParl-tidsstämpel"
        verbose_name_plural = "OParl-tidsstämplar"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="oparl_stamp_unique")]
        indexes = [
            models.Index(fields=["municipality_id", "kind", "published", "deleted"], name="oparl_stamp_list"),
            models.Index(fields=["modified"], name="oparl_stamp_modified"),
            models.Index(fields=["dirty"], name="oparl_stamp_dirty", condition=models.Q(dirty=True)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class Location(models.Model):
    """A meeting place, as written on the meetings (``Sessionssalen, Rådhuset``).

    Created when a meeting first names the place; the address fields and the coordinates can
    be filled in afterwards (admin) so that OParl clients need not geocode.
    """

    municipality = models.ForeignKey(
        "organisation.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name="kommun"
    )
    description = models.CharField("plats", max_length=300, help_text="Som den anges på sammanträdet.")
    street_address = models.CharField("gatuadress", max_length=200, blank=True)
    room = models.CharField("rum", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=20, blank=True)
    locality = models.CharField("ort", max_length=100, blank=True)
    latitude = models.DecimalField("latitud", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("longitud", max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = "sammanträdesplats"
        verbose_name_plural = "sammanträdesplatser"
        ordering = ["municipality", "description"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "description"], name="oparl_location_unique"),
        ]

    def __str__(self) -> str:
        return self.description
