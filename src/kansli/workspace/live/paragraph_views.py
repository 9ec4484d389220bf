"""The secretary's screen for one § during the meeting, and the protokoll draft.

Recording during the meeting needs :attr:`Action.RUN_MEETING` (secretary, chair, administratör);
once the meeting has ended (its sluttid is set, :func:`recording.meeting_ended`), changing the text of the record is drafting the protokoll and
needs :attr:`Action.DRAFT_MINUTES`. Viewing the § screen needs either. Every change goes through
:mod:`kansli.meetings.recording`, which refuses locked records and input that does not fit the
record (a vote for someone not serving, a reservation by someone who did not take part) with a
Swedish message and stores nothing.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kansli.meetings import recording
from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.locking import MeetingLocked, is_locked
from kansli.meetings.models import (
    AgendaItem,
    AttendanceRole,
    Choice,
    Dissent,
    Meeting,
    Motion,
    Paragraph,
    Statement,
    Vote,
)
from kansli.writing.html import render_minutes_html
from kansli.writing.pdf import minutes_pdf

from ..permissions import Action, action_required, can, check
from .forms import (
    ConfirmForm,
    DissentForm,
    DissentTextForm,
    MotionForm,
    ParagraphTextForm,
    RecipientsForm,
    StatementForm,
    StatementTextForm,
    VoteForm,
)

# --- permissions ----------------------------------------------------------------------------


def recording_action(meeting: Meeting) -> Action:
    """RUN_MEETING while the meeting runs; DRAFT_MINUTES for changes once it has ended."""
    if recording.meeting_ended(meeting):
        return Action.DRAFT_MINUTES
    return Action.RUN_MEETING


def _may_view(user, meeting: Meeting) -> bool:
    return can(user, Action.RUN_MEETING, meeting) or can(user, Action.DRAFT_MINUTES, meeting)


def _paragraph_view(*, write: bool):
    """Decorator: fetch the § (``pk``) and check the action for viewing or changing it."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk: int, **kwargs):
            paragraph = get_object_or_404(Paragraph.objects.select_related("meeting__body", "case"), pk=pk)
            meeting = paragraph.meeting
            if write:
                denied = check(request, recording_action(meeting), meeting)
            elif _may_view(request.user, meeting):
                denied = None
            else:
                denied = check(request, Action.RUN_MEETING, meeting)
            if denied is not None:
                return denied
            return view(request, paragraph, **kwargs)

        return wrapper

    return decorator


# --- the § page -----------------------------------------------------------------------------


def _present_names(meeting: Meeting, number: int) -> list[str]:
    """Everyone present at the § who may note an opinion (not officials)."""
    names: list[str] = []
    for row in meeting.attendances.select_related("person").order_by("order", "pk"):
        if row.role != AttendanceRole.OTHER and row.present_at(number) and row.person.name not in names:
            names.append(row.person.name)
    return names


def paragraph_url(paragraph: Paragraph) -> str:
    if paragraph.agenda_item_id:
        return reverse("workspace:paragraph_edit", args=[paragraph.meeting_id, paragraph.agenda_item_id])
    return reverse("workspace:paragraph", args=[paragraph.pk])


def _text_initial(request, paragraph: Paragraph) -> dict:
    """The text form as stored; ?forslag=propositionsordning fills in a suggested order of
    questions (not saved until the secretary saves the form)."""
    initial = ParagraphTextForm.initial_for(paragraph)
    if request.GET.get("forslag") == "propositionsordning":
        suggested = recording.suggest_order_of_questions(paragraph)
        if suggested:
            initial["order_of_questions"] = "\n".join(suggested)
    return initial


