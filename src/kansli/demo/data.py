"""The fictional people, cases and texts of the demo municipality "Exempelkommun".

Everything here is invented: names, parties' members, cases and decisions. Any likeness to real
persons or decisions is unintended.
"""

from __future__ import annotations

from dataclasses import dataclass

MUNICIPALITY = "Exempelkommun"
ORG_NUMBER = "212000-0000"
TOWN_HALL = "Kommunhuset, Storgatan 1, Exempelstad"

PARTIES = [
    ("S", "Socialdemokraterna"),
    ("M", "Moderaterna"),
    ("SD", "Sverigedemokraterna"),
    ("C", "Centerpartiet"),
    ("V", "Vänsterpartiet"),
    ("KD", "Kristdemokraterna"),
    ("L", "Liberalerna"),
    ("MP", "Miljöpartiet de gröna"),
    ("BL", "Bygdelistan i Exempelkommun"),
]

VON_NAME = "Vård- och omsorgsnämnden"
VON_AU_NAME = "Vård- och omsorgsnämndens arbetsutskott"
KS_NAME = "Kommunstyrelsen"
KF_NAME = "Kommunfullmäktige"

# (name, party, office) — the 11 members of the Vård- och omsorgsnämnd.
VON_MEMBERS = [
    ("Karin Sjöholm", "S", "chair"),
    ("Anders Bergqvist", "M", "first_vice_chair"),
    ("Göran Lindfors", "SD", "second_vice_chair"),
    ("Fatima Yilmaz", "S", ""),
    ("Ahmed Karimi", "S", ""),
    ("Elin Nordmark", "M", ""),
    ("Mikael Strand", "SD", ""),
    ("Sofia Wallinder", "C", ""),
    ("Jonas Ekberg", "V", ""),
    ("Birgitta Holm", "KD", ""),
    ("Tove Lundell", "BL", ""),
]

# (name, party) — the 11 substitutes, in call-in order.
VON_SUBSTITUTES = [
    ("Patrik Sandell", "S"),
    ("Leila Mansour", "S"),
    ("Henrik Dahl", "M"),
    ("Camilla Forsberg", "M"),
    ("Roger Nyström", "SD"),
    ("Annika Blom", "SD"),
    ("Oskar Hedlund", "C"),
    ("Nadia Rahimi", "V"),
    ("Lars-Erik Torstensson", "KD"),
    ("Ingrid Falk", "L"),
    ("Daniel Moberg", "MP"),
]

VON_AU_MEMBERS = [("Karin Sjöholm", "chair"), ("Anders Bergqvist", "first_vice_chair"), ("Göran Lindfors", "")]
VON_AU_SUBSTITUTES = ["Fatima Yilmaz", "Elin Nordmark", "Mikael Strand"]

KS_MEMBERS = [
    ("Per-Olof Wennberg", "S", "chair"),
    ("Cecilia Ahlström", "M", "first_vice_chair"),
    ("Thomas Brandt", "SD", "second_vice_chair"),
    ("Maja Lindqvist Ali", "C", ""),
    ("Rasmus Holmér", "L", ""),
]
KF_MEMBERS = [
    ("Ulla-Britt Sandberg", "S", "chair"),
    ("Johan Kvarnberg", "M", "first_vice_chair"),
    ("Amina Hassan", "V", ""),
    ("Per-Olof Wennberg", "S", ""),
    ("Cecilia Ahlström", "M", ""),
    ("Viktor Engström", "MP", ""),
    ("Ebba Sundin", "KD", ""),
]

# Officials: (name, title)
SECRETARY = ("Hanna Ekström", "nämndsekreterare")
DIRECTOR = ("Robert Engqvist", "förvaltningschef")
ECONOMIST = ("Jenny Qvarnström", "ekonom")
REGISTRAR = ("Sara Malmberg", "registrator")


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    group: str
    description: str
    person: str | None = None  # the Person the account belongs to
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "demo-admin", "Administratör", "administratör", None, True, True),
    DemoUser("registrator", "demo-registrator", "Registrator", "registrator", REGISTRAR[0], True),
    DemoUser("sekreterare", "demo-sekreterare", "Nämndsekreterare", "nämndsekreterare", SECRETARY[0], True),
    DemoUser("ordforande", "demo-ordforande", "Ordförande", "ordförande i vård- och omsorgsnämnden", "Karin Sjöholm"),
    DemoUser("justerare", "demo-justerare", "Justerare", "justerare vid senaste sammanträdet", "Anders Bergqvist"),
    DemoUser("ledamot", "demo-ledamot", "Ledamot/ersättare", "ledamot i vård- och omsorgsnämnden", "Jonas Ekberg"),
)

GROUPS = ["Administratör", "Registrator", "Nämndsekreterare", "Ordförande", "Justerare", "Ledamot/ersättare"]


@dataclass(frozen=True)
class DemoCase:
    key: str
    title: str
    status: str
    days_before_today: int  # when it was registered
    summary: str
    proposal: str = ""  # förslag till beslut / the decision for decided cases
    secret: bool = False
    attachment: str = ""  # title of a plain-text bilaga, if any


