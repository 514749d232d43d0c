"""Importer des extraits (members only): send an extract from the browser; it goes through the
same validation and atomic write as `cil import`, and the report or the errors are shown in
French. A refused file leaves the database as it was."""

from __future__ import annotations

import streamlit as st

from dashboard.contract import KINDS
from dashboard.formatting import plain_text
from dashboard.ui import access, data
from dashboard.ui.layout import header
from dashboard.ui.upload import (
    UPLOAD_KEY,
    UPLOAD_TYPES,
    UPLOADER_CSS,
    import_target,
    import_upload,
    parse_date,
)

access.require_member()
settings = data.settings()
header(
    "Importer des extraits",
    None,
    settings,
    "Chargez un extrait anonymisé (CSV ou XLSX) : il est vérifié en entier avant toute "
    "écriture, puis remplace le précédent du même type d'un seul coup. Un fichier refusé ne "
    "change rien à la base. Le contrat de données (colonnes, codes, formats) est décrit dans "
    "le README.",
)

LABELS = {
    "demandes": "Demandes de logement social (SNE)",
    "attributions": "Attributions (SNE)",
    "logements": "Parc social (RPLS)",
    "commissions": "Commissions de coordination",
    "actions": "Plan d'actions",
}

st.html(UPLOADER_CSS)

with st.form("import_extrait", clear_on_submit=False):
    kind = st.selectbox("Type d'extrait", KINDS, format_func=lambda k: LABELS.get(k, k))
    upload = st.file_uploader(
        f"Fichier ({int(st.get_option('server.maxUploadSize'))} Mo au plus)",
        type=UPLOAD_TYPES,
        key=UPLOAD_KEY,
    )
    extraction_text = st.text_input(
        "Date d'extraction (facultative, notée au journal des imports)",
        placeholder="jj/mm/aaaa",
        max_chars=10,
    )
    millesime = st.number_input(
        "Millésime RPLS (parc social seulement ; sinon lu dans le nom du fichier)",
        min_value=2000,
        max_value=2100,
        value=None,
        step=1,
    )
    sent = st.form_submit_button("Importer", type="primary", icon=":material/upload:")

if sent:
    try:
        extraction = parse_date(extraction_text)
    except ValueError as exc:
        st.error(str(exc), icon=":material/event_busy:")
        st.stop()
    if upload is None:
        st.warning("Choisissez d'abord un fichier.")
    else:
        with st.spinner("Vérification puis import…"):
            outcome = import_upload(
                kind,
                upload.name,
                upload.getvalue(),
                extraction_date=extraction,
                millesime=int(millesime) if millesime and kind == "logements" else None,
            )
        if outcome.ok:
            # File names and headers come from the user's file: shown as text, never Markdown.
            st.success(plain_text(outcome.message), icon=":material/check_circle:")
            for warning in outcome.warnings:
                st.warning(f"Avertissement : {plain_text(warning)}")
        else:
            # The message names file, line, column, value and rule: shown as plain text.
            st.error(
                f"**{'Fichier refusé' if outcome.refused else 'Import impossible'} : rien n'a "
                "été importé, la base est restée telle quelle.**",
                icon=":material/block:",
            )
            st.code(outcome.message, language=None, wrap_lines=True)

st.caption(
    f"Les imports sont écrits dans la base {import_target().name}. Le journal des imports est "
    "dans la page « Sources et imports » ; `cil import --annuler` revient à l'état d'avant le "
    "dernier import."
)
