"""Publics prioritaires : the CIA's quotas per réservataire group, its local rule (three
situations), the two quartile rules of the loi Égalité et Citoyenneté (first quartile outside
QPV, households outside the first quartile in QPV), per commune and per bailleur, and the
quotas per bailleur × réservataire, for the CIL's annual evaluation. Leases signed in the year
(the year of the lease, as the SNE counts them)."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.objectifs import target_chart, target_trend
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
header(
    "Attributions aux publics prioritaires : objectifs de la CIA",
    filters,
    settings,
    "La convention intercommunale d'attribution (CIA) fixe à chaque réservataire une part "
    "d'attributions à des ménages prioritaires, et une règle locale : la moitié des "
    "attributions prioritaires pour trois situations. La loi fixe deux règles de mixité : hors "
    "des quartiers prioritaires (QPV), un quart des attributions pour des ménages du premier "
    "quartile de ressources ; en QPV, la moitié pour des ménages hors du premier quartile. "
    "Cette page en mesure l'atteinte.",
)
period = period_choice(filters, settings, key="prioritaires_periode")
where = {**period.params, "communes": filters.communes}

counts = data.fetch("attributions/chiffres_cles", **where)
total = counts.row(annee=None)
st.info(
    f"**Baux signés seulement.** Comme le SNE et la loi (« attributions suivies de baux "
    f"signés »), les objectifs se mesurent sur les baux signés {period.libelle} : "
    f"{counts.text(total, 'attributions')}, comptés l'année de leur signature. Les décisions "
    f"d'attribution sans bail (refus du ménage, bail pas encore signé) n'y sont pas : "
    f"{counts.text(total, 'sans_bail')}.",
    icon=":material/info:",
)

quotas = data.fetch("prioritaires/quotas", **where)
situations = data.fetch("prioritaires/situations_cia", **where)
q1 = data.fetch("prioritaires/q1_hors_qpv", **where)
qpv = data.fetch("prioritaires/hors_q1_en_qpv", **where)
groups = quotas.where(annee=None)

st.subheader(f"Les quatre objectifs {period.libelle}")
show.targets(
    [
        show.figure(quotas, "taux", {"annee": None, "groupe": "total"}),
        show.figure(situations, "part", {"situation": "ensemble"}),
        show.figure(q1, "part", {"axe": "ensemble"}),
        show.figure(qpv, "part", {"axe": "ensemble"}),
    ]
)

# --- Quotas per réservataire group ------------------------------------------------------------
st.subheader(f"Part des attributions aux ménages prioritaires par réservataire, {period.court}")
chart(
    target_chart(
        groups.frame,
        "groupe_nom",
        "taux",
        groups.title(),
        threshold=quotas.threshold,
        count="attributions",
        count_noun="baux signés",
        x_title=quotas.label("taux"),
    ),
    key="prioritaires_groupes",
)
show.table(
    groups,
    ["groupe_nom", "attributions", "prioritaires", "dalo", "taux", "objectif", "statut", "ecart"],
    key="prioritaires_table_groupes",
)
show.definitions([(quotas, ["attributions", "prioritaires", "taux", "objectif", "ecart"])])

# --- Evolution --------------------------------------------------------------------------------
whole = cumulative(filters, settings)
history = data.fetch("prioritaires/quotas", **whole.params, communes=filters.communes)
yearly = history.excluding(annee=None)
st.subheader(f"Évolution depuis {whole.debut}")
chart(
    target_trend(
        yearly.where(groupe="total").frame,
        "annee",
        "taux",
        history.title(),
        name="Tous réservataires",
        x_title=history.label("annee"),
        y_title=history.label("taux"),
    ),
    key="prioritaires_evolution",
)
show.table(
    yearly.where(groupe="total"),
    ["annee", "attributions", "prioritaires", "dalo", "taux", "statut", "ecart"],
    key="prioritaires_table_evolution",
)
st.markdown("**Part des attributions aux ménages prioritaires par réservataire et par année**")
show.pivot(yearly, "groupe_nom", "annee", "taux", order="ordre", key="prioritaires_groupes_annees")

# --- CIA local rule ---------------------------------------------------------------------------
st.subheader(f"Règle locale de la CIA : trois situations, {period.court}")
local = situations.excluding(situation=None)
chart(
    target_chart(
        local.frame,
        "situation_nom",
        "part",
        situations.title(),
        threshold=situations.threshold,
        count="attributions",
        count_noun="ménages",
        x_title=situations.label("part"),
    ),
    key="prioritaires_situations",
)
show.table(
    situations,
    ["situation_nom", "attributions", "prioritaires", "part", "objectif", "statut"],
    key="prioritaires_table_situations",
)
show.definitions([(situations, ["attributions", "part", "objectif"])])


# --- The two quartile rules, per commune and per bailleur --------------------------------------
def quartile_rule(result, count: str, key: str) -> None:
    communes = result.among("axe", ["commune", "ensemble"])
    chart(
        target_chart(
            communes.frame,
            "commune_nom",
            "part",
            result.title(),
            threshold=result.threshold,
            count="attributions",
            count_noun="baux signés",
            x_title=result.label("part"),
        ),
        key=f"prioritaires_{key}",
    )
    left, right = st.columns(2)
    with left:
        show.table(
            communes,
            ["commune_nom", "attributions", count, "part", "statut", "ecart"],
            key=f"prioritaires_table_{key}_communes",
        )
    with right:
        show.table(
            result.among("axe", ["bailleur", "ensemble"]),
            ["bailleur_nom", "attributions", count, "part", "statut", "ecart"],
            key=f"prioritaires_table_{key}_bailleurs",
        )


st.subheader(f"Premier quartile hors QPV, par commune et par bailleur, {period.court}")
quartile_rule(q1, "premier_quartile", "q1")
show.definitions([(q1, ["attributions", "premier_quartile", "relogements", "part", "objectif"])])

st.subheader(f"Hors du premier quartile en QPV, par commune et par bailleur, {period.court}")
quartile_rule(qpv, "hors_q1", "qpv")
show.definitions([(qpv, ["attributions", "hors_q1", "part", "objectif"])])

# --- Per bailleur ------------------------------------------------------------------------------
bailleurs = data.fetch("prioritaires/bailleurs", **where)
crossed = data.fetch("prioritaires/bailleurs_reservataires", **where)
st.subheader(f"Ménages prioritaires par bailleur, {period.court}")
chart(
    target_chart(
        bailleurs.frame,
        "bailleur",
        "taux",
        bailleurs.title(),
        threshold=bailleurs.threshold,
        count="attributions",
        count_noun="baux signés",
        x_title=bailleurs.label("taux"),
    ),
    key="prioritaires_bailleurs",
)
show.table(
    crossed,
    ["bailleur", "groupe_nom", "attributions", "prioritaires", "taux", "objectif", "statut"],
    key="prioritaires_table_bailleurs_reservataires",
)
show.definitions(
    [(bailleurs, ["attributions", "taux", "objectif"]), (crossed, ["taux", "objectif"])]
)
