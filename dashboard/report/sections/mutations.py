"""Report section of the « mutations » domain: mutation demands in the active file and in the
leases signed, and the satisfaction rates of both publics (its page, its queries and its tests
carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

SHOWN = ["annee", "demandes_actives", "part_mutation_demandes", "attributions"]
SHOWN += ["part_mutation_attributions", "taux_satisfaction_mutation", "taux_satisfaction_primo"]


@section
def mutations(ctx: ReportContext) -> Section | None:
    result = ctx.fetch("mutations/evolution", annee=ctx.annee)
    if result.empty:
        return None
    now = result.row(annee=ctx.annee)
    paragraph = (
        f"Au 31 décembre {ctx.annee}, {result.words(now, 'part_mutation_demandes')} des "
        "demandes actives émanent de ménages déjà locataires du parc social ; ils ont signé "
        f"{result.words(now, 'part_mutation_attributions')} des baux de l'année. Le taux de "
        "satisfaction (baux signés dans l'année rapportés aux demandes actives au 31 décembre) "
        f"est de {result.words(now, 'taux_satisfaction_mutation')} pour les demandes de "
        f"mutation et de {result.words(now, 'taux_satisfaction_primo')} pour les "
        "primo-demandeurs."
    )
    return Section("Les demandes de mutation", [paragraph], [ctx.table_of(result, SHOWN, "parts")])
