"""The trust-based analysis carried to KF (Ale's model): each nämnd's and bolag's
nulägesbeskrivning in its three parts, its responses to KF's omvärldsfaktorer, the goals it
proposes for the next period, the tillitsdialoger with the nulägesanalyser they rest on and
the uppdrag they led to, and the kommungemensamma omvärldsanalysen the bodies read.

One read, ``apps.trust.selectors.trust_analysis``, the same as the trust pages': the
kommun's report shows every body, a nämnd's report its own.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.reports.content import BuildContext, Col, ColumnKind, RichText, Section, Table
from apps.reports.sections.goals import TEMPLATES, _model
from apps.trust.selectors import trust_analysis
from styrmodell.lib.formats import format_date

STATUS_REPORTS = "trust-status-reports"  # drawn as blocks in the PDF, a sheet in Excel


def analysis(ctx: BuildContext) -> Section | None:
    """The section, where the styrmodell uses nulägesbeskrivningar or tillitsdialoger:
    the model's query and the selector's seven."""
    model = _model(ctx)
    if model is None or not (model.uses_status_reports or model.uses_trust_dialogues):
        return None
    found = trust_analysis(year=ctx.year, period=ctx.period, unit=ctx.unit)
    bodies = found.bodies if model.uses_status_reports else []
    dialogues = found.dialogues if model.uses_trust_dialogues else []
    environment = found.environment_analysis if model.uses_status_reports else None
    if not (bodies or dialogues):
        return None

    blocks = [
        {
            "unit": body.unit.name,
            "parts": [(title, RichText(text).html) for title, text in body.parts if text.strip()],
            "proposed_goals": RichText(body.proposed_goals).html,
        }
        for body in bodies
    ]
    tables = []
    if bodies:
        tables.append(
            Table(
                key=STATUS_REPORTS,
                title=_("Status reports"),
                columns=[
                    Col(_("Unit")),
                    *(Col(title) for title, _text in bodies[0].parts),
                    Col(_("Proposed goals for the next period")),
                ],
                rows=[
                    [
                        body.unit.name,
                        *(RichText(text) for _title, text in body.parts),
                        RichText(body.proposed_goals),
                    ]
                    for body in bodies
                ],
                sheet=_("Status reports"),
            )
        )
    responses = [
        [factor.title, body.unit.name, risks, opportunities, approach]
        for body in bodies
        for factor, risks, opportunities, approach in body.factor_responses
    ]
    if model.uses_external_factors and responses:
        # By factor, then body in tree order (the bodies come in tree order).
        order = {title: i for i, title in enumerate(dict.fromkeys(r[0] for r in responses))}
        responses.sort(key=lambda r: order[r[0]])
        tables.append(
            Table(
                key="trust-factor-responses",
                title=_("Responses to the external factors"),
                columns=[
                    Col(_("External factor")),
                    Col(_("Unit")),
                    Col(_("Risks")),
                    Col(_("Opportunities")),
                    Col(_("How we meet it")),
                ],
                rows=responses,
                sheet=_("External factors"),
            )
        )
    if dialogues:
        tables.append(
            Table(
                key="trust-dialogues",
                title=_("Trust dialogues"),
                columns=[
                    Col(_("Date"), ColumnKind.DATE),
                    Col(_("Kind")),
                    Col(_("Units")),
                    Col(_("Topics")),
                    Col(_("Conclusions")),
                    Col(_("Follow-ups")),
                    Col(_("Rests on the status reports of")),
                    Col(_("Led to the assignments")),
                ],
                rows=[
                    [
                        d.held_on,
                        d.kind,
                        d.unit_names,
                        d.topics,
                        d.conclusions,
                        d.follow_ups,
                        d.status_report_names,
                        d.assignment_titles,
                    ]
                    for d in dialogues
                ],
                sheet=_("Trust dialogues"),
            )
        )
    return Section(
        key="trust-analysis",
        title=_("Trust-based analysis"),
        template=TEMPLATES + "trust_analysis.html",
        intro=_environment_sentence(environment) if environment else "",
        data={
            "bodies": blocks,
            "status_reports": STATUS_REPORTS,
            "environment": _environment(environment) if environment else None,
        },
        tables=tables,
    )


def _environment_sentence(environment) -> str:
    return _(
        "The status reports build on the common analysis of the world around, %(title)s, "
        "written under %(unit)s."
    ) % {"title": environment.title, "unit": environment.responsible.name}


def _environment(environment) -> dict:
    return {
        "title": str(environment),
        "day": format_date(environment.day_held_on) if environment.day_held_on else "",
        "url": environment.url,
    }
