"""The record lock after justering: an adjusted protokoll cannot be changed.

KL (2017:725) 5 kap. 69 § and 6 kap. 35 §: the protokoll is adjusted (justerat) by the chair and
the elected adjuster(s); after that it is the decision record and is not edited. A § may be
adjusted at once at the meeting (omedelbar justering) and is then final before the rest.

The moment of locking is explicit: :func:`adjust_meeting` (status *justerat*, the date, and the
``locked`` flag in one save) and :func:`adjust_paragraph_immediately`. The status alone does not
lock, because importers and the demo build records that are already adjusted: they write the
meeting with its status first and its paragraphs afterwards, then call :func:`adjust_meeting`
when the record is complete.

Once locked, every change to the meeting (except the anslag dates that the notice board sets,
:data:`NOTICE_FIELDS`) and every create, update or delete of its records (adjusters, agenda,
attendance, paragraphs and their motions, votes, ballots, reservations, statements, jäv and
recipients) is refused twice over:

* in Python, by ``pre_save``/``pre_delete`` receivers, with :class:`MeetingLocked` and a Swedish
  message; ``clean()`` (via :class:`LockedRecordMixin`) gives the same message as a form error;
* in the database, by triggers (PostgreSQL and SQLite), so that ``QuerySet.update()``,
  ``bulk_create`` and raw SQL are refused too (``IntegrityError``).

The triggers are created by migration ``0002`` and re-created after every ``migrate`` (SQLite
drops a table's triggers when Django rebuilds the table to alter it), each time from the models
of the migrated state, so new columns are covered.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import post_migrate, pre_delete, pre_save

APP = "meetings"

#: Meeting fields the anslag process writes after justering; the lock lets them change.
NOTICE_FIELDS = frozenset({"notice_posted", "notice_removed"})

#: Locked records of a meeting, by model name: the field that leads to the locking parent.
MEETING_PARTS = {"Adjuster": "meeting", "AgendaItem": "meeting", "Attendance": "meeting"}
PARAGRAPH_PARTS = {
    "Motion": "paragraph",
    "Vote": "paragraph",
    "Dissent": "paragraph",
    "Statement": "paragraph",
    "Recusal": "paragraph",
    "Recipient": "paragraph",
    "Question": "paragraph",
}
VOTE_PARTS = {"Ballot": "vote"}
LOCKED_MODELS = ("Meeting", "Paragraph", *MEETING_PARTS, *PARAGRAPH_PARTS, *VOTE_PARTS)


class MeetingLocked(ValidationError, PermissionDenied):
    """A change to an adjusted protokoll was refused.

    Both a :class:`ValidationError` (from ``clean()`` a form, the admin included, shows the message
    as a form error) and a :class:`PermissionDenied` (raised from ``save()`` or ``delete()`` in a
    view, Django answers 403 instead of a server error).
    """

    def __init__(self, message: str):
        super().__init__(message, code="meeting_locked")


def meeting_message(meeting) -> str:
    return f"Protokollet för {meeting.body.name} {meeting.date:%Y-%m-%d} är justerat och kan inte ändras."


def paragraph_message(paragraph) -> str:
    return (
        f"§ {paragraph.number}/{paragraph.year} är omedelbart justerad och kan inte ändras."
    )


# --- what is locked ---------------------------------------------------------------------------


def _model(name: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(APP, name)


def _meeting_lock(meeting_id: int | None) -> MeetingLocked | None:
    if meeting_id is None:
        return None
    meeting = (
        _model("Meeting")._base_manager.filter(pk=meeting_id, locked=True).select_related("body").first()
    )
    return MeetingLocked(meeting_message(meeting)) if meeting else None


def _paragraph_lock(paragraph_id: int | None) -> MeetingLocked | None:
    if paragraph_id is None:
        return None
    row = (
        _model("Paragraph")._base_manager.filter(pk=paragraph_id)
        .values("meeting_id", "locked", "number", "year").first()
    )
    if row is None:
        return None
    found = _meeting_lock(row["meeting_id"])
    if found is None and row["locked"]:
        found = MeetingLocked(paragraph_message(_Para(row["number"], row["year"])))
    return found


def _vote_lock(vote_id: int | None) -> MeetingLocked | None:
    if vote_id is None:
        return None
    paragraph_id = _model("Vote")._base_manager.filter(pk=vote_id).values_list("paragraph_id", flat=True).first()
    return _paragraph_lock(paragraph_id)


class _Para:
    def __init__(self, number: int, year: int):
        self.number, self.year = number, year


def _parent_lock(model_name: str):
    """(attname of the parent key, function telling whether that parent is locked)."""
    if model_name in MEETING_PARTS:
        return "meeting_id", _meeting_lock
    if model_name in PARAGRAPH_PARTS:
        return "paragraph_id", _paragraph_lock
    if model_name in VOTE_PARTS:
        return "vote_id", _vote_lock
    raise LookupError(model_name)


def _changed(old: models.Model, new: models.Model, skip: frozenset[str] = frozenset()) -> list[str]:
    return [
        f.attname
        for f in new._meta.concrete_fields
        if f.attname not in skip and getattr(old, f.attname) != getattr(new, f.attname)
    ]


def lock_error(
    instance: models.Model, *, deleting: bool = False, only_if_changed: bool = False,
    update_fields=None,
) -> MeetingLocked | None:
    """Why writing (or deleting) ``instance`` is refused, or ``None`` if it is allowed.

    ``only_if_changed``: an existing row saved with the values it already has is not a change
    (used by ``clean()``, so that an admin page listing locked rows still validates).
    """
    name = instance._meta.object_name
    adding = instance._state.adding or instance.pk is None
    old = None if adding else type(instance)._base_manager.filter(pk=instance.pk).first()
    if old is None:
        adding = True

    if name == "Meeting":
        if adding or not old.locked:
            return None
        if not deleting:
            changed = _changed(old, instance, NOTICE_FIELDS)
            if update_fields is not None:
                changed = [f for f in changed if _field_name(instance, f) in set(update_fields)]
            if not changed:
                return None
        return MeetingLocked(meeting_message(old))

    if not deleting and not adding and only_if_changed and not _changed(old, instance):
        return None

    if name == "Paragraph":
        candidates = [] if adding else [old.meeting_id]
        if not deleting:
            candidates.append(instance.meeting_id)
        for meeting_id in dict.fromkeys(candidates):
            found = _meeting_lock(meeting_id)
            if found:
                return found
        if old is not None and not adding and old.locked:
            return MeetingLocked(paragraph_message(old))
        return None

    attname, locked = _parent_lock(name)
    candidates = [] if adding else [getattr(old, attname)]
    if not deleting or adding:
        candidates.append(getattr(instance, attname))
    for parent_id in dict.fromkeys(candidates):
        found = locked(parent_id)
        if found:
            return found
    return None


def _field_name(instance: models.Model, attname: str) -> str:
    for f in instance._meta.concrete_fields:
        if f.attname == attname:
            return f.name
    return attname


def is_locked(instance: models.Model) -> bool:
    """True if ``instance`` (a meeting, a § or one of their records) can no longer be changed."""
    name = instance._meta.object_name
    if name == "Meeting":
        return bool(instance.pk) and _model("Meeting")._base_manager.filter(pk=instance.pk, locked=True).exists()
    if name == "Paragraph":
        return bool(instance.pk) and _paragraph_lock(instance.pk) is not None
    attname, locked = _parent_lock(name)
    return locked(getattr(instance, attname)) is not None


# --- Python guards ----------------------------------------------------------------------------


class LockedRecordMixin:
    """The lock check in ``clean()``, so forms (the admin too) show the Swedish message, and in
    ``delete()`` before Django opens its transaction, so a refused delete leaves the caller's
    transaction usable. The ``pre_save``/``pre_delete`` receivers below cover the other paths."""

    def clean(self) -> None:
        super().clean()
        found = lock_error(self, only_if_changed=True)
        if found:
            raise found

    def delete(self, *args, **kwargs):
        found = lock_error(self, deleting=True)
        if found:
            raise found
        return super().delete(*args, **kwargs)


def _refuse_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata of a fixture: the database triggers still apply
        return
    found = lock_error(instance, update_fields=update_fields)
    if found:
        raise found


def _refuse_delete(sender, instance, **kwargs):
    found = lock_error(instance, deleting=True)
    if found:
        raise found


for _name in LOCKED_MODELS:
    pre_save.connect(_refuse_save, sender=f"{APP}.{_name}", dispatch_uid=f"kansli.lock.save.{_name}")
    pre_delete.connect(_refuse_delete, sender=f"{APP}.{_name}", dispatch_uid=f"kansli.lock.delete.{_name}")


# --- services ---------------------------------------------------------------------------------


def adjust_meeting(meeting, adjusted: dt.date):
    """Record the justering of ``meeting`` on ``adjusted``: status *justerat*, the date, locked.

    This is the moment the protokoll becomes immutable. Also the way to lock a meeting that was
    stored already adjusted (an imported protokoll): call it when all its records are written.
    """
    from .models import MeetingStatus

    if meeting.pk is None:
        raise ValidationError("Sammanträdet måste sparas innan protokollet kan justeras.")
    if adjusted < meeting.date:
        raise ValidationError(
            f"Protokollet kan inte justeras ({adjusted:%Y-%m-%d}) före sammanträdet ({meeting.date:%Y-%m-%d})."
        )
    with transaction.atomic():
        current = type(meeting)._base_manager.select_for_update().get(pk=meeting.pk)
        if current.locked:
            raise MeetingLocked(meeting_message(current))
        meeting.status = MeetingStatus.ADJUSTED
        meeting.adjusted = adjusted
        meeting.locked = True
        meeting.save(update_fields=["status", "adjusted", "locked"])
    return meeting


def adjust_paragraph_immediately(paragraph):
    """Omedelbar justering of one §: the § and its records are locked before the rest."""
    with transaction.atomic():
        current = type(paragraph)._base_manager.select_for_update().get(pk=paragraph.pk)
        found = lock_error(current, deleting=True)
        if found:
            raise found
        paragraph.immediately_adjusted = True
        paragraph.locked = True
        paragraph.save(update_fields=["immediately_adjusted", "locked"])
    return paragraph


# --- database guards --------------------------------------------------------------------------

_SQLITE_MESSAGE = "Protokollet är justerat och kan inte ändras."


def _present(apps) -> tuple[str, ...]:
    """The locked models that exist in this migration state (a later table is not there yet)."""
    found = []
    for name in LOCKED_MODELS:
        try:
            apps.get_model(APP, name)
        except LookupError:
            continue
        found.append(name)
    return tuple(found)


def _tables(apps) -> dict[str, str]:
    return {name: apps.get_model(APP, name)._meta.db_table for name in _present(apps)}


def _has_lock_columns(apps) -> bool:
    try:
        meeting, paragraph = apps.get_model(APP, "Meeting"), apps.get_model(APP, "Paragraph")
    except LookupError:
        return False
    names = lambda m: {f.name for f in m._meta.concrete_fields}  # noqa: E731
    return "locked" in names(meeting) and "locked" in names(paragraph)


def _trigger_names(apps) -> list[tuple[str, str]]:
    """(trigger name, table) for every trigger this module creates."""
    tables = _tables(apps)
    return [(f"kansli_lock_{tables[n]}_{op}", tables[n]) for n in tables for op in ("ins", "upd", "del")]


def _sqlite_sql(apps) -> list[str]:
    t = _tables(apps)
    meeting_locked = "EXISTS (SELECT 1 FROM {m} WHERE id = {{ref}} AND locked)".format(m=t["Meeting"])
    paragraph_locked = (
        "EXISTS (SELECT 1 FROM {p} p JOIN {m} m ON m.id = p.meeting_id "
        "WHERE p.id = {{ref}} AND (p.locked OR m.locked))"
    ).format(p=t["Paragraph"], m=t["Meeting"])
    vote_locked = (
        "EXISTS (SELECT 1 FROM {v} v JOIN {p} p ON p.id = v.paragraph_id JOIN {m} m ON m.id = p.meeting_id "
        "WHERE v.id = {{ref}} AND (p.locked OR m.locked))"
    ).format(v=t["Vote"], p=t["Paragraph"], m=t["Meeting"])

    def trigger(table: str, op: str, when: str) -> str:
        event = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}[op]
        return (
            f"CREATE TRIGGER kansli_lock_{table}_{op} BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN {when} BEGIN SELECT RAISE(ABORT, '{_SQLITE_MESSAGE}'); END"
        )

    sql = []
    meeting = apps.get_model(APP, "Meeting")
    compared = [f.column for f in meeting._meta.concrete_fields if f.name not in NOTICE_FIELDS]
    differs = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in compared)
    sql.append(trigger(t["Meeting"], "upd", f"OLD.locked AND ({differs})"))
    sql.append(trigger(t["Meeting"], "del", "OLD.locked"))

    old_m, new_m = meeting_locked.format(ref="OLD.meeting_id"), meeting_locked.format(ref="NEW.meeting_id")
    sql.append(trigger(t["Paragraph"], "ins", new_m))
    sql.append(trigger(t["Paragraph"], "upd", f"OLD.locked OR {old_m} OR {new_m}"))
    sql.append(trigger(t["Paragraph"], "del", f"OLD.locked OR {old_m}"))

    for parts, check, column in (
        (MEETING_PARTS, meeting_locked, "meeting_id"),
        (PARAGRAPH_PARTS, paragraph_locked, "paragraph_id"),
        (VOTE_PARTS, vote_locked, "vote_id"),
    ):
        for name in parts:
            if name not in t:  # not created yet in this migration state
                continue
            old, new = check.format(ref=f"OLD.{column}"), check.format(ref=f"NEW.{column}")
            sql.append(trigger(t[name], "ins", new))
            sql.append(trigger(t[name], "upd", f"{old} OR {new}"))
            sql.append(trigger(t[name], "del", old))
    return sql


def _postgresql_sql(apps) -> list[str]:
    t = _tables(apps)
    body_table = apps.get_model("organisation", "Body")._meta.db_table
    exempt = " ".join(f"- '{apps.get_model(APP, 'Meeting')._meta.get_field(f).column}'" for f in sorted(NOTICE_FIELDS))
    sql = [
        # The reason a meeting is locked, as a sentence, or NULL if it is not.
        f"""
        CREATE OR REPLACE FUNCTION kansli_meeting_lock(mid bigint) RETURNS text
        LANGUAGE sql STABLE AS $$
            SELECT format('Protokollet för %s %s är justerat och kan inte ändras.', b.name,
                          to_char(m.date, 'YYYY-MM-DD'))
            FROM {t["Meeting"]} m JOIN {body_table} b ON b.id = m.body_id
            WHERE m.id = mid AND m.locked
        $$""",
        f"""
        CREATE OR REPLACE FUNCTION kansli_paragraph_lock(pid bigint) RETURNS text
        LANGUAGE sql STABLE AS $$
            SELECT coalesce(kansli_meeting_lock(p.meeting_id),
                            CASE WHEN p.locked THEN format(
                                '§ %s/%s är omedelbart justerad och kan inte ändras.', p.number, p.year)
                            END)
            FROM {t["Paragraph"]} p WHERE p.id = pid
        $$""",
        f"""
        CREATE OR REPLACE FUNCTION kansli_vote_lock(vid bigint) RETURNS text
        LANGUAGE sql STABLE AS $$
            SELECT kansli_paragraph_lock(v.paragraph_id) FROM {t["Vote"]} v WHERE v.id = vid
        $$""",
        # Records of a meeting, a § or a vote: TG_ARGV[0] names the parent key column,
        # TG_ARGV[1] the kind of parent (meeting, paragraph, vote).
        """
        CREATE OR REPLACE FUNCTION kansli_refuse_locked_part() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            parent_ids bigint[] := ARRAY[]::bigint[];
            parent_id bigint;
            reason text;
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                parent_ids := parent_ids || (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                parent_ids := parent_ids || (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
            END IF;
            FOREACH parent_id IN ARRAY parent_ids LOOP
                reason := CASE TG_ARGV[1]
                    WHEN 'meeting' THEN kansli_meeting_lock(parent_id)
                    WHEN 'paragraph' THEN kansli_paragraph_lock(parent_id)
                    ELSE kansli_vote_lock(parent_id) END;
                IF reason IS NOT NULL THEN
                    RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = reason;
                END IF;
            END LOOP;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        """
        CREATE OR REPLACE FUNCTION kansli_refuse_locked_paragraph() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            reason text;
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                reason := kansli_paragraph_lock(OLD.id);
            END IF;
            IF reason IS NULL AND TG_OP <> 'DELETE' THEN
                reason := kansli_meeting_lock(NEW.meeting_id);
            END IF;
            IF reason IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = reason;
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
        # The meeting itself: only the anslag dates may change once it is locked.
        f"""
        CREATE OR REPLACE FUNCTION kansli_refuse_locked_meeting() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.locked AND (TG_OP = 'DELETE'
                    OR (to_jsonb(OLD) {exempt}) IS DISTINCT FROM (to_jsonb(NEW) {exempt})) THEN
                RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                    MESSAGE = kansli_meeting_lock(OLD.id);
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""",
    ]

    def trigger(table: str, op: str, function: str, args: str = "") -> str:
        event = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}[op]
        return (
            f"CREATE TRIGGER kansli_lock_{table}_{op} BEFORE {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}({args})"
        )

    for op in ("upd", "del"):
        sql.append(trigger(t["Meeting"], op, "kansli_refuse_locked_meeting"))
    for op in ("ins", "upd", "del"):
        sql.append(trigger(t["Paragraph"], op, "kansli_refuse_locked_paragraph"))
    for parts, kind in ((MEETING_PARTS, "meeting"), (PARAGRAPH_PARTS, "paragraph"), (VOTE_PARTS, "vote")):
        for name, field in parts.items():
            if name not in t:  # not created yet in this migration state
                continue
            column = apps.get_model(APP, name)._meta.get_field(field).column
            for op in ("ins", "upd", "del"):
                sql.append(trigger(t[name], op, "kansli_refuse_locked_part", f"'{column}', '{kind}'"))
    return sql


def drop_triggers(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    existing = set(schema_editor.connection.introspection.table_names(schema_editor.connection.cursor()))
    for name, table in _trigger_names(apps):
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif table in existing:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")


def install_triggers(apps, schema_editor) -> None:
    """(Re)create the lock triggers from the models of ``apps`` (a migration state)."""
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    drop_triggers(apps, schema_editor)
    if not _has_lock_columns(apps):
        return
    for statement in (_sqlite_sql if vendor == "sqlite" else _postgresql_sql)(apps):
        schema_editor.execute(statement, None)  # no parameters: the SQL holds % signs


def _after_migrate(sender, app_config=None, using=DEFAULT_DB_ALIAS, apps=None, plan=None, **kwargs):
    if getattr(sender, "label", None) != APP or apps is None:
        return
    if not plan:  # nothing was migrated: the triggers are as the last run left them
        return
    with connections[using].schema_editor() as editor:
        install_triggers(apps, editor)


post_migrate.connect(_after_migrate, dispatch_uid="kansli.lock.after_migrate")


__all__ = [
    "NOTICE_FIELDS",
    "LockedRecordMixin",
    "MeetingLocked",
    "adjust_meeting",
    "adjust_paragraph_immediately",
    "install_triggers",
    "is_locked",
    "lock_error",
]
