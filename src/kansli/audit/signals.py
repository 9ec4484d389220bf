"""Automatic audit entries for every model of a ``kansli.*`` app.

``pre_save`` snapshots the stored row, ``post_save`` writes the differences (or the initial
values on create), ``post_delete`` writes the last values. A model opts out with the class
attribute ``audit = False``. Bulk operations (``bulk_create``, ``QuerySet.update``) bypass
signals and are not logged.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from .context import get_current_user

_SNAPSHOT = "_audit_snapshot"


def is_audited(model: type[models.Model]) -> bool:
    app = model._meta.app_config
    return (
        app is not None
        and app.name.startswith("kansli.")
        and getattr(model, "audit", True)
        and not model._meta.auto_created
    )


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Field values as JSON data; foreign keys by id."""
    return {
        f.attname: _json_value(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
    }


def _write(action: str, instance: models.Model, changes: dict[str, Any]) -> None:
    from .models import AuditEntry

    user = get_current_user()
    AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user is not None else "",
        action=action,
        model_label=instance._meta.label,
        object_pk=str(instance.pk),
        object_repr=_safe_repr(instance)[:300],
        changes=changes,
    )


def _safe_repr(instance: models.Model) -> str:
    try:
        return str(instance)
    except Exception:  # a __str__ touching a missing relation must not break saving
        return f"{instance._meta.verbose_name} {instance.pk}"


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    old = None
    if instance.pk is not None and not instance._state.adding:
        row = sender._base_manager.filter(pk=instance.pk).first()
        old = snapshot(row) if row is not None else None
    setattr(instance, _SNAPSHOT, old)


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    new = snapshot(instance)
    old = getattr(instance, _SNAPSHOT, None)
    if created or old is None:
        _write("create", instance, {k: [None, v] for k, v in new.items() if v not in (None, "", [], {})})
    else:
        changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
        if changes:
            _write("update", instance, changes)
    setattr(instance, _SNAPSHOT, new)


def _post_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    _write("delete", instance, {k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "")})


def connect() -> None:
    pre_save.connect(_pre_save, dispatch_uid="kansli.audit.pre_save")
    post_save.connect(_post_save, dispatch_uid="kansli.audit.post_save")
    post_delete.connect(_post_delete, dispatch_uid="kansli.audit.post_delete")