def _page(request, paragraph: Paragraph, *, status: int = 200, error: str | None = None, **forms):
    meeting = paragraph.meeting
    serving = recording.serving_members(meeting, paragraph.number)
    motions = list(paragraph.motions.all())
    context = {
        "meeting": meeting,
        "paragraph": paragraph,
        "item": paragraph.agenda_item if paragraph.agenda_item_id else None,
        "serving": serving,
        "chair": recording.acting_chair(meeting, serving),
        "locked": is_locked(paragraph),
        "may_write": can(request.user, recording_action(meeting), meeting),
        "may_draft": can(request.user, Action.DRAFT_MINUTES, meeting),
        "ended": recording.meeting_ended(meeting),
        "motions": motions,
        "motion_labels": [recording.motion_label(m) for m in motions if not m.withdrawn],
        "votes": paragraph.votes.prefetch_related("ballots"),
        "dissents": paragraph.dissents.all(),
        "statements": paragraph.statements.all(),
        "recusals": paragraph.recusals.all(),
        "error": error,
        "text_form": forms.get("text_form") or ParagraphTextForm(initial=_text_initial(request, paragraph)),
        "suggestion": not paragraph.order_of_questions and bool(recording.suggest_order_of_questions(paragraph)),
        "motion_form": forms.get("motion_form") or MotionForm(serving=serving),
        "dissent_form": forms.get("dissent_form") or DissentForm(serving=serving),
        "statement_form": forms.get("statement_form")
        or StatementForm(present=_present_names(meeting, paragraph.number)),
        "recipients_form": forms.get("recipients_form")
        or RecipientsForm(initial={"recipients": "\n".join(r.name for r in paragraph.recipients.all())}),
        "adjust_form": forms.get("adjust_form") or ConfirmForm(),
    }
    return render(request, "workspace/live/paragraph_edit.html", context, status=status)


def _meeting(request, meeting_pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)


def paragraph_edit(request, meeting_pk: int, item_pk: int):
    """The § of an agenda item (the hub links here). POST takes the item up as a § if the
    meeting was started before the item was added."""
    meeting = _meeting(request, meeting_pk)
    item = get_object_or_404(AgendaItem.objects.select_related("case"), pk=item_pk, meeting=meeting)
    paragraph = recording.paragraph_for(item)
    if request.method == "POST":
        denied = check(request, recording_action(meeting), meeting)
        if denied is not None:
            return denied
        if paragraph is None:
            try:
                paragraph, _ = recording.take_up(item)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, f"Punkten är upptagen som § {paragraph.number}.")
        return redirect("workspace:paragraph_edit", meeting_pk=meeting.pk, item_pk=item.pk)
    if not _may_view(request.user, meeting):
        return check(request, Action.RUN_MEETING, meeting)
    if paragraph is None:
        return render(request, "workspace/live/paragraph_take_up.html", {
            "meeting": meeting, "item": item,
            "may_write": can(request.user, recording_action(meeting), meeting),
        })
    paragraph = Paragraph.objects.select_related("meeting__body", "case").get(pk=paragraph.pk)
    return _page(request, paragraph)


@_paragraph_view(write=False)
def paragraph_page(request, paragraph: Paragraph):
    return _page(request, paragraph)


def _saved(request, paragraph: Paragraph, message: str):
    messages.success(request, message)
    return redirect(paragraph_url(paragraph))


def _refused(request, paragraph: Paragraph, exc: ValidationError, form=None, form_name: str | None = None):
    """Show the page again with the refusal; the bound form keeps what was typed."""
    message = " ".join(exc.messages)
    status = 409 if isinstance(exc, MeetingLocked) else 400
    if form is not None:
        form.add_error(None, message)
        return _page(request, paragraph, status=status, error=message, **{form_name: form})
    return _page(request, paragraph, status=status, error=message)


@require_POST
@_paragraph_view(write=True)
def paragraph_text(request, paragraph: Paragraph):
    form = ParagraphTextForm(request.POST)
    if not form.is_valid():
        return _page(request, paragraph, status=400, text_form=form)
    try:
        recording.update_text(paragraph, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "text_form")
    return _saved(request, paragraph, f"§ {paragraph.number} är sparad.")


