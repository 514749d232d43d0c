"""Report section(s) of the « cotation » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def cotation(ctx: ReportContext) -> Section | None:
    """The grid's evaluation on the plan's three levels (relevance, CIA targets, fluidity)."""
    grille = ctx.settings.grille_cotation
    evaluation = ctx.query("cotation/evaluation", grille=grille)
    if evaluation["demandes"].fillna(0).sum() == 0:
        return None
    publics = {"primo": "Primo-demandeurs", "mutation": "Demandeurs en mutation"}
    evaluation["public_libelle"] = evaluation["public"].map({**publics, "ensemble": "Ensemble"})
    masked = ctx.mask(
        evaluation,
        ["demandes", "demandes_decile", "attributions_notees", "attributions_quart"],
        {
            "part_quart": ["attributions_quart", "attributions_notees"],
            "part_file_quart": ["file_quart", "demandes"],
            "part_prioritaires_decile": ["decile_prioritaires", "demandes_decile"],
            "part_prioritaires_file": ["demandes_prioritaires", "demandes"],
        },
    )
    ensemble = masked.set_index("public").loc["ensemble"]
    t = ctx.threshold
    delais = ctx.query("cotation/delai_tranches", grille=grille)
    delais = ctx.mask(delais[delais["public"] == "ensemble"], ["n"], {"delai_median": ["n"]})
    y = ctx.annee
    paragraphs = [
        f"Grille de cotation « {grille} ». Pertinence des critères : parmi les 10 % de demandes "
        f"actives au 31/12/{y} les mieux notées, "
        f"{_value(ensemble, 'part_prioritaires_decile', 'pct', t)} sont des ménages "
        "prioritaires ou DALO, contre "
        f"{_value(ensemble, 'part_prioritaires_file', 'pct', t)} dans toute la file active.",
        f"Objectifs de la CIA : {_value(ensemble, 'part_quart', 'pct', t)} des attributions de "
        f"{y} sont allées à des demandes du quart supérieur des notes ; une attribution au "
        f"hasard y tomberait dans {_value(ensemble, 'part_file_quart', 'pct', t)} des cas.",
        "Fluidité : le tableau du délai d'attente médian des ménages logés selon leur note "
        "permet de vérifier que les demandes les mieux notées ne restent pas plus longtemps en "
        "attente que les autres.",
    ]
    blocks = [
        ctx.table(
            f"Évaluation de la grille en {y}",
            masked,
            {
                "demandes": "int",
                "part_prioritaires_decile": "pct",
                "part_prioritaires_file": "pct",
                "attributions_notees": "int",
                "part_quart": "pct",
                "part_file_quart": "pct",
            },
            {
                "public_libelle": "Public",
                "demandes": "Demandes actives",
                "part_prioritaires_decile": "Prioritaires parmi les 10 % mieux notées",
                "part_prioritaires_file": "Prioritaires dans la file",
                "attributions_notees": "Attributions notées",
                "part_quart": "Attributions au quart supérieur",
                "part_file_quart": "File au quart supérieur (référence)",
            },
        ),
        ctx.table(
            f"Délai d'attente des ménages logés en {y} selon leur note",
            delais,
            {"n": "int", "delai_median": "mois"},
            {
                "tranche": "Note (points)",
                "n": "Attributions",
                "delai_median": "Délai médian",
            },
        ),
    ]
    return Section("Évaluation de la cotation", paragraphs, blocks)
