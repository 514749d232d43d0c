"""Report section(s) of the « sources » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import fmt_date
from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def sources(ctx: ReportContext) -> Section:
    frame = ctx.query("commun/sources")
    names = {
        "demandes": "Demandes (SNE)",
        "attributions": "Attributions (SNE)",
        "logements": "Parc social (RPLS)",
        "commissions": "Commissions de coordination",
        "actions": "Plan d'actions",
    }
    listing = frame.assign(
        extrait=[
            names.get(k, k) + (f" {int(m)}" if pd.notna(m) else "")
            for k, m in zip(frame["kind"], frame["millesime"], strict=True)
        ],
        extraction=frame["date_extraction"].map(fmt_date),
    )
    table = ctx.table(
        "Extraits utilisés",
        listing,
        {"lignes": "int"},
        {
            "extrait": "Extrait",
            "fichier": "Fichier",
            "lignes": "Lignes",
            "extraction": "Date d'extraction",
        },
    )
    definitions = [
        "Demande active au 31 décembre : demande déposée au plus tard ce jour et non radiée ce "
        "jour-là.",
        "Enregistrement de l'année : demande dont la date de dépôt tombe dans l'année.",
        "Mutation : demande d'un ménage déjà locataire du parc social.",
        "Attribution de l'année : décision d'attribution datée de l'année ; attribution "
        "effective : attribution suivie de la signature d'un bail.",
        "Pression de la demande : demandes actives au 31 décembre pour une attribution de l'année.",
        "Délai d'attente : mois révolus entre le dépôt de la demande et l'attribution.",
        f"Secret statistique : les effectifs inférieurs à {ctx.threshold} sont remplacés par "
        f"« < {ctx.threshold} » et les parts calculées sur eux ne sont pas publiées.",
    ]
    return Section("Sources et définitions", definitions, [table])
