"""Plan d'actions : the PPGDID's actions, their progress per axis, and the project lead's
updates (status, year, comment) kept with their history."""

from __future__ import annotations

import streamlit as st

from dashboard.codes import STATUTS_ACTION
from dashboard.figures.plan import progress_by_axis
from dashboard.formatting import literal
from dashboard.plan_store import ActionStore, store_path_for
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
header(
    f"Plan d'actions du {settings.plan}",
    None,
    settings,
    "L'avancement des actions du plan, axe par axe. Le statut en vigueur est le dernier saisi "
    "ici, ou à défaut celui de la liste importée ; chaque saisie est gardée dans l'historique.",
)

store = ActionStore(store_path_for(data.database().path))
tables = store.tables()
actions = data.fetch_live("plan/actions", tables)
if actions.empty:
    st.info("Aucune liste d'actions importée (commande « cil import actions FICHIER »).")
    st.stop()

synthese = data.fetch_live("plan/synthese", tables, annee=filters.annee)
st.subheader(f"Avancement par axe, situation actuelle (réalisées en {filters.annee})")
show.table(
    synthese,
    ["axe", "actions", "non_fait", "partiellement_fait", "fait", "realisees_annee", "part_fait"],
    key="plan_synthese",
)
chart(progress_by_axis(synthese), key="plan_par_axe")
show.definitions([(synthese, ["realisees_annee", "part_fait"])])

st.subheader("Les actions")
listing = [  # the action and its status first: they stay on screen when the table scrolls
    "objectif",
    "statut_libelle",
    "axe",
    "thematique",
    "mise_en_oeuvre",
    "partenaires",
    "annee_realisation",
    "dernier_commentaire",
    "derniere_saisie",
]
show.table(actions, listing, key="plan_actions")
show.definitions([(actions, ["mise_en_oeuvre", "partenaires", "statut_libelle"])])


def _can_edit() -> bool:
    """Members only (see the access rules); the app's sign-in decides."""
    return access.is_member(settings)


if _can_edit():
    st.subheader("Mettre à jour une action")
    frame = actions.frame
    labels = {
        row.action_cle: f"{row.axe.split('.')[0]}. {row.thematique} — {row.objectif}"
        for row in frame.itertuples()
    }
    # The choice of action is outside the form so that the form shows its current status.
    key = st.selectbox("Action", list(labels), format_func=labels.__getitem__)
    current = frame.set_index("action_cle").loc[key]
    with st.form("maj_action", clear_on_submit=True):
        status = st.radio(
            "Statut",
            list(STATUTS_ACTION),
            format_func=STATUTS_ACTION.__getitem__,
            horizontal=True,
            index=list(STATUTS_ACTION).index(current["statut"]),
        )
        year = st.number_input(
            "Année de réalisation (si faite)", min_value=2000, max_value=2100, value=None, step=1
        )
        comment = st.text_area("Commentaire", max_chars=1000)
        # The author is who signed in, never a field: no one can write another's name into
        # the history.
        author = access.signed_in_email()
        st.caption(f"Auteur de la saisie : {literal(author)} (adresse de connexion)")
        if st.form_submit_button("Enregistrer", type="primary"):
            store.record(key, status, comment, author, int(year) if year else None)
            st.success("Statut enregistré ; il figure dans l'historique ci-dessous.")
            st.rerun()

st.subheader("Historique des saisies")
saisies = data.fetch_live("plan/saisies", tables)
if saisies.empty:
    st.caption("Aucune saisie pour l'instant.")
else:
    show.table(
        saisies,
        ["modifie_le", "objectif", "statut_libelle", "annee_realisation", "commentaire", "auteur"],
        key="plan_saisies",
    )
