"""Report section of the « cotation » domain: the grid's evaluation on the plan's three levels
(relevance, CIA targets, fluidity), read from the publication (its page, its queries and its
tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def cotation(ctx: ReportContext) -> Section | None:
    grille = ctx.settings.grille_cotation
    y = ctx.annee
    evaluation = ctx.fetch("cotation/evaluation", grille=grille, annee=y)
    ensemble = evaluation.row(public="ensemble")
    if not evaluation.hidden(ensemble, "demandes") and not evaluation.value(ensemble, "demandes"):
        return None
    delais = ctx.fetch("cotation/delai_tranches", grille=grille, annee=y)

    def share(column: str) -> str:
        return evaluation.words(ensemble, column)

    paragraphs = [
        f"Grille de cotation « {grille} ». Pertinence des critères : parmi les 10 % de demandes "
        f"actives au 31/12/{y} les mieux notées, {share('part_prioritaires_decile')} sont des "
        f"ménages prioritaires ou DALO, contre {share('part_prioritaires_file')} dans toute la "
        "file active.",
        f"Objectifs de la CIA : {share('part_quart')} des attributions de {y} (baux signés) "
        "sont allées à des demandes du quart supérieur des notes ; une attribution au hasard y "
        f"tomberait dans {share('part_file_quart')} des cas.",
        "Fluidité : le tableau du délai d'attente médian des ménages logés selon leur note "
        "permet de vérifier que les demandes les mieux notées ne restent pas plus longtemps en "
        "attente que les autres.",
    ]
    blocks = [
        ctx.table_of(
            evaluation,
            [
                "public_libelle",
                "demandes",
                "part_prioritaires_decile",
                "part_prioritaires_file",
                "attributions_notees",
                "part_quart",
                "part_file_quart",
            ],
        ),
        ctx.table_of(delais.where(public="ensemble"), ["tranche", "n", "delai_median"]),
    ]
    return Section("Évaluation de la cotation", paragraphs, blocks)
