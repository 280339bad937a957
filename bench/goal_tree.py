"""The goal chain of a large kommun: SQL queries and server time of its pages.

Builds about ``--nodes`` goals (1 vision, 10 KF goals, nämndmål per nämnd and bolag,
verksamhetsmål for their förvaltningar and enheter) under 40 units, with uppdrag,
indicators, targets, values and assessments over three years, in a throw-away database.
Then prints the rows per table, the queries and median server time of the tree page, a
nämndmål's page, a KF goal's children (htmx) and a text-filtered tree, and the same
year's whole tree fetched by one raw SQL query, with each page's time as a ratio of it.

    python bench/goal_tree.py [--nodes 20000] [--repeat 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/goal_tree.py

With a PostgreSQL DATABASE_URL it runs in a new database ``bench_goal_tree`` on that
server; otherwise in a temporary SQLite file. Either is dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from _common import (
    allocated_peak_mb,
    http_client,
    interleaved_medians_ms,
    note,
    peak_rss_mb,
    profile_to_stderr,
    report,
    setup_django,
    temporary_database,
)

DATABASE_NAME = "bench_goal_tree"
SEARCH_WORD = "klimatanpassning"  # in the titles of about one goal in twenty, nowhere else
BATCH = 2000
TREE_ROW = b'<li class="tree__item">'

NAMNDER = [
    ("bun", "Barn- och utbildningsnämnden", "BUN", "Barn- och utbildningsförvaltningen"),
    ("son", "Socialnämnden", "SN", "Socialförvaltningen"),
    ("kfn", "Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsförvaltningen"),
    ("sbn", "Samhällsbyggnadsnämnden", "SBN", "Samhällsbyggnadsförvaltningen"),
    ("mbn", "Miljö- och byggnämnden", "MBN", "Miljö- och byggförvaltningen"),
    ("tn", "Tekniska nämnden", "TN", "Tekniska förvaltningen"),
]
OPERATIONS = ["Verksamhet norr", "Verksamhet söder"]
BOLAG = [("bo", "Kommunens bostadsbolag AB", "Bostad AB"), ("en", "Kommunens energi AB", "Energi")]


def organisation() -> list[tuple[str, str, str, str, str | None]]:
    """The 40 units, parents first: (key, kind, name, short name, parent's key)."""
    units = [
        ("kf", "kf", "Kommunfullmäktige", "KF", None),
        ("ks", "ks", "Kommunstyrelsen", "KS", "kf"),
        ("ks-f", "forvaltning", "Kommunledningskontoret", "KLK", "ks"),
    ]
    units += [
        (f"ks-v{i}", "verksamhet", f"KLK {name}", f"KLK v{i}", "ks-f")
        for i, name in enumerate(["ekonomi", "HR", "digitalisering"], start=1)
    ]
    for key, name, short, administration in NAMNDER:
        units.append((key, "namnd", name, short, "kf"))
        units.append((f"{key}-f", "forvaltning", administration, f"{short} förv", key))
        for i, operation in enumerate(OPERATIONS, start=1):
            units.append(
                (f"{key}-v{i}", "verksamhet", f"{short} {operation}", f"{short} v{i}", f"{key}-f")
            )
        units.append((f"{key}-e1", "enhet", f"{short} Enhet 1", f"{short} e1", f"{key}-v1"))
    for key, name, short in BOLAG:
        units.append((key, "bolag", name, short, "kf"))
        units.append((f"{key}-v1", "verksamhet", f"{short} drift", f"{short} drift", key))
    return units


KF_GOALS = [
    "Attraktiv kommun att bo och leva i",
    "Goda förutsättningar för näringslivet",
    "Trygg uppväxt och god utbildning",
    "God hälsa och omsorg hela livet",
    "Rikt kultur- och fritidsliv",
    "Hållbar samhällsbyggnad",
    "Minskad klimatpåverkan",
    "Delaktighet och inflytande",
]
FINANCIAL_GOALS = [
    "Resultatet är minst två procent av intäkterna",
    "Investeringarna är självfinansierade",
]
VERBS = ["Öka", "Minska", "Stärka", "Utveckla", "Förbättra", "Säkra", "Främja", "Effektivisera"]
TOPICS = [
    "andelen elever som når målen",
    "väntetiderna i hemtjänsten",
    "besöken i biblioteken",
    "den digitala servicen",
    "energianvändningen i lokalerna",
    "medarbetarnas hälsa",
    "samverkan med föreningslivet",
    "handläggningstiden för bygglov",
    "brukarnöjdheten",
    "kompetensförsörjningen",
    "det förebyggande arbetet",
    "tillgängligheten i utemiljön",
]
DESCRIPTION = "Målet följs upp i delårsrapporten och årsredovisningen med nämndens indikatorer."


@dataclass
class Built:
    year: int
    deep_goal_id: int  # a nämndmål with indicators, uppdrag and children
    kf_goal_id: int  # a KF goal whose children the htmx partial returns
    matches: int  # goals whose title holds SEARCH_WORD
    user_id: int
    counts: dict[str, int]


def build(nodes: int, year: int) -> Built:
    """Fill the empty database, in bulk (no history rows: the pages do not read them).

    On PostgreSQL the tables are then vacuumed and analysed, as autovacuum would have done
    by the time a real database of this size is read; otherwise the planner guesses from
    empty tables.
    """
    from django.db import connection, transaction

    with transaction.atomic():
        built = _build(nodes, year)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return built


def _build(nodes: int, year: int) -> Built:
    from apps.accounts.models import RoleAssignment, User
    from apps.followup.models import Assessment, GoalStatus
    from apps.goals.models import (
        Assignment,
        AssignmentDecision,
        AssignmentRecipient,
        Goal,
        GoalIndicator,
        Indicator,
        IndicatorSetChange,
        IndicatorTarget,
        IndicatorValue,
    )
    from apps.goals.services import steering_model_load_preset
    from apps.organisation.models import Municipality, Unit
    from apps.periods.models import ReportingPeriod

    rng = random.Random(nodes)
    years = [year - 2, year - 1, year]

    # Organisation: bulk-created top-down (children need their parent's pk), then rebuilt.
    Municipality.objects.create(name="Benchkommun", kommunkod="0999", population=60000)
    units: dict[str, Unit] = {}
    spec = organisation()
    for depth in range(5):
        batch = []
        for position, (key, kind, name, short, parent) in enumerate(spec):
            if _unit_depth(spec, key) != depth:
                continue
            units[key] = Unit(
                parent=units[parent] if parent else None,
                kind=kind,
                name=name,
                short_name=short,
                ansvarskod=str(1000 + position),
                valid_from=dt.date(2019, 1, 1),
                position=position,
                lft=0,
                rght=0,
                tree_id=0,
                level=0,
            )
            batch.append(units[key])
        Unit.objects.bulk_create(batch)
    Unit.objects.rebuild()
    fresh = Unit.objects.in_bulk()  # with the tree fields the rebuild set
    units = {key: fresh[unit.pk] for key, unit in units.items()}
    below: dict[str, list[Unit]] = {}  # civil-servant units under each body
    for key, kind, *_rest in spec:
        if kind in {"ks", "namnd", "bolag"}:
            below[key] = [units[k] for k, *_ in spec if k.startswith(f"{key}-")]
    bodies = list(below)

    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    levels = {level.key: level for level in model.levels.all()}
    perspectives = list(model.perspectives.all())

    # Goals: tree fields computed here, then inserted level by level (a child needs its
    # parent's pk).
    def goal(level, parent, owner, title, first, last, perspective=None):
        return Goal(
            level=levels[level],
            parent=parent,
            owner=owner,
            title=title,
            description=DESCRIPTION,
            first_year=first,
            last_year=last,
            perspective=perspective,
            lft=0,
            rght=0,
            tree_id=0,
            depth=0,
        )

    start, end = years[0], year + 1
    vision = goal("vision", None, units["kf"], "Vision: en kommun att växa i", start, None)
    kf_goals = [goal("inriktningsmal", vision, units["kf"], t, start, end) for t in KF_GOALS]
    kf_goals += [
        goal("finansiellt-mal", vision, units["kf"], t, start, end) for t in FINANCIAL_GOALS
    ]
    every = 20  # one goal in twenty carries the search word
    n_namndmal = max(len(bodies), round(nodes * 0.05))
    namndmal = []
    for i in range(n_namndmal):
        body = bodies[i % len(bodies)]
        parent = kf_goals[(i // len(bodies)) % len(kf_goals)]
        words = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"
        title = f"{units[body].short_name}: {words} ({i + 1})"
        namndmal.append(
            goal(
                "namndmal",
                parent,
                units[body],
                title,
                start,
                end,
                perspectives[i % len(perspectives)],
            )
        )
    verksamhetsmal = []
    n_verksamhetsmal = max(0, nodes - 1 - len(kf_goals) - n_namndmal)
    for i in range(n_verksamhetsmal):
        parent = namndmal[i % n_namndmal]
        owners = below[bodies[(i % n_namndmal) % len(bodies)]]
        first, last = start, end
        if i % 20 == 7:
            last = year - 1  # ended before the year shown
        elif i % 20 == 13:
            first = year  # new this year
        words = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"
        if i % every == 0:
            words = f"{words} genom {SEARCH_WORD}"
        verksamhetsmal.append(
            goal(
                "verksamhetsmal",
                parent,
                owners[i % len(owners)],
                f"{words} ({i + 1})",
                first,
                last,
                perspectives[i % len(perspectives)],
            )
        )
    goals = [vision, *kf_goals, *namndmal, *verksamhetsmal]
    set_tree_fields(goals)
    with Goal.objects.disable_mptt_updates():
        for tier in ([vision], kf_goals, namndmal, verksamhetsmal):
            Goal.objects.bulk_create(tier, batch_size=BATCH)
    deep = next(g for g in namndmal if g.owner is units["bun"])
    deep_children = [g for g in verksamhetsmal if g.parent is deep]

    # Three follow-ups a year.
    periods: dict[int, list[ReportingPeriod]] = {}
    for y in years:
        periods[y] = ReportingPeriod.objects.bulk_create(
            [
                ReportingPeriod(
                    year=y,
                    kind="tertial1",
                    name="Tertial 1",
                    starts_on=dt.date(y, 1, 1),
                    ends_on=dt.date(y, 4, 30),
                    deadline=dt.date(y, 5, 20),
                    state="closed",
                ),
                ReportingPeriod(
                    year=y,
                    kind="tertial2",
                    name="Delårsrapport",
                    starts_on=dt.date(y, 1, 1),
                    ends_on=dt.date(y, 8, 31),
                    deadline=dt.date(y, 9, 20),
                    state="open" if y == year else "closed",
                ),
                ReportingPeriod(
                    year=y,
                    kind="bokslut",
                    name="Årsredovisning",
                    starts_on=dt.date(y, 1, 1),
                    ends_on=dt.date(y, 12, 31),
                    deadline=dt.date(y + 1, 2, 15),
                    state="planned" if y == year else "closed",
                ),
            ]
        )
    reported = [p for y in years for p in periods[y] if p.state != "planned"]
    # The database refuses follow-up in a closed period: write the history while the
    # periods are open, and close them when it is in place (below).
    to_close = [p.pk for y in years for p in periods[y] if p.state == "closed"]
    ReportingPeriod.objects.filter(pk__in=to_close).update(state="open")

    # Indicators, each year's set linked to goals, with targets and values.
    n_indicators = max(20, nodes // 40)
    first_deep = n_indicators // 10  # the deep goal measures six from here
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                title=f"Indikator {i + 1}: {rng.choice(TOPICS)}",
                measure_unit=rng.choice(["%", "antal", "kr/invånare", "dagar"]),
                direction="higher" if i % 3 else "lower",
                kolada_kpi=f"N{10000 + i:05d}" if i % 2 else "",
                source="Kolada" if i % 2 else "Egen mätning",
                by_sex=i % 4 == 0,
            )
            for i in range(n_indicators)
        ],
        batch_size=BATCH,
    )
    measured: list[tuple[Goal, list[Indicator]]] = []
    for i, g in enumerate(kf_goals):
        measured.append((g, [indicators[(5 * i + k) % n_indicators] for k in range(5)]))
    measured.append((deep, indicators[first_deep : first_deep + 6]))
    for i, g in enumerate(namndmal):
        if g is not deep:
            measured.append((g, [indicators[(60 + i) % n_indicators]]))
    for i, g in enumerate(verksamhetsmal[::10]):
        measured.append((g, [indicators[(7 * i) % n_indicators]]))
    links = [
        GoalIndicator(goal=g, indicator=indicator, year=y)
        for g, linked in measured
        for indicator in linked
        for y in years
        if g.is_valid_in(y)
    ]
    GoalIndicator.objects.bulk_create(links, batch_size=BATCH)
    targets, values = [], []
    unit_pool = [u for key, u in units.items() if key != "kf"]
    for i, indicator in enumerate(indicators):
        base = rng.uniform(20, 80)
        target = _decimal(base * 1.05)
        per_unit = unit_pool[i % len(unit_pool)], unit_pool[(i + 7) % len(unit_pool)]
        for y in years:
            targets.append(IndicatorTarget(indicator=indicator, year=y, value=target))
            if i % 5 == 0:
                for unit in per_unit:
                    targets.append(
                        IndicatorTarget(indicator=indicator, year=y, unit=unit, value=target)
                    )
        for period in reported:
            total = _decimal(base * rng.uniform(0.85, 1.15))
            sexes = (None, None)
            if indicator.by_sex:
                sexes = _decimal(float(total) * 1.02), _decimal(float(total) * 0.98)
            values.append(
                IndicatorValue(
                    indicator=indicator, period=period, total=total, women=sexes[0], men=sexes[1]
                )
            )
            if i % 5 == 0:
                for unit in per_unit:
                    values.append(
                        IndicatorValue(
                            indicator=indicator,
                            period=period,
                            unit=unit,
                            total=_decimal(float(total) * rng.uniform(0.9, 1.1)),
                        )
                    )
    IndicatorTarget.objects.bulk_create(targets, batch_size=BATCH)
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)

    # Uppdrag: a third from KF under KF goals, the rest from a nämnd under its nämndmål.
    n_assignments = max(30, nodes // 60)
    assignments, under = [], []
    for i in range(n_assignments):
        if i < 4:
            g, giver = deep, deep.owner
        elif i % 3 == 0:
            g, giver = kf_goals[i % len(kf_goals)], units["kf"]
        else:
            g = namndmal[i % n_namndmal]
            giver = g.owner if g.owner.kind == "namnd" else units["ks"]
        assignments.append(
            Assignment(
                goal=g,
                given_by=giver,
                title=f"Uppdrag {i + 1}: {rng.choice(TOPICS)}",
                description=DESCRIPTION,
                first_year=year - 1,
                last_year=year,
                resources=rng.choice([None, 250000, 1000000]),
                deadline=dt.date(year, 11, 30),
                state="completed" if i % 9 == 0 else "active",
            )
        )
        under.append(giver)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    recipients, decisions = [], []
    for i, (assignment, giver) in enumerate(zip(assignments, under, strict=True)):
        if giver.kind == "kf":
            pool = [units[key] for key in ("ks", *(n[0] for n in NAMNDER))]
        else:
            pool = [
                u
                for u in unit_pool
                if u.tree_id == giver.tree_id and giver.lft < u.lft and u.rght < giver.rght
            ]
        for unit in rng.sample(pool, min(len(pool), 1 + i % 3)):
            status = rng.choice(["not_started", "in_progress", "completed", "delayed"])
            recipients.append(
                AssignmentRecipient(
                    assignment=assignment,
                    unit=unit,
                    status=status,
                    report="Arbetet pågår enligt plan.",
                )
            )
        decisions.append(
            AssignmentDecision(
                assignment=assignment,
                state="active",
                decided_on=dt.date(year - 1, 11, 20),
                body=giver,
                paragraph=f"§ {100 + i % 200}",
            )
        )
        if assignment.state == "completed":
            decisions.append(
                AssignmentDecision(
                    assignment=assignment,
                    state="completed",
                    decided_on=dt.date(year, 6, 10),
                    body=giver,
                    paragraph=f"§ {50 + i % 100}",
                )
            )
    AssignmentRecipient.objects.bulk_create(recipients, batch_size=BATCH)
    AssignmentDecision.objects.bulk_create(decisions, batch_size=BATCH)

    # Assessments: most goals by their owner at last year's year-end and this year's two
    # tertials; the deep goal also by the units under its owner, every period.
    statuses = [GoalStatus.MET, GoalStatus.PARTLY_MET, GoalStatus.NOT_MET]
    assessed = [(periods[year - 1][2], 0.8), (periods[year][0], 0.7), (periods[year][1], 0.5)]
    assessments = []
    for g in goals:
        for period, share in assessed:
            if g.is_valid_in(period.year) and rng.random() < share:
                assessments.append(
                    Assessment(
                        goal=g,
                        period=period,
                        unit=g.owner,
                        status=rng.choice(statuses),
                        analysis="Utvecklingen går åt rätt håll.",
                    )
                )
    done = {(a.period_id, a.unit_id) for a in assessments if a.goal is deep}
    for period in reported:
        for unit in [deep.owner, *below["bun"][:3]]:
            if (period.pk, unit.pk) not in done:
                assessments.append(
                    Assessment(
                        goal=deep,
                        period=period,
                        unit=unit,
                        status=rng.choice(statuses),
                        analysis="Bedömning per verksamhet.",
                    )
                )
    Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    ReportingPeriod.objects.filter(pk__in=to_close).update(state="closed")

    user = User.objects.create_user(username="bench-lasare", password=None)
    RoleAssignment.objects.create(user=user, role="lasare", unit=None)
    IndicatorSetChange.objects.bulk_create(
        [
            IndicatorSetChange(
                goal=deep,
                indicator=indicators[first_deep],
                year=year,
                change="added",
                reason="Nytt mått i budgeten.",
            ),
            IndicatorSetChange(
                goal=deep,
                indicator=indicators[first_deep - 1],
                year=year,
                change="removed",
                reason="Mäts inte längre.",
            ),
        ]
    )

    counts = {
        "units": Unit.objects.count(),
        "goals": Goal.objects.count(),
        "goals_in_year": sum(1 for g in goals if g.is_valid_in(year)),
        "goal_page_children": sum(1 for g in deep_children if g.is_valid_in(year)),
        "assignments": Assignment.objects.count(),
        "assignment_recipients": AssignmentRecipient.objects.count(),
        "assignment_decisions": AssignmentDecision.objects.count(),
        "indicators": Indicator.objects.count(),
        "goal_indicators": GoalIndicator.objects.count(),
        "indicator_targets": IndicatorTarget.objects.count(),
        "indicator_values": IndicatorValue.objects.count(),
        "reporting_periods": ReportingPeriod.objects.count(),
        "assessments": Assessment.objects.count(),
    }
    return Built(
        year=year,
        deep_goal_id=deep.pk,
        kf_goal_id=kf_goals[0].pk,
        matches=sum(1 for g in verksamhetsmal if SEARCH_WORD in g.title and g.is_valid_in(year)),
        user_id=user.pk,
        counts=counts,
    )


def set_tree_fields(goals: list) -> None:
    """lft, rght, tree_id and depth as ``Goal.objects.rebuild()`` would set them (siblings in
    ``order_insertion_by`` order), without its bulk update of every goal, which takes longer
    than all the rest of the build.

    Titles sort by code point here; a database with a language collation may order
    siblings differently, which changes no figure.
    """
    children: dict[int, list] = {id(goal): [] for goal in goals}
    roots = []
    for goal in goals:
        (children[id(goal.parent)] if goal.parent is not None else roots).append(goal)
    for siblings in [roots, *children.values()]:
        siblings.sort(key=lambda goal: (goal.position, goal.title))
    for tree_id, root in enumerate(roots, start=1):
        counter = 1
        stack = [(root, 0, False)]
        while stack:  # depth-first without recursion: (goal, depth, children done)
            goal, depth, done = stack.pop()
            if done:
                goal.rght = counter
                counter += 1
                continue
            goal.tree_id, goal.depth, goal.lft = tree_id, depth, counter
            counter += 1
            stack.append((goal, depth, True))
            stack.extend((child, depth + 1, False) for child in reversed(children[id(goal)]))


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


def _unit_depth(spec, key: str) -> int:
    parents = {k: parent for k, _kind, _name, _short, parent in spec}
    depth = 0
    while parents[key] is not None:
        key, depth = parents[key], depth + 1
    return depth


# --- The raw fetch -------------------------------------------------------------------------


def raw_tree_sql() -> str:
    """The year's goals in tree order with their level's and owner's names: what a whole
    tree needs. Same filter as ``selectors.goals_in_year``."""
    from apps.goals.models import Goal, GoalLevel, Perspective
    from apps.organisation.models import Unit

    goal, level = Goal._meta.db_table, GoalLevel._meta.db_table
    unit, perspective = Unit._meta.db_table, Perspective._meta.db_table
    return f"""
        SELECT g.id, g.parent_id, g.title, g.lft, g.rght, g.tree_id, g.depth, g.retired_on,
               l.name, u.short_name, p.name
        FROM {goal} g
        JOIN {level} l ON l.id = g.level_id
        JOIN {unit} u ON u.id = g.owner_id
        LEFT JOIN {perspective} p ON p.id = g.perspective_id
        WHERE l.model_id = %s AND g.first_year <= %s
          AND (g.last_year IS NULL OR g.last_year >= %s)
          AND (g.retired_on IS NULL OR g.retired_on >= %s)
        ORDER BY g.tree_id, g.lft
    """


def raw_fetch(model_id: int, year: int) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(raw_tree_sql(), [model_id, year, year, dt.date(year, 1, 1)])
        return len(cursor.fetchall())


# --- Measuring -----------------------------------------------------------------------------


def measure(built: Built, repeat: int, profile: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from apps.goals.services import active_model

    year = built.year
    client = http_client()
    client.force_login(User.objects.get(pk=built.user_id))
    htmx = {"HX-Request": "true"}
    pages = [  # name, url, headers, what marks a row of the tree (None: not a tree)
        ("tree_page", f"/mal/?ar={year}", {}, TREE_ROW),
        ("goal_page", f"/mal/{built.deep_goal_id}/?ar={year}", {}, None),
        ("children_partial", f"/mal/{built.kf_goal_id}/barn/?ar={year}", htmx, TREE_ROW),
        ("filtered_tree_page", f"/mal/?ar={year}&q={SEARCH_WORD}", {}, TREE_ROW),
    ]
    fetches: dict[str, Callable[[], object]] = {}
    for name, url, headers, row_mark in pages:

        def get(url=url, headers=headers):
            response = client.get(url, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            return response

        with CaptureQueriesContext(connection) as queries:
            response = get()  # also the warm-up
        report(f"{name}_queries", len(queries), "queries")
        if row_mark:
            report(f"{name}_rows", response.content.count(row_mark), "rows")
        report(f"{name}_size", len(response.content) / 1024, "kB")
        fetches[name] = get

    model_id = active_model().pk
    report("raw_fetch_rows", raw_fetch(model_id, year), "rows")  # also the warm-up
    report("raw_fetch_queries", 1, "queries")
    fetches["raw_fetch"] = lambda: raw_fetch(model_id, year)

    medians = interleaved_medians_ms(fetches, repeat)
    for name, median in medians.items():
        report(f"{name}_median", median, "ms")
    raw = medians.pop("raw_fetch")
    for name, median in medians.items():
        report(f"{name}_vs_raw", median / raw, "ratio")
    for name in medians:
        report(f"{name}_alloc_peak", allocated_peak_mb(fetches[name]), "MB")
    if profile:
        for name in medians:
            profile_to_stderr(name, fetches[name], profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=20000, help="goals to build (20000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (7)")
    parser.add_argument("--debug", action="store_true", help="keep DEBUG on while measuring")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also print each page's N costliest functions (cProfile, to stderr)",
    )
    args = parser.parse_args()

    with temporary_database(DATABASE_NAME) as vendor:
        setup_django(debug=args.debug)
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        year = timezone.localdate().year
        built = build(args.nodes, year)
        done = time.perf_counter()
        if vendor == "postgresql":
            version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        else:
            version = connection.Database.sqlite_version
        note(f"goal_tree on {vendor} {version}, {args.nodes} nodes, year {year}")
        for table, count in built.counts.items():
            report(table, count, "rows")
        report("search_matches", built.matches, "goals")
        report("migrate_time", migrated - start, "s")
        report("build_time", done - migrated, "s")
        measure(built, args.repeat, args.profile)
        report("peak_rss", peak_rss_mb(), "MB")


if __name__ == "__main__":
    main()
