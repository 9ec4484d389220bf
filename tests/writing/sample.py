"""A fully populated, fictional protokoll. All names, places and case numbers are made up."""

from datetime import date, time

from kansli.minutes import (
    Ballot,
    Choice,
    Dissent,
    Item,
    Meeting,
    Minutes,
    Motion,
    MotionKind,
    ParagraphRange,
    Participant,
    Recusal,
    Role,
    Statement,
    StatementKind,
    Vote,
)

BODY = "Omsorgsnämnden"


def sample_minutes() -> Minutes:
    members = [
        Participant("Ylva Sandberg", "S", Role.CHAIR, remote=False),
        Participant("Gustav Mörk", "M", Role.FIRST_VICE_CHAIR, remote=False),
        Participant("Leila Hassan", "V", Role.SECOND_VICE_CHAIR, remote=True),
        Participant("Oskar Tallqvist", "S", Role.MEMBER),
        Participant("Britt Åhlén", "C", Role.MEMBER, paragraphs=[ParagraphRange(29, 33)]),
        Participant("Nils Grahn", "SD", Role.MEMBER),
        Participant("Hanna Ruud", "M", Role.SERVING_SUBSTITUTE, serving_for="Per Kvist",
                    remote=True),
        Participant("Tove Lindahl", "C", Role.SERVING_SUBSTITUTE, serving_for="Britt Åhlén",
                    paragraphs=[ParagraphRange(28, 28)]),
        Participant("Rasmus Eng", "KD", Role.MEMBER),
    ]
    substitutes = [
        Participant("Sara Holm", "S", Role.SUBSTITUTE),
        Participant("Tove Lindahl", "C", Role.SUBSTITUTE, paragraphs=[ParagraphRange(29, 33)]),
        Participant("Jon Berglöf", "L", Role.SUBSTITUTE, remote=True),
    ]
    others = [
        Participant("Maria Fält", role=Role.OTHER, office="förvaltningschef"),
        Participant("Ali Demir", role=Role.OTHER, office="ekonom", paragraphs=[ParagraphRange(30, 31)]),
        Participant("Karin Sjöö", role=Role.OTHER, office="nämndsekreterare"),
    ]
    ballots = [
        Ballot("Ylva Sandberg", Choice.YES, "S"),
        Ballot("Gustav Mörk", Choice.NO, "M"),
        Ballot("Leila Hassan", Choice.YES, "V"),
        Ballot("Oskar Tallqvist", Choice.YES, "S"),
        Ballot("Britt Åhlén", Choice.NO, "C"),
        Ballot("Nils Grahn", Choice.YES, "SD"),
        Ballot("Hanna Ruud", Choice.NO, "M", serving_for="Per Kvist"),
        Ballot("Rasmus Eng", Choice.NO, "KD"),
    ]
    items = [
        Item(number=28, year=2026, title="Val av justerare och godkännande av dagordning",
             case_number="ON/2026:00001",
             decision_clauses=["Gustav Mörk (M) utses att justera dagens protokoll.",
                               "Dagordningen godkänns."],
             immediately_adjusted=True),
        Item(number=29, year=2026, title="Taxor för trygghetslarm 2027",
             case_number="ON/2026:00012",
             decision_clauses=[
                 "Omsorgsnämnden föreslår kommunfullmäktige att fastställa avgiften för trygghetslarm till 250 kronor per månad från 1 januari 2027.",
                 "Omsorgsnämnden ger förvaltningen i uppdrag att informera berörda brukare.",
             ],
             summary="Förvaltningen har sett över avgiften för trygghetslarm.\n\n"
                     "Avgiften har inte ändrats sedan 2019 och täcker i dag omkring hälften av kostnaden.",
             decision_basis=["Tjänsteskrivelse 2026-02-20", "Jämförelse av avgifter i länet"],
             motions=[
                 Motion(["Ylva Sandberg", "Leila Hassan"], "bifall till förvaltningens förslag"),
                 Motion(["Gustav Mörk"], "att avgiften ska vara oförändrad 200 kronor per månad"),
                 Motion(["Nils Grahn"], "att ärendet återremitteras för en konsekvensanalys",
                        kind=MotionKind.REFERRAL_BACK),
                 Motion(["Rasmus Eng"], "en avgift om 225 kronor", withdrawn=True),
             ],
             order_of_questions=[
                 "Ordföranden frågar först om ärendet ska avgöras i dag och finner att så sker.",
                 "Därefter ställer ordföranden förvaltningens förslag mot Gustav Mörks (M) yrkande och finner att nämnden bifaller förvaltningens förslag. Votering begärs.",
             ],
             votes=[Vote(question="Votering begärs och genomförs med namnupprop.",
                         yes_means="förvaltningens förslag", no_means="Gustav Mörks (M) yrkande",
                         ballots=ballots, outcome="förvaltningens förslag",
                         casting_vote_by="Ylva Sandberg")],
             reservations=[Dissent(["Gustav Mörk", "Hanna Ruud"], written=True,
                                   in_favour_of="eget yrkande",
                                   text="Vi anser att avgiften inte bör höjas under innevarande mandatperiod.\n\nEn höjning drabbar de äldre som har lägst inkomster."),
                           Dissent(["Rasmus Eng"])],
             statements=[Statement(StatementKind.SPECIAL_STATEMENT, ["Leila Hassan"],
                                   text="Utöver förslaget vill vi se en avgiftsfri första månad."),
                         Statement(StatementKind.MINUTES_NOTE, ["Nils Grahn"],
                                   text="Vi vill att konsekvenserna följs upp efter ett år.")],
             recipients=["Kommunfullmäktige", "Omsorgsförvaltningen"]),
        Item(number=30, year=2026, title="Ansökan om projektmedel för digital tillsyn",
             case_number="ON/2026:00031",
             decision="Omsorgsnämnden ansöker om projektmedel hos länsstyrelsen.",
             recusals=[Recusal("Oskar Tallqvist", reason="styrelseledamot i sökande förening")],
             recipients=["Länsstyrelsen"]),
        Item(number=31, year=2026, title="Ärende om enskild", case_number="ON/2026:00040",
             decision="Nämnden beslutar enligt förvaltningens förslag.", secret=True),
        Item(number=33, year=2026, title="Delegationsbeslut", case_number="ON/2026:00002",
             decision="Nämnden har tagit del av redovisningen."),
    ]
    return Minutes(
        municipality="Ekeby kommun",
        body=BODY,
        meeting=Meeting(date=date(2026, 3, 9), start=time(18, 30), end=time(20, 5),
                        place="Sessionssalen, Stadshuset, Ekeby", remote_participation=True),
        chair="Ylva Sandberg",
        secretary="Karin Sjöö",
        adjusters=["Gustav Mörk"],
        adjusted=date(2026, 3, 16),
        adjustment_place="Stadshuset",
        adjustment_time="2026-03-16 kl. 10.00",
        notice_posted=date(2026, 3, 17),
        notice_removed=date(2026, 4, 8),
        minutes_kept_at="Omsorgsförvaltningen, Stadshuset, Ekeby",
        participants=members + substitutes + others,
        items=items,
    )
