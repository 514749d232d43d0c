"""Plan d'actions : the PPGDID's actions, their progress per axis, and the project lead's
updates (status, year, comment) kept with their history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.codes import STATUTS_ACTION
from dashboard.figures.charts import bar
from dashboard.formatting import chart_text, fmt_datetime, literal
from dashboard.masking import mask
from dashboard.plan_store import ActionStore, store_path_for
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, pinned, table

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
history = store.history()
tables = {"suivi_actions": history}
actions = data.query_live("plan/actions", tables)
if actions.empty:
    st.info("Aucune liste d'actions importée (commande « cil import actions FICHIER »).")
    st.stop()

synthese = data.query_live("plan/synthese", tables, annee=filters.annee)
st.subheader(f"Avancement par axe, situation actuelle (réalisées en {filters.annee})")
# Counts of actions, not of households: no statistical secrecy applies.
table(
    mask(
        synthese,
        ["actions", "non_fait", "partiellement_fait", "fait", "realisees_annee"],
        threshold=0,
    ),
    {
        "axe": "text",
        "actions": "int",
        "non_fait": "int",
        "partiellement_fait": "int",
        "fait": "int",
        "realisees_annee": "int",
        "part_fait": "pct",
    },
    0,
    {
        "axe": "Axe",
        "actions": "Actions",
        "non_fait": "Non fait",
        "partiellement_fait": "Partiellement fait",
        "fait": "Fait",
        "realisees_annee": f"Réalisées en {filters.annee}",
        "part_fait": "Part faite",
    },
    key="plan_synthese",
    title="Avancement du plan d'actions par axe",
)
long = synthese[synthese["axe"] != "Ensemble du plan"].melt(
    id_vars="axe",
    value_vars=["fait", "partiellement_fait", "non_fait"],
    var_name="statut",
    value_name="nombre",
)
long["statut"] = long["statut"].map(STATUTS_ACTION)
long["axe"] = long["axe"].map(chart_text)  # an imported text: never HTML in the chart
chart(
    bar(
        long,
        "axe",
        "nombre",
        "Actions du plan par axe et par état d'avancement",
        color="statut",
        horizontal=True,
        x_title="Axe",
        y_title="Nombre d'actions",
        colors={"Fait": "#18753C", "Partiellement fait": "#E4794A", "Non fait": "#929292"},
        height=420,
    ),
    key="plan_par_axe",
)
definition(
    "une action est « faite » quand tous ses objectifs opérationnels sont réalisés, "
    "« partiellement faite » quand la mise en œuvre a commencé."
)

st.subheader("Les actions")
listing = actions.assign(
    statut=actions["statut"].map(STATUTS_ACTION),
    derniere_saisie=actions["derniere_saisie"].map(fmt_datetime),
)
table(
    listing[
        [  # the action and its status first: they stay on screen when the table scrolls
            "objectif",
            "statut",
            "axe",
            "thematique",
            "mise_en_oeuvre",
            "partenaires",
            "annee_realisation",
            "dernier_commentaire",
            "derniere_saisie",
        ]
    ],
    {"annee_realisation": "text"},
    0,
    {
        "axe": "Axe",
        "thematique": "Thématique",
        "objectif": "Objectif opérationnel",
        "mise_en_oeuvre": "Mise en œuvre",
        "partenaires": "Partenaires",
        "statut": "Statut",
        "annee_realisation": "Année de réalisation",
        "dernier_commentaire": "Dernier commentaire",
        "derniere_saisie": "Dernière saisie",
    },
    key="plan_actions",
    title="Actions du plan et leur statut",
)


def _can_edit() -> bool:
    """Members only (see the access rules); the app's sign-in decides."""
    return access.is_member(settings)


if _can_edit():
    st.subheader("Mettre à jour une action")
    labels = {
        row.action_cle: f"{row.axe.split('.')[0]}. {row.thematique} — {row.objectif}"
        for row in actions.itertuples()
    }
    # The choice of action is outside the form so that the form shows its current status.
    key = st.selectbox("Action", list(labels), format_func=labels.__getitem__)
    current = actions.set_index("action_cle").loc[key]
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
if history.empty:
    st.caption("Aucune saisie pour l'instant.")
else:
    titles = actions.set_index("action_cle")["objectif"]
    shown = history.sort_values("changement_id", ascending=False).assign(
        action=lambda f: f["action_cle"].map(titles).fillna("(action retirée de la liste)"),
        statut=lambda f: f["statut"].map(STATUTS_ACTION),
        modifie_le=lambda f: f["modifie_le"].map(fmt_datetime),
        annee_realisation=lambda f: f["annee_realisation"].astype("string").fillna(""),
    )
    saisies = pd.DataFrame(
        {
            "Date": shown["modifie_le"],
            "Action": shown["action"],
            "Statut": shown["statut"],
            "Année": shown["annee_realisation"],
            "Commentaire": shown["commentaire"],
            "Auteur": shown["auteur"],
        }
    )
    st.dataframe(saisies, hide_index=True, width="stretch", column_config=pinned(saisies))
