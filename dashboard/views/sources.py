"""Sources et imports : the extracts loaded, their extraction dates and the import log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formatting import fmt_date, fmt_datetime, fmt_int
from dashboard.ui import data
from dashboard.ui.layout import header, pinned

settings = data.settings()
header(
    "Sources et imports",
    None,
    settings,
    "Les extraits chargés dans l'observatoire et l'historique des imports. Pour charger un "
    "nouvel extrait : `cil import TYPE FICHIER` (voir le README).",
)

KINDS = {
    "demandes": "Demandes (SNE)",
    "attributions": "Attributions (SNE)",
    "logements": "Parc social (RPLS)",
    "commissions": "Commissions de coordination",
    "actions": "Plan d'actions",
    "base": "Base entière",
}

st.subheader("Extraits en vigueur")
sources = data.query("commun/sources")
if sources.empty:
    st.info("Aucun extrait importé pour l'instant.")
else:
    st.dataframe(
        {
            "Extrait": [KINDS.get(k, k) for k in sources["kind"]],
            "Millésime": ["" if pd.isna(m) else str(int(m)) for m in sources["millesime"]],
            "Fichier": sources["fichier"],
            "Lignes": [fmt_int(v) for v in sources["lignes"]],
            "Date d'extraction": [fmt_date(v) for v in sources["date_extraction"]],
            "Importé le": [fmt_datetime(v) for v in sources["importe_le"]],
            "Démonstration": ["oui" if v else "non" for v in sources["demo"]],
        },
        hide_index=True,
        width="stretch",
    )

st.subheader("Journal des imports")
log = data.query("commun/journal_imports")
journal = pd.DataFrame(
    {
        "N°": log["import_id"],
        "Date": [fmt_datetime(v) for v in log["importe_le"]],
        "Opération": log["action"],
        "Extrait": [KINDS.get(k, k) for k in log["kind"]],
        "Fichier": log["fichier"],
        "Lignes": [fmt_int(v) for v in log["lignes"]],
        "Extraction": [fmt_date(v) for v in log["date_extraction"]],
        "Empreinte SHA-256": log["sha256"].fillna("").str[:16],
        "Avertissements": log["avertissements"].fillna(""),
    }
)
st.dataframe(journal, hide_index=True, width="stretch", column_config=pinned(journal))