CASES = [
    DemoCase(
        "follow_up", "Ekonomisk uppföljning efter årets första tertial", "decided", 75,
        "Förvaltningen redovisar utfallet för årets första månader. Hemtjänsten visar ett underskott "
        "som främst beror på fler beviljade timmar än budgeterat, medan särskilt boende ligger i balans.",
        "Vård- och omsorgsnämnden godkänner den ekonomiska uppföljningen och uppdrar åt "
        "förvaltningen att återkomma med åtgärder för en budget i balans.",
        attachment="Sammanställning per verksamhet",
    ),
    DemoCase(
        "motion_housing", "Yttrande över motion om fler trygghetsboenden", "decided", 120,
        "En motion i kommunfullmäktige föreslår att kommunen utreder fler trygghetsboenden i de "
        "mindre tätorterna. Nämnden har ombetts yttra sig.",
        "Vård- och omsorgsnämnden antar förvaltningens yttrande som sitt eget och överlämnar det "
        "till kommunstyrelsen.",
    ),
    DemoCase(
        "procurement_meals", "Upphandling av matdistribution till ordinärt boende", "decided", 95,
        "Nuvarande avtal om distribution av matlådor löper ut vid årsskiftet. Förvaltningen föreslår "
        "en ny upphandling med krav på kylkedja och leveransfönster.",
        "Vård- och omsorgsnämnden godkänner förfrågningsunderlaget och ger förvaltningschefen i "
        "uppdrag att genomföra upphandlingen.",
        attachment="Kravspecifikation, utkast",
    ),
    DemoCase(
        "guidelines", "Riktlinjer för biståndsbedömning inom äldreomsorgen", "closed", 150,
        "Riktlinjerna har setts över för att bättre stödja en likvärdig bedömning av hemtjänst, "
        "korttidsvistelse och särskilt boende.",
        "Vård- och omsorgsnämnden antar reviderade riktlinjer för biståndsbedömning att gälla från "
        "och med nästa månad.",
    ),
    DemoCase(
        "individual", "Ansökan om bistånd enligt socialtjänstlagen, individärende", "decided", 40,
        "Ärendet gäller en enskild och omfattas av sekretess enligt 26 kap. 1 § offentlighets- och "
        "sekretesslagen.",
        "Vård- och omsorgsnämnden beslutar i enlighet med förvaltningens förslag.",
        secret=True,
    ),
    DemoCase(
        "internal_control", "Internkontrollplan för kommande år", "ready", 45,
        "Planen pekar ut de risker som ska följas upp under året, bland annat läkemedelshantering, "
        "dokumentation och kontroll av fakturor från externa utförare.",
        "Vård- och omsorgsnämnden antar internkontrollplanen.",
    ),
    DemoCase(
        "operations_plan", "Verksamhetsplan med budget för kommande år", "ready", 60,
        "Förvaltningen har tagit fram förslag till verksamhetsplan utifrån fullmäktiges mål och den "
        "preliminära ramen.",
        "Vård- och omsorgsnämnden fastställer verksamhetsplan med budget och överlämnar den till "
        "kommunstyrelsen för kännedom.",
        attachment="Budgettabeller",
    ),
    DemoCase(
        "referral_aids", "Yttrande över remiss om regional hjälpmedelsverksamhet", "ready", 35,
        "Regionen har remitterat ett förslag om gemensam hjälpmedelsverksamhet för länets kommuner.",
        "Vård- och omsorgsnämnden tillstyrker förslaget med de synpunkter som framgår av yttrandet.",
    ),
    DemoCase(
        "citizen_gym", "Svar på medborgarförslag om utegym vid äldreboende", "ready", 90,
        "Ett medborgarförslag föreslår att ett utegym anpassat för äldre byggs vid ett av kommunens "
        "särskilda boenden.",
        "Vård- och omsorgsnämnden anser medborgarförslaget besvarat.",
    ),
    DemoCase(
        "fees", "Översyn av avgifter inom hemtjänsten", "in_preparation", 30,
        "Förvaltningen har fått i uppdrag att se över avgiftsnivåerna och jämföra dem med "
        "kringliggande kommuner.",
    ),
    DemoCase(
        "premises", "Lokalförsörjningsplan för särskilda boenden", "in_preparation", 20,
        "Behovet av platser i särskilt boende väntas öka. Planen ska beskriva hur behovet kan mötas "
        "fram till slutet av nästa mandatperiod.",
    ),
    DemoCase(
        "lex_sarah", "Rapport enligt lex Sarah", "registered", 6,
        "Rapport om ett missförhållande i verksamheten. Uppgifter om enskilda omfattas av sekretess.",
        secret=True,
    ),
    DemoCase(
        "citizen_benches", "Medborgarförslag om sittbänkar längs promenadstråk", "registered", 3,
        "Förslagsställaren vill att fler bänkar sätts upp så att äldre kan vila under promenader.",
    ),
    DemoCase(
        "patient_safety", "Patientsäkerhetsberättelse för föregående år", "closed", 200,
        "Den medicinskt ansvariga sjuksköterskan redovisar arbetet med patientsäkerhet.",
        "Vård- och omsorgsnämnden godkänner patientsäkerhetsberättelsen.",
    ),
]

# Cases on the upcoming meeting's agenda, in order.
UPCOMING_CASES = ["operations_plan", "internal_control", "referral_aids", "citizen_gym"]