@require_POST
@_paragraph_view(write=True)
def paragraph_motion_add(request, paragraph: Paragraph):
    serving = recording.serving_members(paragraph.meeting, paragraph.number)
    form = MotionForm(request.POST, serving=serving)
    if not form.is_valid():
        return _page(request, paragraph, status=400, motion_form=form)
    try:
        recording.add_motion(paragraph, form.names(), form.cleaned_data["text"], form.cleaned_data["kind"])
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "motion_form")
    return _saved(request, paragraph, "Yrkandet är registrerat.")


@require_POST
@_paragraph_view(write=True)
def paragraph_motion_withdraw(request, paragraph: Paragraph, part_pk: int):
    motion = get_object_or_404(Motion, pk=part_pk, paragraph=paragraph)
    withdrawn = request.POST.get("withdrawn", "1") == "1"
    try:
        recording.set_motion_withdrawn(motion, withdrawn)
    except ValidationError as exc:
        return _refused(request, paragraph, exc)
    return _saved(request, paragraph, "Yrkandet är återtaget." if withdrawn else "Yrkandet gäller igen.")


@require_POST
@_paragraph_view(write=True)
def paragraph_dissent_add(request, paragraph: Paragraph):
    serving = recording.serving_members(paragraph.meeting, paragraph.number)
    form = DissentForm(request.POST, serving=serving)
    if not form.is_valid():
        return _page(request, paragraph, status=400, dissent_form=form)
    try:
        recording.add_dissent(paragraph, form.names(), form.cleaned_data["in_favour_of"], form.cleaned_data["text"])
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "dissent_form")
    return _saved(request, paragraph, "Reservationen är registrerad.")


def _part_text_page(request, paragraph: Paragraph, *, part, name: str, form_class, save, saved: str):
    """Edit the written text of one part of a § (a reservation's reasoning, a statement), which
    often arrives after the meeting but before justering. ``name`` is the part's template name
    and context key; ``save(text)`` stores the text through the recording service."""
    form = form_class(request.POST or None, initial={"text": part.text})
    status = 200
    if request.method == "POST":
        denied = check(request, recording_action(paragraph.meeting), paragraph.meeting)
        if denied is not None:
            return denied
        if form.is_valid():
            try:
                save(form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
                status = 409 if isinstance(exc, MeetingLocked) else 400
            else:
                return _saved(request, paragraph, saved)
        else:
            status = 400
    return render(request, f"workspace/live/paragraph_{name}_text.html", {
        "meeting": paragraph.meeting, "paragraph": paragraph, name: part, "form": form,
        "back": paragraph_url(paragraph),
    }, status=status)


@_paragraph_view(write=False)
def paragraph_dissent_text(request, paragraph: Paragraph, part_pk: int):
    """The written reasoning of a reservation (may arrive after the meeting, before justering)."""
    dissent = get_object_or_404(Dissent, pk=part_pk, paragraph=paragraph)
    return _part_text_page(
        request, paragraph, part=dissent, name="dissent", form_class=DissentTextForm,
        save=lambda text: recording.set_dissent_text(dissent, text),
        saved="Den skriftliga reservationen är sparad.",
    )


@_paragraph_view(write=False)
def paragraph_statement_text(request, paragraph: Paragraph, part_pk: int):
    """The text of a särskilt yttrande or protokollsanteckning, often handed in after the meeting."""
    statement = get_object_or_404(Statement, pk=part_pk, paragraph=paragraph)
    return _part_text_page(
        request, paragraph, part=statement, name="statement", form_class=StatementTextForm,
        save=lambda text: recording.set_statement_text(statement, text),
        saved=f"Texten till {statement.get_kind_display()} är sparad.",
    )


@require_POST
@_paragraph_view(write=True)
def paragraph_statement_add(request, paragraph: Paragraph):
    form = StatementForm(request.POST, present=_present_names(paragraph.meeting, paragraph.number))
    if not form.is_valid():
        return _page(request, paragraph, status=400, statement_form=form)
    try:
        recording.add_statement(paragraph, form.cleaned_data["kind"], form.names(), form.cleaned_data["text"])
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "statement_form")
    return _saved(request, paragraph, "Yttrandet är registrerat.")


