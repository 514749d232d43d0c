"""Report section of the « parc » domain: the social stock at the end of the report's year,
the same millésime as the page and `cil indicateurs` (parc/millesime), with its static map
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

import pandas as pd

from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

TITLE = "Le parc social"


@section
def parc(ctx: ReportContext) -> Section | None:
    from dashboard.figures.carte import carte_statique, communes_frame

    y = ctx.annee
    loaded = ctx.fetch("parc/millesimes")
    if loaded.empty:
        return None
    choice = ctx.fetch("parc/millesime", annee=y)
    millesime = choice.row()["millesime"]
    if pd.isna(millesime):
        shown = ", ".join(loaded.text(r, "millesime") for _, r in loaded.frame.iterrows())
        return Section(
            TITLE,
            [
                f"Aucun fichier RPLS chargé ne décrit le parc social à la fin de {y} : il "
                f"faudrait le millésime {y + 1} ou un plus ancien (millésimes chargés : "
                f"{shown}). {ctx.definitions(choice, ['millesime'])}"
            ],
            [],
        )
    stock = {
        "annee": y,
        "millesime": int(millesime),
        "financements": [],
        "typologies": [],
        "periodes": [],
    }
    communes = ctx.fetch("parc/communes", **stock)
    residences = ctx.fetch("parc/residences", **stock)
    total = communes.row(insee=None)
    first = communes.row(rang_logements=1)
    paragraph = (
        f"Au 1er janvier {int(millesime)}, le territoire compte "
        f"{communes.words(total, 'logements')} logements sociaux (RPLS), soit "
        f"{communes.words(total, 'logements_pour_1000')} pour 1 000 habitants, répartis en "
        f"{communes.words(total, 'residences')} résidences. {first['commune']} en accueille "
        f"{communes.words(first, 'part_epci')}. {communes.words(total, 'part_dpe_f_g')} des "
        "logements dont la classe énergie est connue sont classés F ou G."
    )
    names = {r["insee"]: r["commune"] for _, r in communes.frame.iterrows() if pd.notna(r["insee"])}
    figure = carte_statique(
        communes_frame(ctx.settings.contours_file),
        residences.frame,
        names,
        residences.title(),
    )
    legend = (
        "Chaque disque est une résidence, de taille proportionnelle à son nombre de logements, "
        "coloré selon le financement d'origine. " + ctx.definitions(residences, ["logements"])
    )
    table = ctx.table_of(
        communes,
        [
            "commune",
            "logements",
            "part_epci",
            "logements_pour_1000",
            "residences",
            "construct_median",
            "part_qpv",
            "part_dpe_f_g",
        ],
    )
    return Section(TITLE, [paragraph], [Chart(figure, legend, size=(1000, 820)), table])
