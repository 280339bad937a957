"""Exempelkommun's economy: budget med plan for 2025 and 2026, the investment projects, the
ledger the outcome files are generated from (apps.demo.economy_files), and the nämnder's
forecasts and åtgärdsplan in the reporting periods.

Amounts are written in millions of kronor (mnkr) as text, so that they stay exact decimals;
``mnkr("1.8")`` turns one into kronor. The story, in figures:

- 2026: skatteintäkter 1 418 and generella statsbidrag och utjämning 432 mnkr. KF's frame
  budget (June 2025) gives KS and the seven nämnder 1 804 mnkr net cost, a budgeted result of
  40 mnkr (2.2 %). A tilläggsanslag in March gives Socialnämnden 6 mnkr more for placements of
  children and young people: 34 mnkr (1.8 %).
- The year runs about 10 mnkr worse: Socialnämnden forecasts a deficit of 9 mnkr in tertial 1
  (which it says it can handle) and 18 mnkr in tertial 2 (which it cannot: an åtgärdsplan),
  the others small deviations both ways. Gross cost (Kommun-Bas classes 4–7) about 2.07 billion.
- 2025, the previous year, ran at 1 754 mnkr net cost and a result of 24 mnkr (1.3 %).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

REASON = "Demodata för Exempelkommun: ekonomin"
IMPORT_REASON = "Månadens utfall från ekonomisystemet (demodata)"
FORECAST_REASON = "Nämndens helårsprognos i delårsuppföljningen (demodata)"

MILLION = Decimal(1_000_000)


def mnkr(amount: str) -> Decimal:
    """``"1.8"`` million kronor as kronor with öre: Decimal("1800000.00")."""
    return (Decimal(amount) * MILLION).quantize(Decimal("0.01"))


# KS and the seven nämnder: the bodies with an operating frame (the bolag have none here).
BODIES = ("1000", "2000", "3000", "4000", "5000", "6000", "7000", "7500")

# --- Budget years: the planning assumptions (mnkr) ---------------------------------------

BUDGET_YEARS = {
    2025: {
        "tax_revenue": "1372", "general_grants": "411", "tax_rate": "22.14",
        "population": 25_210, "depreciation": "57", "financial_income": "9",
        "financial_costs": "14", "forecast_source": "SKR:s cirkulär 24:21 (april 2024)",
        "notes": "Befolkningen antas öka med 0,5 procent per år. Löneökningar 3,5 procent, "
                 "prisökningar 2,0 procent. Internräntan 2,5 procent.",
    },
    2026: {
        "tax_revenue": "1418", "general_grants": "432", "tax_rate": "22.14",
        "population": 25_340, "depreciation": "59", "financial_income": "10",
        "financial_costs": "16", "forecast_source": "SKR:s cirkulär 25:20 (april 2025)",
        "notes": "Befolkningen antas öka med 0,5 procent per år. Löneökningar 3,2 procent, "
                 "prisökningar 1,8 procent. Valår: valnämnden får 3 mnkr för valen i september.",
    },
    2027: {
        "tax_revenue": "1471", "general_grants": "445", "tax_rate": "22.14",
        "population": 25_450, "depreciation": "66", "financial_income": "10",
        "financial_costs": "19", "forecast_source": "SKR:s cirkulär 26:19 (april 2026)",
        "is_election_year": True,
        "notes": "Budgeten beslutas under valåret 2026; nya fullmäktige kan fatta ett "
                 "kompletterande beslut i november.",
    },
}  # fmt: skip

# --- The ledger of 2026, per ansvar ------------------------------------------------------

# Each ansvar's budget for 2026 in mnkr: (profile, gross cost, revenue, of the cost
# depreciation). Its net cost (cost minus revenue) is its line in the nämnd's detaljbudget;
# the nets of a body's ansvar sum to its current frame. The profile (ACCOUNT_PROFILES) says
# how the cost and revenue spread over the accounts.
ANSVAR_2026 = {
    # KS 128
    "1000": ("ledning", "30", "0", "0"),  # politik, kommungemensamt, KS oförutsedda (8 mnkr)
    "1100": ("ledning", "12", "0", "0"),
    "1110": ("ledning", "22", "2", "0"),
    "1120": ("ledning", "26", "4", "0"),
    "1130": ("ledning", "21", "1", "2.5"),
    "1140": ("bidrag", "26", "2", "0"),  # kollektivtrafik, räddningstjänstförbundet
    # BUN 700
    "2000": ("politik", "1.5", "0", "0"),
    "2100": ("kop", "110", "6", "1.5"),  # skolskjuts, elevpeng till fristående skolor
    "2110": ("kop", "22", "0", "0"),  # förskoleplatser i andra kommuner och fristående
    "2111": ("skola", "32", "4", "0"),
    "2112": ("skola", "48", "6", "0"),
    "2120": ("skola", "34", "2", "0"),  # elevhälsan
    "2121": ("skola", "72", "4", "0"),
    "2122": ("skola", "125", "7", "0"),
    "2123": ("skola", "88", "5", "0"),
    "2130": ("kop", "104", "2", "0"),  # interkommunal ersättning gymnasiet
    "2131": ("skola", "96", "14", "1"),
    "2132": ("skola", "26", "8.5", "0"),
    # SN 736 (730 in the frame budget, 6 more by the tilläggsanslag, all to 3111)
    "3000": ("politik", "1.8", "0", "0"),
    "3100": ("ledning", "34", "2", "1"),
    "3110": ("ledning", "12", "0", "0"),
    "3111": ("kop", "68", "4", "0"),  # placeringar av barn och unga
    "3112": ("bistand", "57", "7", "0"),
    "3120": ("kop", "25", "1", "0"),
    "3121": ("omsorg", "141", "13", "0"),
    "3122": ("omsorg", "110", "14", "0"),
    "3123": ("omsorg", "95", "12", "0"),
    "3130": ("kop", "110", "8", "0"),  # personlig assistans, köpta platser
    "3131": ("omsorg", "99", "3.8", "0"),
    "3132": ("omsorg", "50", "2", "0"),
    # KFN 50
    "4000": ("politik", "0.6", "0", "0"),
    "4100": ("bidrag", "9", "0", "0"),  # föreningsbidrag
    "4111": ("skola", "12", "0.6", "0"),
    "4120": ("ledning", "7", "0.5", "0"),
    "4121": ("fastighet", "22", "6", "2"),
    "4122": ("skola", "7", "0.5", "0"),
    # SBN 106
    "5000": ("politik", "0.8", "0", "0"),
    "5100": ("ledning", "8", "0", "0"),
    "5110": ("ledning", "12", "4", "0"),
    "5120": ("teknik", "42", "3", "8"),
    "5130": ("fastighet", "70", "19.8", "30"),
    # MBN 14
    "6000": ("politik", "0.5", "0", "0"),
    "6100": ("ledning", "2.5", "0", "0"),
    "6110": ("ledning", "9", "3.5", "0"),
    "6120": ("ledning", "8.5", "3", "0"),
    # TN 73
    "7000": ("politik", "0.5", "0", "0"),
    "7100": ("ledning", "6.5", "0", "0"),
    "7110": ("teknik", "40", "40", "9"),  # VA: taxefinansierat
    "7120": ("teknik", "26", "26", "3"),  # avfall: taxefinansierat
    "7130": ("omsorg", "74", "8", "1"),  # kost och städ
    # VN 3: the elections in September
    "7500": ("val", "3.2", "0.2", "0"),
}

# How 2026 actually runs (mnkr more cost than budgeted on the ansvar; negative: less). The
# forecasts of tertial 2 say the same per nämnd.
ACTUAL_DEVIATION_2026 = {
    "3111": "11",  # more placements of children and young people than budgeted
    "3121": "7",  # hemtjänst: more hours granted
    "2130": "1.2",  # more pupils in other kommuners gymnasier …
    "2132": "-1.8",  # … and fewer in vuxenutbildningen
    "6120": "0.3",
    "1000": "-4",  # KS oförutsedda not used
    "5130": "-2.5",  # lower energy prices
    "7130": "-1",
    "4100": "-0.4",
}

# 2025's outcome per body (mnkr net cost): the generator scales the 2026 ansvar to it.
ACTUAL_2025 = {
    "1000": "121.8", "2000": "676", "3000": "722", "4000": "48", "5000": "101",
    "6000": "13.6", "7000": "70.4", "7500": "0.6",
}  # fmt: skip

# Förskolan Blåklinten closed on 30 June 2025: in 2025 it had this share of Förskolan
# Lärkan's 2026 budget, in January to June.
CLOSED_IN_2025 = {"2113": ("2112", "0.45", 6)}

# Taxes and grants, booked on KS's ansvar (the share of the year's budget per account).
TAX_ACCOUNTS = {"8010": "1"}
GRANT_ACCOUNTS = {"8210": "0.78", "8230": "0.10", "8250": "0.04", "8260": "0.12", "8270": "-0.04"}
# Financial items (mnkr for the year, positive) and the months they are booked in.
FINANCIAL_ITEMS = {
    2025: {"8410": "2.2", "8420": "3.5", "8450": "3.3", "8510": "11.4", "8540": "2.6"},
    2026: {"8410": "2.4", "8420": "4.0", "8450": "3.6", "8510": "13.2", "8540": "2.8"},
}
FINANCIAL_MONTHS = {
    "8410": tuple(range(1, 13)),
    "8420": (5,),  # dividend from the bolag after their annual meetings
    "8450": (3, 6, 9, 12),
    "8510": (3, 6, 9, 12),
    "8540": tuple(range(1, 13)),
}
# Receivables and short-term debts vary from month to month around their opening balance,
# up to this much (mnkr); the bank account takes the difference.
WORKING_CAPITAL = {"1510": "8", "1610": "12", "2510": "15", "2710": "3"}
# New loans (mnkr), booked on 2310 in the month.
LOANS = {2025: {4: "40"}, 2026: {3: "50"}}

# --- Accounts (Kommun-Bas) --------------------------------------------------------------

ACCOUNT_NAMES = {
    "1010": "Immateriella anläggningstillgångar",
    "1110": "Mark",
    "1120": "Verksamhetsfastigheter",
    "1129": "Ack. avskrivningar byggnader och anläggningar",
    "1150": "Tekniska anläggningar",
    "1180": "Pågående ny- och ombyggnad",
    "1210": "Maskiner och inventarier",
    "1219": "Ack. avskrivningar maskiner och inventarier",
    "1310": "Aktier i kommunala bolag",
    "1350": "Långfristiga fordringar",
    "1410": "Exploateringsfastigheter",
    "1510": "Kundfordringar",
    "1610": "Mervärdesskatt och övriga fordringar",
    "1710": "Förutbetalda kostnader och upplupna intäkter",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2210": "Avsättningar för pensioner",
    "2240": "Övriga avsättningar",
    "2310": "Lån i banker och kreditinstitut",
    "2390": "Förutbetalda anslutningsavgifter VA",
    "2510": "Leverantörsskulder",
    "2710": "Personalens skatter och avgifter",
    "2910": "Semesterlöneskuld",
    "2930": "Upplupna pensionskostnader, individuell del",
    "2940": "Upplupna sociala avgifter",
    "3211": "Barnomsorgs- och elevavgifter",
    "3230": "Omsorgsavgifter",
    "3250": "Taxor och avgifter",
    "3310": "Hyror och arrenden",
    "3450": "Riktade statsbidrag",
    "3510": "Försäljning av tjänster",
    "4010": "Material och varor",
    "4520": "Försörjningsstöd",
    "4530": "Bidrag till föreningar och organisationer",
    "4610": "Köp av huvudverksamhet",
    "5010": "Löner månadsavlönade",
    "5020": "Arvoden förtroendevalda",
    "5610": "Personalomkostnader",
    "6110": "Lokalhyror",
    "6210": "Energi, vatten och avlopp",
    "6410": "Köpta tjänster",
    "7010": "Transporter och resor",
    "7810": "Avskrivningar byggnader och anläggningar",
    "7830": "Avskrivningar maskiner och inventarier",
    "8010": "Kommunalskatt",
    "8210": "Inkomstutjämningsbidrag",
    "8230": "Kostnadsutjämning",
    "8250": "Regleringsbidrag",
    "8260": "Kommunal fastighetsavgift",
    "8270": "LSS-utjämning",
    "8410": "Ränteintäkter",
    "8420": "Utdelning från kommunala bolag",
    "8450": "Borgensavgifter",
    "8510": "Räntekostnader lån",
    "8540": "Ränta på pensionsavsättning",
}

# How an ansvar's cost (without depreciation) and revenue spread over the accounts.
ACCOUNT_PROFILES = {
    "politik": ({"5020": "0.62", "5610": "0.20", "6410": "0.18"}, {"3510": "1"}),
    "ledning": (
        {"5010": "0.55", "5610": "0.18", "6110": "0.08", "6410": "0.12", "7010": "0.07"},
        {"3510": "1"},
    ),
    "skola": (
        {"5010": "0.61", "5610": "0.19", "4010": "0.06", "6110": "0.11", "6410": "0.03"},
        {"3211": "0.35", "3450": "0.65"},
    ),
    "omsorg": (
        {"5010": "0.67", "5610": "0.21", "4010": "0.04", "6110": "0.06", "7010": "0.02"},
        {"3230": "0.45", "3450": "0.55"},
    ),
    "kop": ({"4610": "0.78", "5010": "0.10", "5610": "0.035", "6410": "0.085"}, {"3450": "1"}),
    "bistand": ({"4520": "0.62", "5010": "0.22", "5610": "0.08", "6410": "0.08"}, {"3450": "1"}),
    "bidrag": ({"4530": "0.70", "5010": "0.18", "5610": "0.06", "6410": "0.06"}, {"3450": "1"}),
    "teknik": (
        {"4010": "0.18", "5010": "0.24", "5610": "0.08", "6210": "0.14", "6410": "0.28",
         "7010": "0.08"},
        {"3250": "0.75", "3310": "0.25"},
    ),
    "fastighet": (
        {"4010": "0.08", "5010": "0.18", "5610": "0.06", "6110": "0.08", "6210": "0.30",
         "6410": "0.30"},
        {"3310": "1"},
    ),
    "val": ({"5020": "0.50", "5610": "0.10", "6410": "0.40"}, {"3510": "1"}),
}  # fmt: skip

# Depreciation account per ansvar (default 7830, machines and equipment), and the account
# of the accumulated depreciation it is credited to.
BUILDING_DEPRECIATION = {"5120", "5130", "7110", "7120", "4121"}
ACCUMULATED_DEPRECIATION = {"7810": "1129", "7830": "1219"}

# Monthly weights (they sum to 12): salaries dip in July (semester, fewer substitutes) and
# rise in December; other costs follow the activity; revenue is even; investments are built
# in the summer and autumn; the elections cost in August and September.
SEASONS = {
    "salaries": ("1.00", "0.98", "1.00", "1.00", "1.00", "1.07", "0.95", "1.00", "1.00", "1.00",
                 "1.00", "1.00"),
    "costs": ("0.96", "0.99", "1.05", "1.00", "1.02", "1.06", "0.84", "0.99", "1.02", "1.02",
              "1.00", "1.05"),
    "revenue": ("0.98", "1.00", "1.02", "1.00", "1.00", "1.00", "0.96", "0.98", "1.02", "1.02",
                "1.01", "1.01"),
    "even": ("1",) * 12,
    "investments": ("0.40", "0.50", "0.70", "0.90", "1.10", "1.30", "0.80", "1.20", "1.40",
                    "1.30", "1.20", "1.20"),
    "summer_works": ("0", "0", "0", "0", "0.5", "4", "4", "3.5", "0", "0", "0", "0"),
    "spring_works": ("0", "2", "4", "4", "2", "0", "0", "0", "0", "0", "0", "0"),
    "election": ("0.20", "0.20", "0.30", "0.30", "0.50", "0.60", "0.40", "2.50", "4.50", "1.50",
                 "0.50", "0.50"),
}  # fmt: skip

# The opening balance of 2025 (mnkr, the ledger's sign: assets positive, equity and
# liabilities negative), booked on KS's ansvar. 2026's opening balance is 2025's closing
# balance with the year's result moved into equity.
OPENING_BALANCE_2025 = {
    "1110": "85", "1120": "1950", "1129": "-670", "1150": "420", "1180": "60", "1210": "210",
    "1219": "-120", "1310": "120", "1350": "12", "1410": "22", "1510": "38", "1610": "64",
    "1710": "95", "1930": "85",
    "2010": "-1236", "2210": "-62", "2240": "-18", "2310": "-720", "2390": "-35",
    "2510": "-96", "2710": "-42", "2910": "-88", "2930": "-48", "2940": "-26",
}  # fmt: skip
# Balance rows that are not an ansvar's own are booked on KS (1000).
FINANCE_ANSVAR = "1000"
BANK_ACCOUNT = "1930"
LOAN_ACCOUNT = "2310"
EQUITY_ACCOUNT = "2010"

# --- Budget decisions ------------------------------------------------------------------

# The frame budgets (mnkr net cost per body for the budget year and the two plan years).
# Only the newest decision carries plan years: a decided plan year's amount counts in
# that year's budget (apps.economy.selectors.operating_budgets), so the 2025 decision's plan
# years would be added to the 2026 frame budget's amounts.
FRAME_DECISIONS = (
    {
        "year": 2025,
        "title": "Budget 2025 med plan 2026–2027",
        "description": "Kommunfullmäktiges rambudget för 2025. Planåren finns i budget 2026.",
        "decided_on": dt.date(2024, 6, 17),
        "paragraph": "§ 78",
        "frames": {
            "1000": ("124",), "2000": ("673",), "3000": ("708",), "4000": ("48.2",),
            "5000": ("102",), "6000": ("13.6",), "7000": ("71.5",), "7500": ("0.7",),
        },
    },
    {
        "year": 2026,
        "title": "Budget 2026 med plan 2027–2028",
        "description": "Kommunfullmäktiges rambudget för 2026 med plan för 2027–2028: "
                       "driftramar per nämnd och investeringsbudget per projekt.",
        "decided_on": dt.date(2025, 6, 16),
        "paragraph": "§ 84",
        "frames": {
            "1000": ("128", "131.5", "135"),
            "2000": ("700", "720", "740"),
            "3000": ("730", "756", "780"),
            "4000": ("50", "51.5", "53"),
            "5000": ("106", "109", "112"),
            "6000": ("14", "14.5", "15"),
            "7000": ("73", "75", "77"),
            "7500": ("3", "1", "0.8"),
        },
    },
)  # fmt: skip

ADDITIONAL_APPROPRIATION = {
    "year": 2026,
    "title": "Tilläggsanslag till socialnämnden för placeringar av barn och unga",
    "description": "Antalet placeringar har ökat sedan hösten 2025. Finansieras mot årets "
    "budgeterade resultat.",
    "decided_on": dt.date(2026, 3, 30),
    "paragraph": "§ 31",
    "frames": {"3000": "6"},
    "ansvar": "3111",  # where the nämnd puts it in its detaljbudget
}

# The detaljbudgetar 2026: each body's nämnd decides its ansvar's nets (ANSVAR_2026). The
# first decision is on the frame budget; Socialnämnden reopens its detaljbudget after the
# tilläggsanslag and decides it again.
DETAIL_BUDGET_DECISIONS = {
    "1000": (dt.date(2025, 11, 25), "§ 156"),
    "2000": (dt.date(2025, 11, 19), "§ 112"),
    "3000": (dt.date(2025, 11, 20), "§ 98"),
    "4000": (dt.date(2025, 11, 18), "§ 64"),
    "5000": (dt.date(2025, 11, 26), "§ 121"),
    "6000": (dt.date(2025, 11, 27), "§ 88"),
    "7000": (dt.date(2025, 11, 24), "§ 93"),
    "7500": (dt.date(2025, 12, 2), "§ 12"),
}
DETAIL_BUDGET_REVISED = {"3000": (dt.date(2026, 4, 22), "§ 41")}

# --- Investment projects ---------------------------------------------------------------

# code, name, body, ansvar booked on, account, decided total, first and last year, status,
# budget per year, spent per year (the ledger), forecast in tertial 2 (year, total) or None,
# description. In mnkr.
PROJECTS = (
    ("51001", "Ny förskola Solrosen", "5000", "5130", "1180", "78", 2025, 2027, "ongoing",
     {2025: "12", 2026: "40", 2027: "26"}, {2025: "10.5", 2026: "38"}, ("38", "78"),
     "Rivning av den gamla förskolan och nybyggnad för åtta avdelningar."),
    ("51002", "Om- och tillbyggnad Söderskolan", "5000", "5130", "1180", "145", 2024, 2027,
     "ongoing", {2025: "45", 2026: "50", 2027: "20"}, {2025: "44", 2026: "52"}, ("52", "145"),
     "Ny matsal, nya klassrum för årskurs 7–9 och renovering av idrottshallen."),
    ("51003", "Energieffektivisering i kommunens fastigheter", "5000", "5130", "1180", "12",
     2026, 2028, "ongoing", {2026: "4", 2027: "4", 2028: "4"}, {2026: "3.6"}, ("3.6", "12"),
     "Solceller, styrning av ventilation och byte till LED-belysning."),
    ("51004", "Särskilt boende Eken, etapp 2", "5000", "5130", "1180", "120", 2026, 2028,
     "ongoing", {2026: "8", 2027: "62", 2028: "50"}, {2026: "5"}, ("5", "120"),
     "Fyrtio nya lägenheter; projektering och bygglov 2026."),
    ("51005", "Gång- och cykelväg Norra infarten", "5000", "5120", "1150", "18", 2025, 2026,
     "ongoing", {2025: "6", 2026: "12"}, {2025: "5.5", 2026: "16"}, ("16", "21.5"),
     "Två kilometer belyst gång- och cykelväg med en ny bro över ån."),
    ("51006", "Gatubelysning LED", "5000", "5120", "1150", "9", 2024, 2026, "ongoing",
     {2025: "3", 2026: "3"}, {2025: "3.2", 2026: "2.8"}, ("2.8", "9"),
     "Byte av kvicksilverarmaturer till LED i hela tätorten."),
    ("51008", "Beläggningsprogram gator 2026", "5000", "5120", "1150", "11", 2026, 2026,
     "ongoing", {2026: "11"}, {2026: "10.8"}, ("11", "11"),
     "Ny asfalt enligt underhållsplanen."),
    ("61001", "E-tjänster och digitalt bygglovsarkiv", "6000", "6120", "1010", "1.5", 2026,
     2026, "ongoing", {2026: "1.5"}, {2026: "1.4"}, ("1.4", "1.4"),
     "Ansökan om bygglov som e-tjänst och inskanning av det gamla arkivet."),
    ("71001", "Nytt vattenverk Kvarnby", "7000", "7110", "1180", "95", 2025, 2028, "ongoing",
     {2025: "10", 2026: "30", 2027: "35", 2028: "20"}, {2025: "8", 2026: "24"}, ("24", "95"),
     "Ersätter vattenverket från 1962; upphandlingen blev klar senare än planerat."),
    ("71002", "Förnyelse av VA-ledningsnätet 2026", "7000", "7110", "1150", "22", 2026, 2026,
     "ongoing", {2026: "22"}, {2026: "21"}, ("22", "22"),
     "Byte av ledningar på Storgatan och i Västra området."),
    ("71003", "Ny återvinningscentral", "7000", "7120", "1180", "28", 2026, 2027, "paused",
     {2026: "6", 2027: "22"}, {2026: "0.6"}, ("0.8", "28"),
     "Pausad i väntan på miljötillstånd från länsstyrelsen."),
    ("71004", "Utrustning till storköken", "7000", "7130", "1210", "3.5", 2026, 2026,
     "ongoing", {2026: "3.5"}, {2026: "3.3"}, ("3.5", "3.5"),
     "Nya ugnar och diskmaskiner i tre tillagningskök."),
    ("21001", "Elevdatorer och digitala lärverktyg", "2000", "2100", "1210", "6", 2026, 2026,
     "ongoing", {2026: "6"}, {2026: "5.8"}, ("6", "6"),
     "En dator per elev i årskurs 4–9."),
    ("21002", "Inventarier till förskolan Solrosen", "2000", "2111", "1210", "3", 2026, 2027,
     "planned", {2026: "0.5", 2027: "2.5"}, {}, None,
     "Möbler och lekmaterial till den nya förskolan."),
    ("21003", "Skolgården vid Norrskolan", "2000", "2121", "1150", "4.5", 2026, 2026,
     "finished", {2026: "4.5"}, {2026: "4.3"}, ("4.3", "4.3"),
     "Ny skolgård med grönska och lekytor; klar till skolstarten i augusti."),
    ("31001", "Välfärdsteknik i hemtjänsten", "3000", "3121", "1210", "4", 2026, 2027,
     "ongoing", {2026: "2", 2027: "2"}, {2026: "1.8"}, ("2", "4"),
     "Digitala lås, nattkameror och planeringssystem."),
    ("31002", "Inventarier till särskilt boende", "3000", "3122", "1210", "2.5", 2026, 2026,
     "ongoing", {2026: "2.5"}, {2026: "2.4"}, ("2.5", "2.5"),
     "Sängar, lyftar och möbler i gemensamma utrymmen."),
    ("41001", "Konstgräsplan i Idrottsparken", "4000", "4121", "1150", "9.5", 2026, 2026,
     "ongoing", {2026: "9.5"}, {2026: "11.2"}, ("11.2", "11.2"),
     "Markarbetena blev dyrare än kalkylerat när dräneringen måste göras om."),
    ("41002", "Meröppet bibliotek", "4000", "4111", "1210", "1.8", 2026, 2026, "finished",
     {2026: "1.8"}, {2026: "1.7"}, ("1.7", "1.7"),
     "Passersystem och självbetjäning så att biblioteket kan vara öppet kvällstid."),
    ("11001", "IT-infrastruktur och nätverk", "1000", "1130", "1210", "7", 2026, 2028,
     "ongoing", {2026: "3", 2027: "2", 2028: "2"}, {2026: "2.6"}, None,
     "Nytt trådlöst nät i skolor och förvaltningar och utbyte av servrar."),
)  # fmt: skip

# How the spending of some projects spreads over the months (the rest: "investments").
PROJECT_SEASONS = {"21003": "summer_works", "41002": "spring_works"}

# --- Forecasts in the reporting periods ----------------------------------------------------

# Per period key: body → (deviation in mnkr: positive a surplus, negative a deficit;
# the nämnd can handle a deficit within its delegation; comment).
# 2025's forecasts sum to the demo's budgetavvikelse indicator (−8,5 and −5,2 mnkr); the
# placements that took Socialnämnden to −14 mnkr at the year-end grew after tertial 2.
FORECASTS = {
    "2025-t1": {
        "1000": ("1", False, "Kommunstyrelsens medel för oförutsedda behov är hittills "
                 "outnyttjade."),
        "2000": ("-2", True, "Fler barn i förskolan än budgeterat. Underskottet hanteras inom "
                 "nämndens ram genom vakanshållning."),
        "3000": ("-8", True, "Fler placeringar av barn och unga än budgeterat. Nämnden bedömer "
                 "att underskottet kan hanteras inom ramen genom lägre kostnader för "
                 "försörjningsstöd och vakanshållning."),
        "4000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "5000": ("0.5", False, "Lägre kapitalkostnader än budgeterat."),
        "6000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "7000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "7500": ("0", False, "Inga val i år; verksamheten bedrivs enligt budget."),
    },
    "2025-t2": {
        "1000": ("2", False, "Medlen för oförutsedda behov väntas inte behövas i år."),
        "2000": ("-2.5", True, "Fler barn i förskolan och fler gymnasieelever i andra kommuner "
                 "än budgeterat; hanteras inom ramen genom vakanshållning."),
        "3000": ("-6", True, "Placeringarna av barn och unga har minskat något sedan våren. "
                 "Nämnden bedömer att underskottet kan hanteras inom ramen genom lägre "
                 "kostnader för försörjningsstöd och vakanshållning."),
        "4000": ("0.2", False, "Lägre föreningsbidrag än budgeterat."),
        "5000": ("1", False, "Lägre kapitalkostnader och energipriser än budgeterat."),
        "6000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "7000": ("0.1", False, "Något lägre livsmedelskostnader än budgeterat."),
        "7500": ("0", False, "Inga val i år; verksamheten bedrivs enligt budget."),
    },
    "2026-t1": {
        "1000": ("2", False, "Kommunstyrelsens medel för oförutsedda behov är hittills "
                 "outnyttjade."),
        "2000": ("-2.5", True, "Fler elever i gymnasieskolor i andra kommuner än budgeterat. "
                 "Underskottet hanteras inom nämndens ram genom vakanshållning i förvaltningen."),
        "3000": ("-9", True, "Fler placeringar av barn och unga än budgeterat trots "
                 "tilläggsanslaget. Nämnden bedömer att underskottet kan hanteras inom ramen "
                 "genom lägre kostnader för försörjningsstöd och vakanshållning."),
        "4000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "5000": ("1.5", False, "Lägre energipriser än budgeterat."),
        "6000": ("0", False, "Verksamheten bedrivs enligt budget."),
        "7000": ("0.5", False, "Något lägre livsmedelskostnader än budgeterat."),
        "7500": ("0", False, "Förberedelserna inför valen i september följer planen."),
    },
    "2026-t2": {
        "1000": ("4", False, "Medlen för oförutsedda behov väntas inte behövas i år."),
        "2000": ("0.6", False, "Fler gymnasieelever i andra kommuner än budgeterat vägs upp "
                 "av lägre kostnader i vuxenutbildningen."),
        "3000": ("-18", False, "Placeringarna av barn och unga har fortsatt att öka och "
                 "hemtjänsten har beviljat fler timmar än budgeterat. Underskottet ryms inte "
                 "inom nämndens ram; nämnden har beslutat om en åtgärdsplan."),
        "4000": ("0.4", False, "Lägre föreningsbidrag än budgeterat."),
        "5000": ("2.5", False, "Lägre energipriser och en mild vinter."),
        "6000": ("-0.3", True, "Lägre intäkter för bygglov när byggandet har minskat; "
                 "hanteras inom ramen genom att en tjänst lämnas vakant hösten ut."),
        "7000": ("1", False, "Lägre livsmedelskostnader i kosten."),
        "7500": ("0", False, "Valen genomfördes enligt budget; slutliga kostnader kommer i "
                 "oktober."),
    },
}  # fmt: skip

# Socialnämnden's åtgärdsplan for the deficit in tertial 2 2026.
DEFICIT_ACTION_PLAN = {
    "period": "2026-t2",
    "unit": "3000",
    "description": (
        # Figures from the data when loaded (apps/demo/figures.py).
        "Socialnämnden prognostiserar {result_3000} för 2026, främst för placeringar av "
        "barn och unga ({overrun_3111}) och för hemtjänsten ({overrun_3121}). "
        "Underskottet kan inte hanteras inom nämndens delegation. Åtgärderna ska minska "
        "underskottet i år och få kostnaderna i balans med ramen till 2027."
    ),
    "measures": (
        ("Bygga ut öppenvården och familjehemmen så att fler barn och unga kan få stöd på "
         "hemmaplan i stället för institutionsplacering.", "Verksamhetschef individ- och "
         "familjeomsorg", dt.date(2026, 12, 31)),
        ("Följa upp beviljade hemtjänsttimmar mot utförd tid och anpassa bemanningen efter "
         "den faktiska tiden hos brukarna.", "Verksamhetschef äldreomsorg",
         dt.date(2026, 11, 30)),
        ("Anställningsstopp för administrativa tjänster och ingen inhyrd personal utan "
         "socialchefens beslut.", "Socialchef", dt.date(2026, 10, 31)),
    ),
    # Each measure's estimated effect on the deficit this year (mnkr), in the order above:
    # 7,5 of the 18 mnkr, a gap of 10,5 mnkr that the plan states as such.
    "effects": ("4", "2", "1.5"),
    "decided_on": dt.date(2026, 9, 24),
    "paragraph": "§ 87",
}  # fmt: skip
