"""Bilan annuel : the yearly report for the CIL and the council (R441-2-12 CCH), built on
demand as PDF, HTML or XLSX, with a progress bar; and the dates of the CIL's avis and of the
council's approval of each year's report, entered here by a member and printed on its
cover."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.exports import ImageExportUnavailable
from dashboard.formatting import fmt_date
from dashboard.plan_store import ActionStore, ApprovalError, store_path_for
from dashboard.publication import NotPublished
from dashboard.report import build_report
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import header
from dashboard.ui.upload import parse_date

settings = data.settings()
filters = current_filters(settings)
year = filters.annee
header(
    f"Bilan annuel {year}",
    None,
    settings,
    "Le bilan de la mise en œuvre du plan, soumis chaque année à la CIL puis au conseil "
    "communautaire (article R441-2-12 du CCH) : chiffres clés, demande, attributions et "
    "objectifs de la CIA, cotation, parc social, évaluation du plan, plan d'actions, sources "
    "et définitions. Les petits effectifs y sont masqués : le document peut être diffusé.",
)
SAVED = "_dates_du_bilan_enregistrees"
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
            data.database(), year, fmt, lambda f, m: bar.progress(min(f, 1.0), text=m)
        )
    except (ImageExportUnavailable, NotPublished) as exc:
        st.error(str(exc))
    else:
        st.session_state["bilan"] = (year, fmt, document)
if "bilan" in st.session_state:
    built_year, kind, document = st.session_state["bilan"]
    st.success(f"Bilan {built_year} prêt ({len(document) // 1024} Ko).")
    st.download_button(
        f"Télécharger le bilan {built_year} ({kind.upper()})",
        document,
        file_name=f"bilan_annuel_{built_year}.{kind}",
        mime=MIMES[kind],
        icon=":material/download:",
        on_click="ignore",
    )

st.subheader(f"Avis de la CIL et approbation du bilan {year}")
store = ActionStore(store_path_for(data.database().path))
validations = data.fetch_live("plan/validations", store.tables())
this_year = validations.where(annee=year)
if SAVED in st.session_state:
    st.success(st.session_state.pop(SAVED))
if this_year.empty:
    st.caption(f"Aucune date enregistrée pour le bilan {year}.")
else:
    show.table(this_year, ["avis_cil", "approbation_conseil", "auteur", "saisi_le"])
show.definitions([(validations, ["avis_cil", "approbation_conseil"])])


def _day(column: str) -> dt.date | None:
    """The date in force for this year's report, to start the form from."""
    if this_year.empty or pd.isna(this_year.frame.iloc[0][column]):
        return None
    return pd.Timestamp(this_year.frame.iloc[0][column]).date()


def _typed(day: dt.date | None) -> str:
    return fmt_date(day) if day else ""


if access.is_member(settings):
    with st.form("validation_bilan"):
        # text fields read « jj/mm/aaaa »: Streamlit's date field writes its format in English
        avis_text = st.text_input(
            validations.label("avis_cil"), value=_typed(_day("avis_cil")), placeholder="jj/mm/aaaa"
        )
        approbation_text = st.text_input(
            validations.label("approbation_conseil"),
            value=_typed(_day("approbation_conseil")),
            placeholder="jj/mm/aaaa",
        )
        # The author is who signed in, never a field: no one writes another's name.
        author = access.signed_in_email()
        st.text(f"Saisie au nom de l'adresse de connexion : {author}")
        if st.form_submit_button("Enregistrer les dates", type="primary"):
            try:
                avis, approbation = parse_date(avis_text), parse_date(approbation_text)
                store.record_approval(year, avis, approbation, author)
            except ApprovalError as exc:  # a ValueError too: caught first
                st.error(str(exc))
            except ValueError:
                st.error("Date non reconnue : écrivez-la jj/mm/aaaa, par exemple 15/03/2026.")
            else:
                st.session_state[SAVED] = (
                    f"Dates du bilan {year} enregistrées : elles figurent sur sa couverture."
                )
                st.rerun()
