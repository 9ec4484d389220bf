"""Sammanträden and what happens at them: föredragningslista, närvaro, paragrafer (§), yrkanden,
voteringar, reservationer, yttranden, jäv and expediering.

The models mirror :mod:`kansli.minutes.model`; :mod:`kansli.meetings.conversion` converts both
ways. Lists of names (who moved, who dissented) are stored as JSON lists of names as printed.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from kansli.cases.models import Case
from kansli.organisation.models import Body, Party, Person

from .locking import LockedRecordMixin


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "planerat"
    NOTICE_SENT = "notice_sent", "kallelse skickad"
    HELD = "held", "genomfört"
    ADJUSTED = "adjusted", "justerat"


class Meeting(LockedRecordMixin, models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name="organ")
    date = models.DateField("datum")
    start = models.TimeField("starttid", null=True, blank=True)
    end = models.TimeField("sluttid", null=True, blank=True)
    place = models.CharField("plats", max_length=300, blank=True)
    remote_participation = models.BooleanField("digitalt deltagande", default=False)
    adjournments = models.JSONField("ajourneringar", default=list, blank=True, help_text="Som de trycks.")
    status = models.CharField("status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    invitation_sent = models.DateField("kallelse skickad", null=True, blank=True)
    chair = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="ordförande"
    )
    secretary = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="sekreterare"
    )
    adjusters = models.ManyToManyField(
        Person, through="Adjuster", related_name="adjusted_meetings", blank=True, verbose_name="justerare"
    )
    adjusted = models.DateField("justerat den", null=True, blank=True)
    adjustment_place = models.CharField("justeringens plats", max_length=300, blank=True)
    adjustment_time = models.CharField("justeringens tid", max_length=100, blank=True, help_text="Som den trycks.")
    locked = models.BooleanField(
        "låst", default=False, editable=False,
        help_text="Justeringen är registrerad; protokollet kan inte längre ändras (se meetings.locking).",
    )
    notice_posted = models.DateField("anslaget den", null=True, blank=True)
    notice_removed = models.DateField("anslaget nedtas den", null=True, blank=True)
    minutes_kept_at = models.CharField("förvaringsplats för protokollet", max_length=300, blank=True)
    source_file = models.CharField("källfil", max_length=500, blank=True)
    source_sha256 = models.CharField("källfilens kontrollsumma", max_length=64, blank=True)
    source_pages = models.JSONField("källsidor", default=list, blank=True)
    source_ocr_pages = models.JSONField("OCR-tolkade sidor", default=list, blank=True)
    has_source = models.BooleanField("importerat från dokument", default=False)

    class Meta:
        verbose_name = "sammanträde"
        verbose_name_plural = "sammanträden"
        ordering = ["date", "start", "body__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notice_removed__isnull=True)
                | Q(notice_posted__isnull=True)
                | Q(notice_removed__gte=models.F("notice_posted")),
                name="meeting_notice_order",
                violation_error_message="Anslaget kan inte tas ned innan det satts upp.",
            ),
            models.CheckConstraint(
                condition=Q(locked=False) | Q(status="adjusted", adjusted__isnull=False),
                name="meeting_locked_only_when_adjusted",
                violation_error_message="Endast ett justerat protokoll kan låsas.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}"

    @property
    def municipality(self):
        return self.body.municipality


class Adjuster(LockedRecordMixin, models.Model):
    """An elected justerare of a meeting, in the order printed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, verbose_name="sammanträde")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, verbose_name="person")
    order = models.PositiveSmallIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "justerare"
        verbose_name_plural = "justerare"
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="adjuster_unique_person")
        ]

    def __str__(self) -> str:
        return self.person.name


class AgendaItemKind(models.TextChoices):
    STANDING = "standing", "stående punkt"
    CASE = "case", "ärende"


