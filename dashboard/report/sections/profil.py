"""Report section of the « profil » domain: the demand on the territory at year end, broken
down as the SNE infocentre does, against the year before (its page, its queries and its tests
carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

SHOWN = ("age", "taille_menage", "typologie", "commune")


@section
def profil(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    profile = ctx.fetch("profil/repartition", annee=y)
    if profile.empty:
        return None
    year = profile.where(annee=y, la_plus_frequente=True)
    age, typology = year.row(dimension="age"), year.row(dimension="typologie")
    paragraph = (
        f"Au 31 décembre {y}, la tranche d'âge la plus représentée parmi les demandeurs est "
        f"« {age['modalite'].lower()} » ({profile.words(age, 'part_actives')} des demandes "
        f"actives) ; le logement le plus recherché est le {typology['modalite']} "
        f"({profile.words(typology, 'part_actives')})."
    )
    blocks = [
        ctx.table_by_year(profile.where(dimension=d), ["modalite"], ["actives", "part_actives"], d)
        for d in SHOWN
    ]
    return Section("Profil de la demande", [paragraph], blocks)
