"""Every nämnd's and bolag's contribution to each KF goal (Ale's riktningsmål, Borlänge's
GEH goals): where the styrmodell has every body report on every KF goal, whether or not it
has goals of its own. The kommun's report shows every body, a nämnd's report its own; a
body that has not reported is a line of its own, not left out.

One read, ``apps.followup.selectors.council_contributions``, the same as the follow-up's.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.followup.models import GoalStatus
from apps.followup.selectors import council_contributions
from apps.reports.content import BuildContext, Col, Section, Table
from apps.reports.sections.goals import _model


def council_goals(ctx: BuildContext) -> Section | None:
    """The section: the model's query and the selector's four."""
    model = _model(ctx)
    if model is None or not model.bodies_report_on_council_goals:
        return None
    found = council_contributions(period=ctx.period, units=None if ctx.is_kommun else [ctx.unit])
    if not found:
        return None
    not_reported = _("Not reported")
    rows = []
    missing: dict[int, str] = {}
    for contribution in found:
        assessment = contribution.assessment
        if contribution.reported:
            status = (
                assessment.get_status_display()
                if assessment.status != GoalStatus.NOT_ASSESSED
                else ""
            )
            reasoning = assessment.analysis
        else:
            status, reasoning = not_reported, ""
            missing[contribution.unit.pk] = contribution.unit.name
        rows.append([contribution.goal.title, contribution.unit.name, status, reasoning])
    reported = sum(1 for c in found if c.reported)
    intro = _("%(reported)s of %(total)s contributions to the council's goals are reported.") % {
        "reported": reported,
        "total": len(found),
    }
    if missing:
        intro += " " + _("Not reported by: %(units)s.") % {"units": ", ".join(missing.values())}
    return Section(
        key="council-contributions",
        title=_("Contributions to the goals of the municipal council"),
        intro=intro,
        tables=[
            Table(
                key="council-contributions",
                title=_("Each body's contribution to the goals of the municipal council"),
                columns=[
                    Col(_("Goal of the municipal council")),
                    Col(_("Body")),
                    Col(_("Status")),
                    Col(_("Contribution and reasoning")),
                ],
                rows=rows,
                sheet=_("Contributions"),
                note=_(
                    "Each nämnd and bolag reports its contribution to every goal of the "
                    "municipal council in the period; the status is optional."
                ),
            )
        ],
    )