class AgendaItem(LockedRecordMixin, models.Model):
    """A point on the föredragningslista."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="sammanträde"
    )
    order = models.PositiveSmallIntegerField("nummer")
    title = models.CharField("rubrik", max_length=500)
    kind = models.CharField("typ", max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.CASE)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items", verbose_name="ärende"
    )
    proposed_decision = models.TextField("förslag till beslut", blank=True)

    class Meta:
        verbose_name = "punkt på föredragningslistan"
        verbose_name_plural = "föredragningslista"
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agendaitem_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class AttendanceRole(models.TextChoices):
    """Mirrors :class:`kansli.minutes.Role`."""

    CHAIR = "chair", "ordförande"
    FIRST_VICE_CHAIR = "first_vice_chair", "1:e vice ordförande"
    SECOND_VICE_CHAIR = "second_vice_chair", "2:e vice ordförande"
    MEMBER = "member", "ledamot"
    SERVING_SUBSTITUTE = "serving_substitute", "tjänstgörande ersättare"
    SUBSTITUTE = "substitute", "ej tjänstgörande ersättare"
    OTHER = "other", "övrig närvarande"


class Attendance(LockedRecordMixin, models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name="sammanträde"
    )
    order = models.PositiveSmallIntegerField("ordning", default=0)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances", verbose_name="person")
    party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="parti", help_text="Partiet som det trycks i protokollet.",
    )
    role = models.CharField("roll", max_length=20, choices=AttendanceRole.choices, default=AttendanceRole.MEMBER)
    office = models.CharField("titel", max_length=200, blank=True, help_text="För övriga närvarande, t.ex. förvaltningschef.")
    serving_for = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="tjänstgör för"
    )
    paragraphs = models.JSONField(
        "paragrafer", default=list, blank=True,
        help_text="Lista av [första, sista] §; tom lista: hela sammanträdet.",
    )
    remote = models.BooleanField("deltar digitalt", null=True, blank=True)

    class Meta:
        verbose_name = "närvaro"
        verbose_name_plural = "närvaro"
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(serving_for__isnull=True) | Q(role=AttendanceRole.SERVING_SUBSTITUTE),
                name="attendance_serving_for_only_substitute",
                violation_error_message="Endast en tjänstgörande ersättare tjänstgör för någon.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.get_role_display()}"

    def present_at(self, number: int) -> bool:
        return not self.paragraphs or any(first <= number <= last for first, last in self.paragraphs)


class Paragraph(LockedRecordMixin, models.Model):
    """A § of the protokoll, numbered per body and calendar year (§ 28/2026)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="paragraphs", verbose_name="sammanträde"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="paragraphs", verbose_name="organ",
        help_text="Samma som sammanträdets organ; numreringen följer organet.",
    )
    year = models.PositiveSmallIntegerField("år")
    number = models.PositiveIntegerField("paragraf")
    title = models.CharField("rubrik", max_length=500, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="paragraphs", verbose_name="ärende"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="paragraph",
        verbose_name="punkt på föredragningslistan",
        help_text="Punkten som paragrafen behandlar (sätts när sammanträdet öppnas, se meetings.live).",
    )
    case_number = models.CharField("diarienummer", max_length=50, blank=True)
    decision = models.TextField("beslut", blank=True)
    decision_clauses = models.JSONField("att-satser", default=list, blank=True)
    proposed_decision = models.TextField("förslag till beslut", blank=True)
    summary = models.TextField("sammanfattning", blank=True)
    decision_basis = models.JSONField("beslutsunderlag", default=list, blank=True)
    deliberation = models.TextField("överläggning", blank=True)
    order_of_questions = models.JSONField("propositionsordning", default=list, blank=True)
    immediately_adjusted = models.BooleanField("omedelbart justerad", default=False)
    locked = models.BooleanField(
        "låst", default=False, editable=False,
        help_text="Paragrafen är omedelbart justerad och kan inte längre ändras (se meetings.locking).",
    )
    secret = models.BooleanField("sekretess", default=False)

    class Meta:
        verbose_name = "paragraf"
        verbose_name_plural = "paragrafer"
        ordering = ["body", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="paragraph_unique_number"),
            models.CheckConstraint(
                condition=Q(locked=False) | Q(immediately_adjusted=True),
                name="paragraph_locked_only_when_immediately_adjusted",
                violation_error_message="Endast en omedelbart justerad paragraf kan låsas för sig.",
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number}/{self.year} {self.title}".rstrip()

    def save(self, *args, **kwargs) -> None:
        if self.meeting_id and not self.body_id:
            self.body_id = self.meeting.body_id
        if self.case_id and not self.case_number:
            self.case_number = self.case.case_number
        super().save(*args, **kwargs)


class MotionKind(models.TextChoices):
    MAIN = "main", "yrkande"
    AMENDMENT = "amendment", "tilläggs- eller ändringsyrkande"
    REFERRAL_BACK = "referral_back", "återremiss"
    POSTPONEMENT = "postponement", "bordläggning"


class _ParagraphPart(LockedRecordMixin, models.Model):
    order = models.PositiveSmallIntegerField("ordning", default=0)

    class Meta:
        abstract = True
        ordering = ["paragraph", "order", "pk"]


class Motion(_ParagraphPart):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="motions", verbose_name="paragraf")
    by = models.JSONField("yrkat av", default=list, help_text="Namn som de trycks.")
    text = models.TextField("yrkande")
    kind = models.CharField("typ", max_length=20, choices=MotionKind.choices, default=MotionKind.MAIN)
    withdrawn = models.BooleanField("återtaget", default=False)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "yrkande"
        verbose_name_plural = "yrkanden"

    def __str__(self) -> str:
        return f"{', '.join(self.by)}: {self.text[:60]}"


