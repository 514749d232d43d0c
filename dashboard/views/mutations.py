"""Mutations : households already renting social housing who ask to move. Their share of the
active file and of the leases signed over the years, per commune and typology, their waiting
time and satisfaction rate against first-time applicants, and the reasons they give."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.bars import grouped_value_bars, value_bars
from dashboard.figures.charts import PUBLIC_COLOURS, box, line
from dashboard.grilles import PUBLICS
from dashboard.reshape import long_counts
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import period_choice

settings = data.settings()
filters = current_filters(settings)
annee = filters.annee
header(
    "Demandes de mutation",
    filters,
    settings,
    "Une **mutation** est la demande d'un ménage qui loue déjà un logement social et souhaite "
    "en changer (logement trop petit, trop cher, santé…). Cette page montre leur place dans la "
    "demande et dans les attributions, leur délai d'attente et leurs chances d'être logés, "
    "comparés à ceux des primo-demandeurs (ménages qui ne sont pas locataires du parc social).",
)
where = {"communes": filters.communes}
years = {"premiere_annee": settings.premiere_annee, "annee": annee}
MUTATION, PRIMO = PUBLICS["mutation"], PUBLICS["primo"]
SHARES = ["part_mutation_demandes", "part_mutation_attributions"]
RATES = ["taux_satisfaction_mutation", "taux_satisfaction_primo"]
TABLE = ["demandes_actives", "demandes_mutation", "part_mutation_demandes", "attributions"]
TABLE += ["attributions_mutation", "part_mutation_attributions", *RATES]

yearly = data.fetch("mutations/evolution", **years, **where)
show.scope(yearly)

# --- Key figures -------------------------------------------------------------------------------
st.subheader(f"Chiffres clés {annee}")
show.cards(
    [
        show.figure(yearly, column, {"annee": annee}, yearly, {"annee": annee - 1})
        for column in SHARES + RATES
    ]
)

# --- Over the years ----------------------------------------------------------------------------
st.subheader(f"Évolution depuis {int(yearly.frame['annee'].min())}")
left, right = st.columns(2)
for column, series, which in ((left, SHARES, "parts"), (right, RATES, "satisfaction")):
    with column:
        chart(
            line(
                long_counts(yearly, "annee", series),
                "annee",
                "nombre",
                yearly.title(which),
                color="indicateur",
                x_title=yearly.label("annee"),
                percent=True,
            ),
            key=f"mutations_evolution_{which}",
        )
AXES = {"commune": "Par commune", "typologie": "Par typologie"}
axis = st.radio(
    "Détail", list(AXES), format_func=AXES.__getitem__, horizontal=True, key="mutations_detail"
)
detail = data.fetch("mutations/evolution_detail", **years, **where).where(axe=axis)
left, right = st.columns(2)
for column, share, what in (
    (left, "part_mutation_demandes", "demandes"),
    (right, "part_mutation_attributions", "attributions"),
):
    fig = line(
        detail.frame,
        "annee",
        share,
        detail.title(f"{what}_{axis}"),
        color="modalite",
        colors=settings.commune_couleurs if axis == "commune" else None,
        x_title=detail.label("annee"),
        y_title=detail.label(share),
        percent=True,
    )
    fig.update_layout(legend_title_text="")
    with column:
        chart(fig, key=f"mutations_evolution_{share}")
show.definitions([(yearly, SHARES + RATES), (detail, SHARES)])
show.table(yearly, ["annee", *TABLE], key="mutations_table_evolution")

# --- Per commune and typology ------------------------------------------------------------------
st.subheader("Par commune et par typologie")
period = period_choice(filters, settings, key="mutations_periode")
breakdown = data.fetch("mutations/repartition", **period.params, **where)
PUBLIC_SERIES = {
    "taux_satisfaction_mutation": (MUTATION, PUBLIC_COLOURS[MUTATION]),
    "taux_satisfaction_primo": (PRIMO, PUBLIC_COLOURS[PRIMO]),
}
for axis, colours in (("commune", settings.commune_couleurs), ("typologie", None)):
    part = breakdown.where(axe=axis).frame
    left, right = st.columns(2)
    for column, share, what in (
        (left, "part_mutation_demandes", "demandes"),
        (right, "part_mutation_attributions", "attributions"),
    ):
        with column:
            chart(
                value_bars(
                    part,
                    "modalite",
                    share,
                    f"{breakdown.title(what)}, {AXES[axis].lower()}",
                    x_title=breakdown.label(share),
                    colors=colours,
                ),
                key=f"mutations_{share}_{axis}",
            )
left, right = st.columns(2)
for column, axis in ((left, "commune"), (right, "typologie")):
    with column:
        chart(
            grouped_value_bars(
                breakdown.where(axe=axis).frame,
                "modalite",
                PUBLIC_SERIES,
                f"{breakdown.title('satisfaction')}, {AXES[axis].lower()}",
                x_title="",
            ),
            key=f"mutations_satisfaction_{axis}",
        )
show.definitions([(breakdown, [*SHARES, "taux_satisfaction_mutation"])])
with st.expander("Le tableau par commune et par typologie"):
    show.table(breakdown, ["axe", "modalite", *TABLE], key="mutations_table_repartition")

# --- Waiting time -------------------------------------------------------------------------------
waits = data.fetch("mutations/delais", **period.params, **where)
st.subheader(waits.title())
left, right = st.columns(2)
with left:
    chart(
        box(
            waits.frame[waits.frame["public"] != "ensemble"],
            "public_libelle",
            waits.title("boites"),
            color="public_libelle",
            colors=PUBLIC_COLOURS,
            x_title=waits.label("public_libelle"),
            y_title=waits.label("mediane"),
        ),
        key="mutations_delais",
    )
with right:
    show.table(waits, ["public_libelle", "n", "mediane", "moyenne"], key="mutations_table_delais")
show.definitions([(waits, ["mediane"])])

# --- Reasons ------------------------------------------------------------------------------------
motifs = data.fetch("mutations/motifs", annee=annee, **where)
st.subheader(f"Pourquoi demander une mutation ? File active au 31/12/{annee}")
if motifs.empty:
    st.info("Aucune demande de mutation active au 31 décembre dans les communes choisies.")
else:
    chart(
        grouped_value_bars(
            motifs.frame,
            "libelle",
            {
                "part_mutation": (MUTATION, PUBLIC_COLOURS[MUTATION]),
                "part_primo": (PRIMO, PUBLIC_COLOURS[PRIMO]),
            },
            motifs.title(),
            x_title=motifs.label("part_mutation"),
        ),
        key="mutations_motifs",
    )
    show.table(
        motifs,
        ["libelle", "n_mutation", "part_mutation", "n_primo", "part_primo"],
        key="mutations_table_motifs",
    )
    show.definitions([(motifs, ["n_mutation"])])
    show.cards([show.figure(motifs, "mutations", {"motif": motifs.frame["motif"].iloc[0]})])
