"""Délais et pression (public) : how long housed households waited, per commune and typology
(a PPGDID indicator), the chances of primo and mutation demands of being housed, how long the
active file has been waiting (and how many demands are past the délai anormalement long), and
how many demands there are for each lease signed, per commune and typology. The public reads
the publication, one year at a time; members may add the years up."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.bars import heat_table, median_mean_bars, value_bars
from dashboard.figures.charts import line
from dashboard.figures.counts import count_bars
from dashboard.reshape import grid, long_counts
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import period_choice

settings = data.settings()
filters = current_filters(settings)
annee = filters.annee
member = access.is_member(settings)
header(
    "Délais d'attente et pression de la demande",
    filters,
    settings,
    "Combien de temps les ménages logés ont attendu, quelles chances une demande a d'être "
    "satisfaite dans l'année, depuis combien de temps attendent ceux qui ne sont pas encore "
    "logés, et combien de demandes il y a pour chaque logement attribué, selon la commune et la "
    "taille du logement.",
)
where = {"communes": filters.communes}
period = period_choice(filters, settings, key="delais_periode")
waits = data.fetch("delais/delais", **period.params, **where)
pressure = data.fetch("delais/pression", **period.params, **where)
rates = data.fetch(
    "mutations/evolution", premiere_annee=settings.premiere_annee, annee=annee, **where
)
total = {"commune": None, "typologie_groupe": None}

# --- Key figures -------------------------------------------------------------------------------
st.subheader(f"Chiffres clés {period.libelle}")
show.cards(
    [
        show.figure(waits, "mediane", {"axe": "ensemble"}),
        show.figure(waits, "moyenne", {"axe": "ensemble"}),
        show.figure(pressure, "taux_pression", total),
    ],
    per_row=3,
)

# --- Waiting time of housed households ----------------------------------------------------------
st.subheader(f"Délai d'attente des ménages logés, {period.court}")
left, right = st.columns(2)
for column, axis, which, colours in (
    (left, "commune", "par_commune", settings.commune_couleurs),
    (right, "typologie", "par_typologie", None),
):
    with column:
        chart(
            median_mean_bars(
                waits.where(axe=axis).frame, "modalite", waits.title(which), colors=colours
            ),
            key=f"delais_{axis}s",
        )
show.definitions([(waits, ["mediane", "moyenne", "attributions"])])
with st.expander("Le tableau des délais (avec les quartiles)"):
    show.table(
        waits, ["axe", "modalite", "n", "mediane", "moyenne", "q1", "q3"], key="delais_table"
    )

# --- Chances of being housed -------------------------------------------------------------------
st.subheader(f"Chances d'être logé en {annee} : mutations et primo-demandeurs")
RATES = ["taux_satisfaction_mutation", "taux_satisfaction_primo"]
show.cards(
    [show.figure(rates, c, {"annee": annee}, rates, {"annee": annee - 1}) for c in RATES],
    per_row=2,
)
chart(
    line(
        long_counts(rates, "annee", RATES),
        "annee",
        "nombre",
        rates.title("satisfaction"),
        color="indicateur",
        x_title=rates.label("annee"),
        percent=True,
    ),
    key="delais_satisfaction",
)
show.definitions([(rates, RATES)])

# --- Seniority of the active file ---------------------------------------------------------------
st.subheader(f"Depuis quand attendent les demandes actives au 31/12/{annee} ?")
seniority = data.fetch("delais/anciennete", annee=annee, **where)
chart(
    count_bars(
        seniority.frame,
        "tranche",
        "n",
        seniority.title(),
        threshold=seniority.threshold,
        share="part",
        x_title=seniority.label("n"),
    ),
    key="delais_anciennete",
)
show.definitions([(seniority, ["n"])])

mois = settings.delai_anormalement_long_mois
if mois > 0:
    st.markdown("**Délai anormalement long**")
    beyond = data.fetch("delais/delai_anormal", annee=annee, mois=mois, **where)
    show.cards(
        [show.figure(beyond, "au_dela", total), show.figure(beyond, "part", total)], per_row=2
    )
    with st.expander("Par commune et par typologie souhaitées"):
        show.table(
            beyond,
            ["commune_nom", "typologie", "demandes_actives", "au_dela", "part"],
            key="delais_table_anormal",
        )
    show.definitions([(beyond, ["au_dela"])], extra=settings.delai_anormalement_long_source or "")
elif member:  # a setting to fill: said to members only, the public sees nothing technical
    st.info(
        "Le délai anormalement long n'est pas renseigné dans les paramètres du territoire "
        "(fichier data/territoire.toml, section [delai_anormalement_long], « mois »). Il est "
        "fixé par arrêté préfectoral ; une fois renseigné, cette page compte, pour tous, les "
        "demandes qui attendent depuis plus longtemps.",
        icon=":material/info:",
    )

# --- Pressure ------------------------------------------------------------------------------------
st.subheader(f"Pression de la demande par commune et typologie, {period.court}")
wide, hidden = grid(pressure, "commune_nom", "typologie", "taux_pression")
chart(
    heat_table(
        wide,
        hidden,
        pressure.title("carte"),
        x_title=pressure.label("typologie"),
        y_title=pressure.label("commune_nom"),
    ),
    key="delais_pression",
)
show.definitions(
    [(pressure, ["taux_pression", "demandes_actives", "attributions"])],
    extra=access.secrecy_note(
        pressure.threshold,
        "« secret » : une case dont la demande ou les attributions sont trop peu nombreuses, ou "
        "qui en redonnerait une autre par différence (secret statistique) ; « — » : aucune "
        "attribution.",
    ),
)
with st.expander("Le tableau des demandes et des attributions par case"):
    show.table(
        pressure,
        ["commune_nom", "typologie", "demandes_actives", "attributions", "taux_pression"],
        key="delais_table_pression",
    )

if member:  # its small-dwelling counts are not in the publication (queries/delais/*.yml)
    imbalance = data.fetch("delais/desequilibre", **period.params, **where)
    st.subheader(f"Déséquilibre vers les petits logements, {period.court}")
    show.cards([show.figure(imbalance, "desequilibre", {"commune": None})], per_row=3)
    left, right = st.columns(2)
    with left:
        chart(
            value_bars(
                imbalance.frame,
                "commune_nom",
                "desequilibre",
                imbalance.title(),
                kind="pct",
                x_title=imbalance.label("desequilibre"),
                colors=settings.commune_couleurs,
                reference=1.0,
            ),
            key="delais_desequilibre",
        )
    with right:
        show.table(
            imbalance,
            ["commune_nom", "pression_petits", "pression", "desequilibre"],
            "tableau",
            key="delais_table_desequilibre",
        )
    show.definitions([(imbalance, ["desequilibre", "pression_petits"])])
