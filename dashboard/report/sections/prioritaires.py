"""Report section(s) of the « prioritaires » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.formatting import fmt_pct
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def prioritaires(ctx: ReportContext) -> Section | None:
    from dashboard.figures.objectifs import STATUS, mask_targets, target_chart

    y = ctx.annee
    quotas = ctx.query("prioritaires/quotas", annee_debut=y, annee_fin=y)
    year_rows = quotas[quotas["annee"].isna()].sort_values("ordre")
    if year_rows["attributions"].sum() == 0:
        return None
    masked = mask_targets(year_rows, "attributions", "prioritaires", "taux", ctx.threshold)
    total = masked[masked["groupe"] == "total"].iloc[0]
    t = ctx.threshold
    situations = ctx.query("prioritaires/situations_cia", annee_debut=y, annee_fin=y)
    ensemble = mask_targets(
        situations[situations["situation"] == "ensemble"], "prioritaires", "attributions", "part", t
    ).iloc[0]
    q1 = ctx.query("prioritaires/q1_hors_qpv", annee_debut=y, annee_fin=y)
    q1_masked = mask_targets(q1, "attributions", "premier_quartile", "part", t)
    paragraphs = [
        f"En {y}, {_value(total, 'taux', 'pct', t)} des attributions effectives (bail signé) "
        f"ont bénéficié à des ménages prioritaires, pour un objectif global de "
        f"{fmt_pct(total['objectif'])} ({total[STATUS]}). Les objectifs de chaque groupe de "
        "réservataires figurent dans le tableau ci-dessous.",
        f"Parmi les attributions aux ménages prioritaires, {_value(ensemble, 'part', 'pct', t)} "
        f"concernent des ménages relevant d'une des trois situations locales de la CIA, pour un "
        f"objectif de {fmt_pct(ctx.settings.objectif_situations_cia, 0)} ({ensemble[STATUS]}).",
    ]
    blocks: list = [
        Chart(
            target_chart(
                masked,
                "groupe_nom",
                "taux",
                f"Part d'attributions aux ménages prioritaires et objectif, {y}",
                threshold=t,
                count="attributions",
                count_noun="attributions effectives",
            ),
            "Attributions effectives à des ménages prioritaires, par groupe de réservataires "
            "(contingent) ; le trait noir est l'objectif de la CIA.",
        ),
        ctx.table(
            f"Objectifs d'attribution aux ménages prioritaires, {y}",
            masked,
            {
                "attributions": "int",
                "prioritaires": "int",
                "taux": "pct",
                "objectif": "pct",
                "ecart": "count",
                STATUS: "text",
            },
            {
                "groupe_nom": "Réservataire",
                "attributions": "Attributions effectives",
                "prioritaires": "dont ménages prioritaires",
                "taux": "Part",
                "objectif": "Objectif",
                STATUS: "Objectif atteint ?",
                "ecart": "Manque pour l'objectif",
            },
        ),
    ]
    blocks.append(
        ctx.table(
            f"Premier quartile parmi les attributions hors QPV, {y}",
            q1_masked,
            {
                "attributions": "int",
                "premier_quartile": "int",
                "part": "pct",
                "objectif": "pct",
                STATUS: "text",
            },
            {
                "commune_nom": "Commune",
                "attributions": "Attributions hors QPV",
                "premier_quartile": "dont premier quartile ou ANRU",
                "part": "Part",
                "objectif": "Objectif",
                STATUS: "Objectif atteint ?",
            },
        )
    )
    return Section("Attributions aux publics prioritaires (CIA)", paragraphs, blocks)
