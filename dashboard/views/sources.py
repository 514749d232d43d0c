"""Sources et imports : the extracts loaded, their extraction dates and the import log."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import data, show
from dashboard.ui.layout import header

settings = data.settings()
header(
    "Sources et imports",
    None,
    settings,
    "Les extraits chargés dans l'observatoire et l'historique des imports. Pour charger un "
    "nouvel extrait : page « Importer des extraits », ou `cil import TYPE FICHIER` (voir le "
    "README).",
)

st.subheader("Extraits en vigueur")
sources = data.fetch("commun/sources")
if sources.empty:
    st.info("Aucun extrait importé pour l'instant.")
else:
    show.table(
        sources,
        ["extrait", "millesime", "fichier", "lignes", "date_extraction", "importe_le"],
        key="sources_extraits",
    )
    show.definitions([(sources, ["fichier", "date_extraction"])])

st.subheader("Journal des imports")
log = data.fetch("commun/journal_imports")
show.table(
    log,
    [
        "import_id",
        "date_import",
        "heure_import",
        "operation",
        "extrait",
        "fichier",
        "lignes",
        "date_extraction",
        "empreinte",
        "avertissements",
    ],
    key="sources_journal",
)
show.definitions([(log, ["empreinte"])])
