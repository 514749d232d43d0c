"""Report section(s) of the « profil » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

import pandas as pd

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def profil(ctx: ReportContext) -> Section | None:
    frame = ctx.query("profil/repartition")
    if frame["actives"].sum() == 0:
        return None
    y = ctx.annee
    titles = {
        "age": "Âge du demandeur",
        "taille_menage": "Taille du ménage",
        "typologie": "Logement recherché",
        "commune": "Commune souhaitée en premier choix",
    }
    blocks: list = []
    for dimension, title in titles.items():
        part = frame[frame["dimension"] == dimension]
        masked = ctx.mask(
            part,
            ["actives_precedente", "actives"],
            {"part_actives_precedente": ["actives_precedente"], "part_actives": ["actives"]},
        )
        blocks.append(
            ctx.table(
                f"{title} : demandes actives au 31/12/{y - 1} et {y}",
                masked,
                {
                    "actives_precedente": "int",
                    "part_actives_precedente": "pct",
                    "actives": "int",
                    "part_actives": "pct",
                },
                {
                    "modalite": title,
                    "actives_precedente": str(y - 1),
                    "part_actives_precedente": f"Part {y - 1}",
                    "actives": str(y),
                    "part_actives": f"Part {y}",
                },
            )
        )
    t = ctx.threshold
    ages = ctx.mask(frame[frame["dimension"] == "age"], ["actives"], {"part_actives": ["actives"]})
    first = ages.sort_values("actives", ascending=False).iloc[0]
    sizes = frame[frame["dimension"] == "taille_menage"]
    small = pd.DataFrame(
        {
            "menages": [sizes.loc[sizes["code"].isin(["1", "2"]), "actives"].sum()],
            "total": [sizes["actives"].sum()],
        }
    ).assign(part=lambda f: f["menages"] / f["total"])
    small = ctx.mask(small, ["menages", "total"], {"part": ["menages", "total"]}).iloc[0]
    paragraph = (
        f"Au 31 décembre {y}, la tranche d'âge la plus représentée parmi les demandeurs est "
        f"« {first['modalite'].lower()} » ({_value(first, 'part_actives', 'pct', t)}) ; "
        f"{_value(small, 'part', 'pct', t)} des demandes émanent de ménages d'une ou deux "
        "personnes."
    )
    return Section("Profil de la demande", [paragraph], blocks)
