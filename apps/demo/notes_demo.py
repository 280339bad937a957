"""The pension statements per period, the notes' texts and the redovisningsprinciper.

Exempelkommun's pension administrator is KPA Pension. The avsättning is the demo ledger's
(account 2210: 62 mnkr in the opening balance of 2025, unchanged since), so the statement and
the ledger agree; the ansvarsförbindelse for pensions earned before 1998 decreases each period
as the older pensions are paid out. Written through the services, once: a second run leaves a
statement, note or text that exists (the user's from then on) as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.accounts.models import User
from apps.economy.models import AccountingPrinciples, PensionStatement, StatementLine, StatementNote
from apps.economy.services.notes import (
    accounting_principles_save,
    pension_statement_save,
    statement_note_save,
)
from apps.periods.models import ReportingPeriod

M = Decimal(1_000_000)
ADMINISTRATOR = "KPA Pension"
REASON = "Demodata: pensionsskuldsberäkning från KPA Pension"

# period key: (avsättning, ansvarsförbindelse in mnkr, aktualiseringsgrad %, statement date)
PENSIONS = {
    "2025-t2": ("62", "352.4", "96", dt.date(2025, 9, 5)),
    "2025-bokslut": ("62", "347.1", "96", dt.date(2026, 1, 23)),
    "2026-t1": ("62", "343.8", "97", dt.date(2026, 5, 8)),
    "2026-t2": ("62", "339.6", "97", dt.date(2026, 9, 4)),
}

_PRINCIPLES = """<p>Kommunens redovisning följer lagen (2018:597) om kommunal bokföring och \
redovisning (LKBR) och Rådet för kommunal redovisnings (RKR) rekommendationer, med de \
avvikelser som anges nedan. {change}</p>
<h3>Avvikelser från RKR:s rekommendationer</h3>
<p>Leasingavtal för fordon och arbetsmaskiner som enligt RKR R5 Leasing är finansiella \
redovisas som operationella. Avtalen har kort löptid och ett sammanlagt värde av cirka 6 mnkr; \
avvikelsen bedöms inte påverka bilden av kommunens resultat och ställning väsentligt.</p>
<h3>Intäkter</h3>
<p>Skatteintäkterna har periodiserats enligt RKR R2 Intäkter: den preliminära \
slutavräkningen bygger på SKR:s prognos i december. Investeringsbidrag och \
anslutningsavgifter för VA tas upp som förutbetalda intäkter och intäktsförs i takt med \
avskrivningarna på de anläggningar de finansierar.</p>
<h3>Värderingsprinciper</h3>
<p>Tillgångar och skulder har värderats till anskaffningsvärde om inget annat anges. \
Fordringar har tagits upp till de belopp varmed de beräknas inflyta. Finansiella \
omsättningstillgångar värderas till verkligt värde enligt RKR R7.</p>
<h3>Materiella anläggningstillgångar och avskrivningar</h3>
<p>Som anläggningstillgång räknas tillgångar med en nyttjandeperiod om minst tre år och ett \
anskaffningsvärde över {limit}. Avskrivningar görs linjärt över nyttjandeperioden och börjar \
när tillgången tas i bruk. Mark, konst och pågående arbeten skrivs inte av. Vanliga \
avskrivningstider:</p>
<ul>
<li>verksamhetsfastigheter: stomme 50 år, tak och fasad 30–40 år, installationer 15–25 år</li>
<li>gator, vägar och VA-ledningar: 33–50 år</li>
<li>maskiner och inventarier: 5–10 år, IT-utrustning 3–5 år</li>
</ul>
<p>Komponentavskrivning tillämpas enligt RKR R4 Materiella anläggningstillgångar för byggnader \
och anläggningar där komponenternas nyttjandeperioder skiljer sig väsentligt åt.</p>
<h3>Pensioner</h3>
<p>Pensionsförpliktelserna redovisas enligt blandmodellen: pensioner intjänade före 1998 \
redovisas som ansvarsförbindelse och pensioner intjänade från och med 1998 som avsättning i \
balansräkningen. Den avgiftsbestämda ålderspensionen (individuell del) redovisas som \
kortfristig skuld och betalas ut i mars året efter. Beräkningarna görs av KPA Pension enligt \
RIPS och omfattar särskild löneskatt.</p>
<h3>Sammanställd redovisning</h3>
<p>Den sammanställda redovisningen omfattar kommunen och de kommunala bolag där kommunen har \
ett bestämmande inflytande. Den har upprättats enligt förvärvsmetoden med proportionell \
konsolidering enligt RKR R16; interna mellanhavanden har eliminerats.</p>"""

PRINCIPLES = {
    2025: _PRINCIPLES.format(
        change="Redovisningsprinciperna är oförändrade jämfört med föregående år.",
        limit="ett halvt prisbasbelopp",
    ),
    2026: _PRINCIPLES.format(
        change="Från 2026 har gränsen för anläggningstillgång höjts till ett prisbasbelopp; "
        "i övrigt är principerna oförändrade jämfört med årsredovisningen 2025.",
        limit="ett prisbasbelopp",
    ),
}

NOTES = {
    (2025, "tax_revenue"): (
        "Skatteintäkterna omfattar preliminär kommunalskatt, den preliminära slutavräkningen "
        "för 2025 och korrigeringen av slutavräkningen för 2024, beräknade enligt SKR:s "
        "prognos i december 2025."
    ),
    (2025, "general_grants"): (
        "Posten omfattar inkomstutjämning, kostnadsutjämning, regleringsbidrag, LSS-utjämning "
        "och kommunal fastighetsavgift enligt beslut och prognoser för året."
    ),
    (2025, "br_provisions"): (
        "Avsättningen för pensioner avser pensioner intjänade från och med 1998 och "
        "förmånsbestämd ålderspension, inklusive särskild löneskatt, enligt KPA Pensions "
        "beräkning. Pensioner intjänade före 1998 redovisas som ansvarsförbindelse. Övriga "
        "avsättningar avser återställning av den gamla deponin vid Kvarnby."
    ),
    (2025, "br_long_term_liabilities"): (
        "Lånen har tagits upp hos Kommuninvest. Under året har nya lån om 40 mnkr tagits upp "
        "för investeringarna i förskolan Solrosen och Söderskolan. Förutbetalda "
        "anslutningsavgifter för VA periodiseras över anläggningarnas nyttjandeperiod."
    ),
    (2026, "tax_revenue"): (
        "Skatteintäkterna omfattar preliminär kommunalskatt och den preliminära "
        "slutavräkningen för 2026 enligt SKR:s senaste prognos, samt korrigeringen av "
        "slutavräkningen för 2025."
    ),
    (2026, "general_grants"): (
        "Inkomstutjämning, kostnadsutjämning, regleringsbidrag, LSS-utjämning och kommunal "
        "fastighetsavgift. De generella statsbidragen höjdes 2026 enligt regeringens "
        "budgetproposition."
    ),
    (2026, "br_provisions"): (
        "Avsättningen för pensioner enligt KPA Pensions beräkning, inklusive särskild "
        "löneskatt. Ansvarsförbindelsen för pensioner intjänade före 1998 minskar i takt med "
        "att pensionerna betalas ut."
    ),
    (2026, "br_long_term_liabilities"): (
        "Lån hos Kommuninvest. Under året har nya lån om 50 mnkr tagits upp för "
        "investeringarna i vattenverket i Kvarnby och särskilt boende Eken."
    ),
}


def load(admin: User) -> None:
    """The redovisningsprinciper and the notes' texts of 2025 and 2026."""
    written = set(AccountingPrinciples.objects.values_list("year", flat=True))
    for year, text in PRINCIPLES.items():
        if year not in written:
            accounting_principles_save(
                actor=admin, year=year, text=text, reason="Demodata: redovisningsprinciper"
            )
    lines = {line.key: line for line in StatementLine.objects.all()}
    noted = set(StatementNote.objects.values_list("year", "line__key"))
    for (year, key), text in NOTES.items():
        if key in lines and (year, key) not in noted:
            statement_note_save(
                actor=admin, year=year, line=lines[key], text=text, reason="Demodata: not"
            )


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's pension statement from KPA Pension."""
    if key not in PENSIONS or PensionStatement.objects.filter(period=period).exists():
        return
    provision, liability, degree, statement_on = PENSIONS[key]
    pension_statement_save(
        actor=admin,
        period=period,
        provision=Decimal(provision) * M,
        contingent_liability=Decimal(liability) * M,
        actualisation_degree=Decimal(degree),
        administrator=ADMINISTRATOR,
        statement_on=statement_on,
        reason=REASON,
    )
