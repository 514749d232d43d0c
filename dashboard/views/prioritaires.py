"""Publics prioritaires : the CIA's quotas per réservataire group, its local rule (three
situations) and the first-quartile rule outside QPV, for the CIL's annual evaluation."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.counts import count_text
from dashboard.figures.objectifs import mask_targets, target_chart, target_trend
from dashboard.formatting import fmt_pct
from dashboard.masking import mask
from dashboard.reshape import columns_of, pivot_masked
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.objectifs import target_metric
from dashboard.ui.period import cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
header(
    "Attributions aux publics prioritaires : objectifs de la CIA",
    filters,
    settings,
    "La convention intercommunale d'attribution (CIA) fixe à chaque réservataire une part "
    "d'attributions à des ménages prioritaires, et deux règles : la moitié des attributions "
    "prioritaires pour trois situations locales, un quart des attributions hors QPV pour des "
    "ménages du premier quartile de ressources. Cette page en mesure l'atteinte.",
)
period = period_choice(filters, settings, key="prioritaires_periode")
where = {"communes": filters.communes}

# Only effective attributions count: say how many decisions were left out, and why.
volumes = data.query("attributions/chiffres_cles", **period.params, **where)
volumes = mask(volumes, ["attributions", "baux_signes", "sans_bail"], threshold=threshold)
volume = volumes[volumes["annee"].isna()].iloc[0]


st.info(
    f"**Attributions effectives seulement.** Les objectifs se mesurent sur les attributions "
    f"ayant abouti à la signature d'un bail : {count_text(volume, 'baux_signes', threshold)} "
    f"{period.libelle}. Les décisions d'attribution sans bail signé (refus du ménage, bail pas "
    f"encore signé) ne sont pas comptées : {count_text(volume, 'sans_bail', threshold)}.",
    icon=":material/info:",
)

quotas = data.query("prioritaires/quotas", **period.params, **where)
groups = mask_targets(
    quotas[quotas["annee"].isna()], "attributions", "prioritaires", "taux", threshold
)
groups = mask(groups, ["dalo"], threshold=threshold)
situations = mask_targets(
    data.query("prioritaires/situations_cia", **period.params, **where),
    "prioritaires",
    "attributions",
    "part",
    threshold,
)
q1 = mask_targets(
    data.query("prioritaires/q1_hors_qpv", **period.params, **where),
    "attributions",
    "premier_quartile",
    "part",
    threshold,
)

st.subheader(f"Les trois objectifs {period.libelle}")
cards = st.columns(3)
with cards[0]:
    target_metric(
        "Ménages prioritaires, tous réservataires",
        groups[groups["groupe"] == "total"].iloc[0],
        "taux",
        "Part des attributions effectives faites à des ménages prioritaires (article L441-1 "
        "du CCH), tous réservataires ensemble.",
    )
with cards[1]:
    target_metric(
        "Trois situations locales de la CIA",
        situations[situations["situation"] == "ensemble"].iloc[0],
        "part",
        "Parmi les attributions prioritaires, part des ménages sans logement propre, dont le "
        "logement est trop cher ou qui ont une problématique de santé.",
    )
with cards[2]:
    target_metric(
        "Premier quartile hors QPV",
        q1[q1["commune"] == "total"].iloc[0],
        "part",
        "Parmi les attributions de logements situés hors quartier prioritaire de la ville, "
        "part des ménages du premier quartile de ressources ou relogés au titre de l'ANRU.",
    )

# --- Quotas per réservataire group ----------------------------------------------------------
st.subheader(f"Part des attributions aux ménages prioritaires par réservataire, {period.court}")
chart(
    target_chart(
        groups,
        "groupe_nom",
        "taux",
        f"Part d'attributions aux ménages prioritaires et objectif, {period.court}",
        threshold=threshold,
        count="attributions",
        count_noun="attributions effectives",
        x_title="Part des attributions effectives faites à des ménages prioritaires",
    ),
    key="prioritaires_groupes",
)
definition(
    "pour chaque groupe de réservataires (contingent de l'attribution), part des attributions "
    "effectives (bail signé) faites à des ménages prioritaires ; le trait noir est l'objectif "
    "de la CIA. « — » : le groupe n'a eu aucune attribution. La ligne « Tous réservataires » "
    "est mesurée face à l'objectif global."
)
table(
    columns_of(
        groups,
        [
            "groupe_nom",
            "attributions",
            "prioritaires",
            "dalo",
            "taux",
            "objectif",
            "statut",
            "ecart",
        ],
    ),
    {
        "attributions": "int",
        "prioritaires": "int",
        "dalo": "int",
        "taux": "pct",
        "objectif": "pct",
        "statut": "text",
        "ecart": "count",
    },
    threshold,
    labels={
        "groupe_nom": "Réservataire",
        "attributions": "Attributions effectives",
        "prioritaires": "dont ménages prioritaires",
        "dalo": "dont ménages DALO",
        "taux": "Part prioritaires",
        "objectif": "Objectif",
        "statut": "Objectif atteint ?",
        "ecart": "Manque pour l'objectif",
    },
    key="prioritaires_table_groupes",
)
definition(
    "« manque pour l'objectif » : combien d'attributions supplémentaires à des "
    "ménages prioritaires auraient permis d'atteindre l'objectif (objectif × attributions, "
    "arrondi à l'unité supérieure, moins les attributions prioritaires)."
    + access.secrecy_note(
        threshold,
        f" Sur une seule année, les petits groupes ont souvent moins de {threshold} "
        "attributions : leur part est alors masquée ; la ligne « Tous réservataires » et le "
        "cumul des années restent lisibles.",
    )
)

# --- Evolution -------------------------------------------------------------------------------
whole = cumulative(filters, settings)
st.subheader(f"Évolution depuis {whole.debut}")
history = data.query("prioritaires/quotas", **whole.params, **where)
yearly = history[history["annee"].notna()].copy()
yearly["annee"] = yearly["annee"].astype(int)
totals = mask_targets(
    yearly[yearly["groupe"] == "total"], "attributions", "prioritaires", "taux", threshold
)
totals = mask(totals, ["dalo"], threshold=threshold)
objectif_total = settings.objectif_prioritaires_total
fig = target_trend(
    totals,
    "annee",
    "taux",
    f"Part des attributions effectives aux ménages prioritaires, {whole.court}",
    name="Tous réservataires",
    y_title="Part des attributions",
)
chart(fig, key="prioritaires_evolution")
definition(
    "part des attributions effectives de l'année faites à des ménages prioritaires, tous "
    "réservataires ; la ligne pointillée est l'objectif global de la CIA. Point vert : objectif "
    "atteint, orange : non atteint (le tableau ci-dessous le dit en toutes lettres)."
)
table(
    columns_of(
        totals.assign(annee=totals["annee"].astype(str)),
        ["annee", "attributions", "prioritaires", "dalo", "taux", "statut", "ecart"],
    ),
    {
        "attributions": "int",
        "prioritaires": "int",
        "dalo": "int",
        "taux": "pct",
        "statut": "text",
        "ecart": "count",
    },
    threshold,
    labels={
        "annee": "Année",
        "attributions": "Attributions effectives",
        "prioritaires": "dont ménages prioritaires",
        "dalo": "dont ménages DALO",
        "taux": "Part prioritaires",
        "statut": f"Objectif {fmt_pct(objectif_total)}",
        "ecart": "Manque pour l'objectif",
    },
    key="prioritaires_table_evolution",
)
by_group = mask(
    yearly,
    ["attributions", "prioritaires"],
    {"taux": ["attributions", "prioritaires"]},
    threshold=threshold,
)
wide = pivot_masked(by_group, "groupe_nom", "annee", "taux", order="ordre")
st.markdown("**Part des attributions aux ménages prioritaires par réservataire et par année**")
table(
    wide,
    {str(year): "pct" for year in yearly["annee"].unique()},
    threshold,
    labels={"groupe_nom": "Réservataire"},
    key="prioritaires_table_groupes_annees",
)
definition(
    "même mesure, année par année et groupe par groupe"
    + access.secrecy_note(
        threshold,
        f" ; « secret » : la part repose sur moins de {threshold} attributions ou attributions "
        "prioritaires et n'est pas publiée. Le cumul des années (choix « Période » en haut de "
        "page) donne une mesure publiable pour chaque groupe",
    )
    + "."
)

# --- CIA local rule ---------------------------------------------------------------------------
st.subheader(f"Règle locale de la CIA : trois situations, {period.court}")
chart(
    target_chart(
        situations,
        "situation_nom",
        "part",
        f"Part des attributions prioritaires par situation locale, {period.court}",
        threshold=threshold,
        count="attributions",
        count_noun="ménages",
        x_title="Part des attributions effectives aux ménages prioritaires",
    ),
    key="prioritaires_situations",
)
definition(
    "parmi les attributions effectives à des ménages prioritaires, part des ménages relevant de "
    "chaque situation, repérée par le logement actuel du ménage (hôtel, structure "
    "d'hébergement, hébergé chez des tiers…) ou le motif de sa demande (sans logement, logement "
    "trop cher, raisons de santé). Un ménage peut relever de deux situations : il compte dans "
    "chacune, mais une seule fois dans « Au moins une des situations », mesurée face à "
    "l'objectif de la CIA (la moitié)."
)
table(
    columns_of(situations, ["situation_nom", "attributions", "prioritaires", "part", "statut"]),
    {"attributions": "int", "prioritaires": "int", "part": "pct", "statut": "text"},
    threshold,
    labels={
        "situation_nom": "Situation",
        "attributions": "Attributions prioritaires dans la situation",
        "prioritaires": "Attributions prioritaires",
        "part": "Part",
        "statut": f"Objectif {fmt_pct(settings.objectif_situations_cia)}",
    },
    key="prioritaires_table_situations",
)

# --- First quartile outside QPV ---------------------------------------------------------------
st.subheader(f"Premier quartile hors QPV, par commune, {period.court}")
chart(
    target_chart(
        q1,
        "commune_nom",
        "part",
        f"Part des attributions hors QPV au premier quartile, {period.court}",
        threshold=threshold,
        count="attributions",
        count_noun="attributions hors QPV",
        x_title="Part des attributions effectives hors QPV",
    ),
    key="prioritaires_q1",
)
definition(
    "parmi les attributions effectives de logements situés hors quartier prioritaire de la "
    "ville (commune du logement), part faite à des ménages dont les ressources sont dans le "
    "premier quartile des demandeurs ou relogés au titre du renouvellement urbain (ANRU) ; "
    "objectif légal et de la CIA : un quart."
)
table(
    columns_of(q1, ["commune_nom", "attributions", "premier_quartile", "part", "statut", "ecart"]),
    {
        "attributions": "int",
        "premier_quartile": "int",
        "part": "pct",
        "statut": "text",
        "ecart": "count",
    },
    threshold,
    labels={
        "commune_nom": "Commune",
        "attributions": "Attributions hors QPV",
        "premier_quartile": "dont premier quartile ou ANRU",
        "part": "Part",
        "statut": f"Objectif {fmt_pct(settings.objectif_q1_hors_qpv)}",
        "ecart": "Manque pour l'objectif",
    },
    key="prioritaires_table_q1",
)
