"""Bilan annuel : the yearly report for the CIL and the council (R441-2-12 CCH), built on
demand as PDF, HTML or XLSX, with a progress bar."""

from __future__ import annotations

import streamlit as st

from dashboard.exports import ImageExportUnavailable
from dashboard.report import build_report
from dashboard.ui import data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import header

settings = data.settings()
filters = current_filters(settings)
header(
    f"Bilan annuel {filters.annee}",
    None,
    settings,
    "Le bilan de la mise en œuvre du plan, soumis chaque année à la CIL puis au conseil "
    "communautaire (article R441-2-12 du CCH) : chiffres clés, demande, attributions et "
    "objectifs de la CIA, cotation, parc social, plan d'actions, sources et définitions. Les "
    "petits effectifs y sont masqués : le document peut être diffusé.",
)
MIMES = {
    "pdf": "application/pdf",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
fmt = st.radio(
    "Format",
    list(MIMES),
    horizontal=True,
    format_func={
        "pdf": "PDF (à imprimer)",
        "html": "Page web",
        "xlsx": "Classeur Excel (tous les tableaux)",
    }.__getitem__,
)
if st.button("Construire le bilan", type="primary", icon=":material/description:"):
    bar = st.progress(0.0, text="Préparation…")
    try:
        document = build_report(
            data.database(), filters.annee, fmt, lambda f, m: bar.progress(min(f, 1.0), text=m)
        )
    except ImageExportUnavailable as exc:
        st.error(str(exc))
    else:
        st.session_state["bilan"] = (filters.annee, fmt, document)
if "bilan" in st.session_state:
    year, kind, document = st.session_state["bilan"]
    st.success(f"Bilan {year} prêt ({len(document) // 1024} Ko).")
    st.download_button(
        f"Télécharger le bilan {year} ({kind.upper()})",
        document,
        file_name=f"bilan_annuel_{year}.{kind}",
        mime=MIMES[kind],
        icon=":material/download:",
        on_click="ignore",
    )