@require_POST
@_paragraph_view(write=True)
def paragraph_recipients(request, paragraph: Paragraph):
    form = RecipientsForm(request.POST)
    if not form.is_valid():
        return _page(request, paragraph, status=400, recipients_form=form)
    try:
        recording.set_recipients(paragraph, form.cleaned_data["recipients"])
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "recipients_form")
    return _saved(request, paragraph, "Mottagarna är sparade.")


PARTS = {"yrkande": Motion, "votering": Vote, "reservation": Dissent, "yttrande": Statement}


@require_POST
@_paragraph_view(write=True)
def paragraph_part_delete(request, paragraph: Paragraph, kind: str, part_pk: int):
    model = PARTS.get(kind)
    if model is None:
        return _page(request, paragraph, status=404, error="Okänd del av paragrafen.")
    part = get_object_or_404(model, pk=part_pk, paragraph=paragraph)
    try:
        recording.delete_part(part)
    except ValidationError as exc:
        return _refused(request, paragraph, exc)
    return _saved(request, paragraph, f"{model._meta.verbose_name.capitalize()} är borttagen.")


@require_POST
@_paragraph_view(write=True)
def paragraph_adjust(request, paragraph: Paragraph):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _page(request, paragraph, status=400, adjust_form=form)
    try:
        recording.adjust_immediately(paragraph)
    except ValidationError as exc:
        return _refused(request, paragraph, exc, form, "adjust_form")
    return _saved(request, paragraph, f"§ {paragraph.number} är omedelbart justerad och kan inte längre ändras.")


# --- votes ----------------------------------------------------------------------------------

PRESETS = {"ja": Choice.YES, "nej": Choice.NO, "avstar": Choice.ABSTAIN}


@_paragraph_view(write=False)
def paragraph_vote(request, paragraph: Paragraph, vote_pk: int | None = None):
    """Enter (or correct) an open roll-call vote: a row per serving member, all preset to one
    choice (?forval=ja|nej|avstar, default ja) so only the exceptions need changing."""
    meeting = paragraph.meeting
    vote = get_object_or_404(Vote, pk=vote_pk, paragraph=paragraph) if vote_pk else None
    serving = recording.serving_members(meeting, paragraph.number)
    default = PRESETS.get(request.GET.get("forval", ""), Choice.YES)
    existing = {b.person_id: b.choice for b in vote.ballots.all()} if vote else None
    initial = {"question": vote.question, "yes_means": vote.yes_means, "no_means": vote.no_means} if vote else {}
    motions = [recording.motion_label(m) for m in paragraph.motions.all() if not m.withdrawn]
    form = VoteForm(request.POST or None, serving=serving, default=default, ballots=existing, initial=initial)
    status, preview = 200, None
    if request.method == "POST":
        denied = check(request, recording_action(meeting), meeting)
        if denied is not None:
            return denied
        if form.is_valid() and "rakna" in request.POST:
            try:
                preview = recording.count_vote(
                    paragraph, form.ballots(), yes_means=form.cleaned_data["yes_means"],
                    no_means=form.cleaned_data["no_means"],
                )
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
                status = 400
        elif form.is_valid():
            try:
                saved = recording.record_vote(
                    paragraph, form.ballots(), yes_means=form.cleaned_data["yes_means"],
                    no_means=form.cleaned_data["no_means"], question=form.cleaned_data["question"], vote=vote,
                )
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
                status = 409 if isinstance(exc, MeetingLocked) else 400
            else:
                text = f"Voteringen är registrerad: {saved.yes} ja, {saved.no} nej, {saved.abstain} avstår."
                if saved.casting_vote_by:
                    text += f" Lika röstetal; ordförandens utslagsröst ({saved.casting_vote_by}) avgör."
                return _saved(request, paragraph, text + f" Beslut enligt {saved.outcome}.")
        else:
            status = 400
    return render(request, "workspace/live/paragraph_vote.html", {
        "meeting": meeting, "paragraph": paragraph, "vote": vote, "form": form, "serving": serving,
        "chair": recording.acting_chair(meeting, serving), "default": default,
        "motions": ["förslaget till beslut", *motions], "back": paragraph_url(paragraph),
        "locked": is_locked(paragraph), "preview": preview,
    }, status=status)


