"""Report section(s) of the « parc » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_int, fmt_num, fmt_pct
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def parc(ctx: ReportContext) -> Section | None:
    from dashboard.figures.carte import carte_statique, contours

    millesimes = ctx.query("parc/millesimes")
    if millesimes.empty:
        return None
    # The latest millésime published by 1 January of the year after the report's year.
    eligibles = millesimes[millesimes["millesime"] <= ctx.annee + 1]
    millesime = int((eligibles if not eligibles.empty else millesimes)["millesime"].max())
    params = {"millesime": millesime, "financements": [], "typologies": [], "periodes": []}
    communes = ctx.query("parc/communes", **params)
    residences = ctx.query("parc/residences", **params)
    total = communes[communes["insee"].isna()].iloc[0]
    par_commune = communes[communes["insee"].notna()]
    premiere = par_commune.sort_values("logements", ascending=False).iloc[0]
    paragraph = (
        f"Au 1er janvier {millesime}, le territoire compte {fmt_int(total['logements'])} "
        f"logements sociaux (RPLS), soit {fmt_num(total['logements_pour_1000'])} pour 1 000 "
        f"habitants, répartis en {fmt_int(total['residences'])} résidences. "
        f"{premiere['commune']} en accueille {fmt_pct(premiere['part_epci'])}. "
        f"{fmt_pct(total['part_dpe_f_g'])} des logements dont la classe énergie est connue sont "
        "classés F ou G."
    )
    noms = dict(zip(par_commune["insee"], par_commune["commune"], strict=True))
    figure = carte_statique(
        contours(ctx.settings.contours_file),
        residences,
        noms,
        f"Résidences du parc social au 1er janvier {millesime}",
    )
    communes["construct_median"] = communes["construct_median"].map(
        lambda v: "" if pd.isna(v) else str(int(v))
    )
    no_household = ctx.mask(communes, [], None)  # dwellings, not households: nothing to mask
    table = ctx.table(
        f"Le parc social par commune au 1er janvier {millesime}",
        no_household,
        {
            "logements": "int",
            "part_epci": "pct",
            "logements_pour_1000": "num",
            "residences": "int",
            "construct_median": "text",
            "part_qpv": "pct",
            "part_dpe_f_g": "pct",
        },
        {
            "commune": "Commune",
            "logements": "Logements",
            "part_epci": "Part du territoire",
            "logements_pour_1000": "Pour 1 000 habitants",
            "residences": "Résidences",
            "construct_median": "Construction (médiane)",
            "part_qpv": "En QPV",
            "part_dpe_f_g": "DPE F ou G",
        },
    )
    definition = (
        "Chaque disque est une résidence (logements d'une même adresse), de taille "
        "proportionnelle à son nombre de logements, coloré selon le financement d'origine."
    )
    return Section(
        "Le parc social", [paragraph], [Chart(figure, definition, size=(1000, 820)), table]
    )