class Vote(_ParagraphPart):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="votes", verbose_name="paragraf")
    question = models.TextField("voteringsproposition", blank=True)
    yes_means = models.TextField("ja betyder", blank=True)
    no_means = models.TextField("nej betyder", blank=True)
    yes = models.PositiveSmallIntegerField("ja", null=True, blank=True)
    no = models.PositiveSmallIntegerField("nej", null=True, blank=True)
    abstain = models.PositiveSmallIntegerField("avstår", null=True, blank=True)
    absent = models.PositiveSmallIntegerField("frånvarande", null=True, blank=True)
    outcome = models.TextField("utfall", blank=True)
    casting_vote_by = models.CharField("utslagsröst av", max_length=200, blank=True)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "votering"
        verbose_name_plural = "voteringar"

    def __str__(self) -> str:
        return f"Votering i {self.paragraph}: {self.yes} ja, {self.no} nej"


class Choice(models.TextChoices):
    YES = "yes", "ja"
    NO = "no", "nej"
    ABSTAIN = "abstain", "avstår"
    ABSENT = "absent", "frånvarande"


class Ballot(LockedRecordMixin, models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots", verbose_name="votering")
    order = models.PositiveSmallIntegerField("ordning", default=0)
    name = models.CharField("namn", max_length=200)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="ballots", verbose_name="person"
    )
    party = models.CharField("parti", max_length=20, blank=True)
    serving_for = models.CharField("tjänstgör för", max_length=200, blank=True)
    choice = models.CharField("röst", max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = "röst"
        verbose_name_plural = "röster"
        ordering = ["vote", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "name"], name="ballot_unique_name"),
            models.UniqueConstraint(
                fields=["vote", "person"], condition=Q(person__isnull=False), name="ballot_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_choice_display()}"


class Dissent(_ParagraphPart):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="dissents", verbose_name="paragraf")
    by = models.JSONField("reserverade sig", default=list)
    text = models.TextField("motivering", blank=True)
    written = models.BooleanField("skriftlig reservation", default=False)
    in_favour_of = models.TextField("till förmån för", blank=True)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "reservation"
        verbose_name_plural = "reservationer"

    def __str__(self) -> str:
        return f"Reservation: {', '.join(self.by)}"


class StatementKind(models.TextChoices):
    SPECIAL_STATEMENT = "special_statement", "särskilt yttrande"
    MINUTES_NOTE = "minutes_note", "protokollsanteckning"


class Statement(_ParagraphPart):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="statements", verbose_name="paragraf")
    kind = models.CharField("typ", max_length=20, choices=StatementKind.choices)
    by = models.JSONField("av", default=list)
    text = models.TextField("text", blank=True)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "särskilt yttrande eller protokollsanteckning"
        verbose_name_plural = "särskilda yttranden och protokollsanteckningar"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {', '.join(self.by)}"


class Recusal(_ParagraphPart):
    """Jäv: the person neither took part in nor attended the handling of the §."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="recusals", verbose_name="paragraf")
    name = models.CharField("namn", max_length=200)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="recusals", verbose_name="person"
    )
    reason = models.TextField("skäl", blank=True)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "jäv"
        verbose_name_plural = "jäv"

    def __str__(self) -> str:
        return f"Jäv: {self.name}"


class QuestionKind(models.TextChoices):
    QUESTION = "question", "övrig fråga"
    INFORMATION = "information", "information"


class Question(_ParagraphPart):
    """An övrig fråga (who asked, who answered) or an information item given at a §."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="questions", verbose_name="paragraf")
    kind = models.CharField("typ", max_length=20, choices=QuestionKind.choices, default=QuestionKind.QUESTION)
    asked_by = models.CharField("fråga från / informationen begärd av", max_length=200, blank=True)
    answered_by = models.CharField("besvarad av / informationen lämnad av", max_length=200, blank=True)
    question = models.TextField("fråga / ämne", blank=True)
    answer = models.TextField("svar / information", blank=True)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "övrig fråga eller information"
        verbose_name_plural = "övriga frågor och information"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.asked_by or self.answered_by}".rstrip(": ")


class Recipient(_ParagraphPart):
    """"Beslutet skickas till": a recipient of the dispatched decision."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="recipients", verbose_name="paragraf"
    )
    name = models.CharField("mottagare", max_length=300)

    class Meta(_ParagraphPart.Meta):
        verbose_name = "mottagare"
        verbose_name_plural = "mottagare (expediering)"

    def __str__(self) -> str:
        return self.name


class ParagraphCounter(models.Model):
    """Lock row for paragraph numbering per body and year (see ``services``)."""

    audit = False

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+", verbose_name="organ")
    year = models.PositiveSmallIntegerField("år")

    class Meta:
        verbose_name = "paragrafräknare"
        verbose_name_plural = "paragrafräknare"
        ordering = ["body", "year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="paragraphcounter_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"