# --- the protokoll draft --------------------------------------------------------------------


@action_required(Action.DRAFT_MINUTES, get_object=_meeting)
def minutes_draft(request, meeting_pk: int, obj: Meeting):
    """The draft page: links to the draft HTML and PDF, the §§ and what is still missing."""
    paragraphs = obj.paragraphs.order_by("year", "number")
    pending = [(d.paragraph, d) for d in recording.pending_written_dissents(obj)]
    return render(request, "workspace/live/draft.html", {
        "meeting": obj, "paragraphs": paragraphs, "pending": pending,
    })


@action_required(Action.DRAFT_MINUTES, get_object=_meeting)
def minutes_draft_html(request, meeting_pk: int, obj: Meeting):
    """The protokoll as it stands, every page marked as a draft (secret §§ shown: internal)."""
    return HttpResponse(render_minutes_html(meeting_to_minutes(obj), draft=not obj.locked))


@action_required(Action.DRAFT_MINUTES, get_object=_meeting)
def minutes_draft_pdf(request, meeting_pk: int, obj: Meeting):
    data = minutes_pdf(meeting_to_minutes(obj), draft=not obj.locked)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"protokollsutkast-{obj.body.name}-{obj.date:%Y-%m-%d}.pdf".replace(" ", "-").lower()
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# --- URLs (included by live/urls.py) ----------------------------------------------------------

urlpatterns = [
    path("sammantraden/<int:meeting_pk>/protokollsutkast/", minutes_draft, name="minutes_draft"),
    path("sammantraden/<int:meeting_pk>/protokollsutkast/utkast.html", minutes_draft_html, name="minutes_draft_html"),
    path("sammantraden/<int:meeting_pk>/protokollsutkast/utkast.pdf", minutes_draft_pdf, name="minutes_draft_pdf"),
    path("paragrafer/<int:pk>/", paragraph_page, name="paragraph"),
    path("paragrafer/<int:pk>/text/", paragraph_text, name="paragraph_text"),
    path("paragrafer/<int:pk>/yrkanden/", paragraph_motion_add, name="paragraph_motion_add"),
    path("paragrafer/<int:pk>/yrkanden/<int:part_pk>/aterta/", paragraph_motion_withdraw,
         name="paragraph_motion_withdraw"),
    path("paragrafer/<int:pk>/votering/", paragraph_vote, name="paragraph_vote"),
    path("paragrafer/<int:pk>/votering/<int:vote_pk>/", paragraph_vote, name="paragraph_vote_edit"),
    path("paragrafer/<int:pk>/reservationer/", paragraph_dissent_add, name="paragraph_dissent_add"),
    path("paragrafer/<int:pk>/reservationer/<int:part_pk>/", paragraph_dissent_text, name="paragraph_dissent_text"),
    path("paragrafer/<int:pk>/yttranden/", paragraph_statement_add, name="paragraph_statement_add"),
    path("paragrafer/<int:pk>/yttranden/<int:part_pk>/", paragraph_statement_text, name="paragraph_statement_text"),
    path("paragrafer/<int:pk>/mottagare/", paragraph_recipients, name="paragraph_recipients"),
    path("paragrafer/<int:pk>/<str:kind>/<int:part_pk>/ta-bort/", paragraph_part_delete,
         name="paragraph_part_delete"),
    path("paragrafer/<int:pk>/omedelbar-justering/", paragraph_adjust, name="paragraph_adjust"),
]
