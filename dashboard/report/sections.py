"""The sections of the annual report, in order. Each reads the same SQL files as the page it
summarises, masks small counts, and writes one or two factual sentences from the figures
(no judgement the figures do not carry)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.codes import STATUTS_ACTION
from dashboard.figures.charts import bar, line
from dashboard.formatting import fmt_date, fmt_delta, fmt_int, fmt_months, fmt_num, fmt_pct
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext

SectionBuilder = Callable[[ReportContext], Section | None]
SECTIONS: list[SectionBuilder] = []


def section(builder: SectionBuilder) -> SectionBuilder:
    SECTIONS.append(builder)
    return builder


def _value(row: pd.Series, column: str, kind: str, threshold: int) -> str:
    """A figure for a sentence, or « moins de 11 » / « non publiable » when masked."""
    if bool(row.get(f"_masque_{column}", False)):
        return f"moins de {threshold}" if kind == "int" else "non publiable (effectif trop faible)"
    return {"int": fmt_int, "pct": fmt_pct, "num": fmt_num, "mois": fmt_months}[kind](row[column])


@section
def key_figures(ctx: ReportContext) -> Section:
    y = ctx.annee
    frame = ctx.query("accueil/chiffres_cles", annees=[y - 1, y])
    counts = [
        "demandes_actives",
        "enregistrements",
        "attributions",
        "baux_signes",
        "baux_signes_prioritaires",
        "demandes_actives_mutation",
    ]
    shares = {
        "taux_pression": ["demandes_actives", "attributions"],
        "part_mutation": ["demandes_actives_mutation", "demandes_actives"],
        "part_prioritaires": ["baux_signes_prioritaires", "baux_signes"],
        "delai_median_mois": ["attributions"],
    }
    masked = ctx.mask(frame, counts, shares)
    now, before = masked.iloc[-1], masked.iloc[0]
    t = ctx.threshold

    def change(column: str, kind: str = "int") -> str:
        delta = fmt_delta(now[column], before[column], kind)
        return f" ({delta} par rapport à {y - 1})" if delta else ""

    paragraphs = [
        f"Au 31 décembre {y}, {_value(now, 'demandes_actives', 'int', t)} demandes de logement "
        f"social étaient actives sur le territoire{change('demandes_actives')}, dont "
        f"{_value(now, 'part_mutation', 'pct', t)} émanant de ménages déjà locataires du parc "
        f"social (mutations). {_value(now, 'enregistrements', 'int', t)} demandes ont été "
        f"enregistrées dans l'année{change('enregistrements')}.",
        f"{_value(now, 'attributions', 'int', t)} attributions ont été décidées en {y}"
        f"{change('attributions')}, dont {_value(now, 'baux_signes', 'int', t)} ont abouti à la "
        f"signature d'un bail. La pression de la demande est de "
        f"{_value(now, 'taux_pression', 'num', t)} demandes actives pour une attribution ; le "
        f"délai d'attente médian des ménages logés est de "
        f"{_value(now, 'delai_median_mois', 'mois', t)}.",
    ]
    labels = {
        "demandes_actives": "Demandes actives au 31/12",
        "enregistrements": "Enregistrements",
        "attributions": "Attributions",
        "baux_signes": "Baux signés",
    }
    table = ctx.table(
        f"Chiffres clés {y - 1} et {y}",
        masked.set_index("annee")
        .T.reset_index()
        .rename(columns={"index": "indicateur"})
        .pipe(lambda f: f[f["indicateur"].isin(labels)])
        .assign(indicateur=lambda f: f["indicateur"].map(labels))
        .rename(columns={y - 1: "avant", y: "annee"}),
        {"indicateur": "text", "avant": "int", "annee": "int"},
        {"indicateur": "Indicateur", "avant": str(y - 1), "annee": str(y)},
    )
    return Section("Chiffres clés de l'année", paragraphs, [table])


@section
def evolution(ctx: ReportContext) -> Section:
    frame = ctx.query("accueil/evolution", derniere_annee=ctx.annee)
    masked = ctx.mask(frame, ["demandes_actives", "enregistrements", "attributions"])
    long = masked.melt(
        id_vars="annee",
        value_vars=["demandes_actives", "enregistrements", "attributions"],
        var_name="indicateur",
        value_name="nombre",
    )
    long["indicateur"] = long["indicateur"].map(
        {
            "demandes_actives": "Demandes actives au 31/12",
            "enregistrements": "Demandes enregistrées",
            "attributions": "Attributions",
        }
    )
    first, last = frame.iloc[0], frame.iloc[-1]
    paragraph = (
        f"De {int(first['annee'])} à {int(last['annee'])}, le nombre de demandes actives au 31 "
        f"décembre est passé de {fmt_int(first['demandes_actives'])} à "
        f"{fmt_int(last['demandes_actives'])} ; le nombre annuel d'attributions de "
        f"{fmt_int(first['attributions'])} à {fmt_int(last['attributions'])}."
    )
    fig = line(
        long,
        "annee",
        "nombre",
        f"Demande et attributions, {int(first['annee'])}-{int(last['annee'])}",
        color="indicateur",
        x_title="Année",
        y_title="Nombre",
    )
    return Section(
        "Évolution de la demande et des attributions",
        [paragraph],
        [
            Chart(
                fig,
                "Demandes actives au 31 décembre de chaque année, demandes déposées et "
                "décisions d'attribution dans l'année.",
            )
        ],
    )


@section
def enregistrements(ctx: ReportContext) -> Section | None:
    frame = ctx.query("enregistrements/par_guichet")
    year = frame[frame["annee"] == ctx.annee]
    if year["enregistrements"].sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["enregistrements", "demandes_actives"],
        {"part_enregistrements": ["enregistrements"], "part_actives": ["demandes_actives"]},
    )
    online = ctx.query("enregistrements/en_ligne")
    online = ctx.mask(online, ["enregistrements", "en_ligne"], {"part_en_ligne": ["en_ligne"]})
    now = online[online["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"En {ctx.annee}, {_value(now, 'enregistrements', 'int', t)} demandes ont été "
        f"enregistrées pour une commune du territoire en premier choix ; "
        f"{_value(now, 'part_en_ligne', 'pct', t)} l'ont été en ligne, sur le Portail Grand "
        "Public, les autres par un guichet enregistreur."
    )
    colors = dict(zip(frame["guichet_nom"], frame["couleur"], strict=False))
    figure = bar(
        masked.assign(
            enregistrements=frame["enregistrements"].where(~masked["_masque_enregistrements"])
        ),
        "annee",
        "enregistrements",
        f"Demandes enregistrées par guichet, {int(frame['annee'].min())}-{ctx.annee}",
        color="guichet_nom",
        colors=colors,
        x_title="Année",
        y_title="Demandes enregistrées",
    )
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0})
    table = ctx.table(
        f"Enregistrements et demandes actives par guichet, {ctx.annee}",
        masked[masked["annee"] == ctx.annee],
        {
            "enregistrements": "int",
            "part_enregistrements": "pct",
            "demandes_actives": "int",
            "part_actives": "pct",
        },
        {
            "guichet_nom": "Guichet",
            "enregistrements": f"Enregistrements {ctx.annee}",
            "part_enregistrements": "Part",
            "demandes_actives": f"Demandes actives au 31/12/{ctx.annee}",
            "part_actives": "Part de la file active",
        },
    )
    return Section(
        "Enregistrement de la demande",
        [paragraph],
        [
            Chart(figure, "Demandes déposées dans l'année, par guichet qui les a enregistrées."),
            table,
        ],
    )


@section
def profil(ctx: ReportContext) -> Section | None:
    frame = ctx.query("profil/repartition")
    if frame["actives"].sum() == 0:
        return None
    y = ctx.annee
    titles = {
        "age": "Âge du demandeur",
        "taille_menage": "Taille du ménage",
        "typologie": "Logement recherché",
        "commune": "Commune souhaitée en premier choix",
    }
    blocks: list = []
    for dimension, title in titles.items():
        part = frame[frame["dimension"] == dimension]
        masked = ctx.mask(
            part,
            ["actives_precedente", "actives"],
            {"part_actives_precedente": ["actives_precedente"], "part_actives": ["actives"]},
        )
        blocks.append(
            ctx.table(
                f"{title} : demandes actives au 31/12/{y - 1} et {y}",
                masked,
                {
                    "actives_precedente": "int",
                    "part_actives_precedente": "pct",
                    "actives": "int",
                    "part_actives": "pct",
                },
                {
                    "modalite": title,
                    "actives_precedente": str(y - 1),
                    "part_actives_precedente": f"Part {y - 1}",
                    "actives": str(y),
                    "part_actives": f"Part {y}",
                },
            )
        )
    t = ctx.threshold
    ages = ctx.mask(frame[frame["dimension"] == "age"], ["actives"], {"part_actives": ["actives"]})
    first = ages.sort_values("actives", ascending=False).iloc[0]
    sizes = frame[frame["dimension"] == "taille_menage"]
    small = pd.DataFrame(
        {
            "menages": [sizes.loc[sizes["code"].isin(["1", "2"]), "actives"].sum()],
            "total": [sizes["actives"].sum()],
        }
    ).assign(part=lambda f: f["menages"] / f["total"])
    small = ctx.mask(small, ["menages", "total"], {"part": ["menages", "total"]}).iloc[0]
    paragraph = (
        f"Au 31 décembre {y}, la tranche d'âge la plus représentée parmi les demandeurs est "
        f"« {first['modalite'].lower()} » ({_value(first, 'part_actives', 'pct', t)}) ; "
        f"{_value(small, 'part', 'pct', t)} des demandes émanent de ménages d'une ou deux "
        "personnes."
    )
    return Section("Profil de la demande", [paragraph], blocks)


@section
def mutations(ctx: ReportContext) -> Section | None:
    frame = ctx.query("mutations/evolution")
    if frame["demandes_actives"].sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["demandes_actives", "demandes_mutation", "attributions", "attributions_mutation"],
        {
            "part_mutation_demandes": ["demandes_mutation", "demandes_actives"],
            "part_mutation_attributions": ["attributions_mutation", "attributions"],
            "taux_satisfaction_mutation": ["attributions_mutation", "demandes_mutation"],
            "taux_satisfaction_primo": ["attributions_primo", "demandes_primo"],
        },
    )
    now = masked[masked["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Au 31 décembre {ctx.annee}, {_value(now, 'part_mutation_demandes', 'pct', t)} des "
        "demandes actives émanent de ménages déjà locataires du parc social ; ils ont reçu "
        f"{_value(now, 'part_mutation_attributions', 'pct', t)} des attributions de l'année. "
        f"Le taux de satisfaction (attributions de l'année rapportées aux demandes actives) est "
        f"de {_value(now, 'taux_satisfaction_mutation', 'pct', t)} pour les demandes de "
        f"mutation et de {_value(now, 'taux_satisfaction_primo', 'pct', t)} pour les "
        "primo-demandeurs."
    )
    table = ctx.table(
        "Les mutations dans la demande et les attributions",
        masked.assign(annee=masked["annee"].astype(int)),
        {
            "annee": "text",
            "demandes_actives": "int",
            "part_mutation_demandes": "pct",
            "attributions": "int",
            "part_mutation_attributions": "pct",
            "taux_satisfaction_mutation": "pct",
            "taux_satisfaction_primo": "pct",
        },
        {
            "annee": "Année",
            "demandes_actives": "Demandes actives au 31/12",
            "part_mutation_demandes": "Part des mutations",
            "attributions": "Attributions",
            "part_mutation_attributions": "Part des mutations parmi les attributions",
            "taux_satisfaction_mutation": "Satisfaction (mutations)",
            "taux_satisfaction_primo": "Satisfaction (primo-demandeurs)",
        },
    )
    return Section("Les demandes de mutation", [paragraph], [table])


@section
def delais(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    waits = ctx.query("delais/delais", annee_debut=y, annee_fin=y)
    if waits["n"].sum() == 0:
        return None
    waits = ctx.mask(waits, ["n"], {"mediane": ["n"], "moyenne": ["n"]})
    pressure = ctx.query("delais/pression", annee_debut=y, annee_fin=y)
    pressure = ctx.mask(
        pressure, ["demandes_actives", "attributions"], {"taux_pression": ["attributions"]}
    )
    overall = waits[waits["axe"] == "ensemble"].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Les ménages logés en {y} ont attendu {_value(overall, 'mediane', 'mois', t)} en "
        f"médiane et {_value(overall, 'moyenne', 'mois', t)} en moyenne entre le dépôt de leur "
        "demande et l'attribution. Le PPGDID doit publier ces délais par commune et par type "
        "de logement : ils figurent ci-dessous, avec la pression de la demande (demandes "
        "actives au 31 décembre pour une attribution de l'année)."
    )
    labels_wait = {
        "modalite": "Commune ou typologie",
        "n": "Attributions",
        "mediane": "Délai médian",
        "moyenne": "Délai moyen",
    }
    formats_wait = {"n": "int", "mediane": "mois", "moyenne": "mois"}
    totals = pressure[pressure["typologie_groupe"].isna()]
    blocks = [
        ctx.table(
            f"Délai d'attente des ménages logés en {y}, par commune et par typologie",
            waits,
            formats_wait,
            labels_wait,
        ),
        ctx.table(
            f"Pression de la demande par commune, {y}",
            totals,
            {"demandes_actives": "int", "attributions": "int", "taux_pression": "num"},
            {
                "commune_nom": "Commune",
                "demandes_actives": "Demandes actives au 31/12",
                "attributions": "Attributions",
                "taux_pression": "Demandes par attribution",
            },
        ),
    ]
    return Section("Délais d'attente et pression de la demande", [paragraph], blocks)


@section
def prioritaires(ctx: ReportContext) -> Section | None:
    from dashboard.figures.objectifs import STATUS, mask_targets, target_chart

    y = ctx.annee
    quotas = ctx.query("prioritaires/quotas", annee_debut=y, annee_fin=y)
    year_rows = quotas[quotas["annee"].isna()].sort_values("ordre")
    if year_rows["attributions"].sum() == 0:
        return None
    masked = mask_targets(year_rows, "attributions", "prioritaires", "taux", ctx.threshold)
    total = masked[masked["groupe"] == "total"].iloc[0]
    t = ctx.threshold
    situations = ctx.query("prioritaires/situations_cia", annee_debut=y, annee_fin=y)
    ensemble = mask_targets(
        situations[situations["situation"] == "ensemble"], "prioritaires", "attributions", "part", t
    ).iloc[0]
    q1 = ctx.query("prioritaires/q1_hors_qpv", annee_debut=y, annee_fin=y)
    q1_masked = mask_targets(q1, "attributions", "premier_quartile", "part", t)
    paragraphs = [
        f"En {y}, {_value(total, 'taux', 'pct', t)} des attributions effectives (bail signé) "
        f"ont bénéficié à des ménages prioritaires, pour un objectif global de "
        f"{fmt_pct(total['objectif'])} ({total[STATUS]}). Les objectifs de chaque groupe de "
        "réservataires figurent dans le tableau ci-dessous.",
        f"Parmi les attributions aux ménages prioritaires, {_value(ensemble, 'part', 'pct', t)} "
        f"concernent des ménages relevant d'une des trois situations locales de la CIA, pour un "
        f"objectif de {fmt_pct(ctx.settings.objectif_situations_cia, 0)} ({ensemble[STATUS]}).",
    ]
    blocks: list = [
        Chart(
            target_chart(
                masked,
                "groupe_nom",
                "taux",
                f"Part d'attributions aux ménages prioritaires et objectif, {y}",
                threshold=t,
                count="attributions",
                count_noun="attributions effectives",
            ),
            "Attributions effectives à des ménages prioritaires, par groupe de réservataires "
            "(contingent) ; le trait noir est l'objectif de la CIA.",
        ),
        ctx.table(
            f"Objectifs d'attribution aux ménages prioritaires, {y}",
            masked,
            {
                "attributions": "int",
                "prioritaires": "int",
                "taux": "pct",
                "objectif": "pct",
                "ecart": "count",
                STATUS: "text",
            },
            {
                "groupe_nom": "Réservataire",
                "attributions": "Attributions effectives",
                "prioritaires": "dont ménages prioritaires",
                "taux": "Part",
                "objectif": "Objectif",
                STATUS: "Objectif atteint ?",
                "ecart": "Manque pour l'objectif",
            },
        ),
    ]
    blocks.append(
        ctx.table(
            f"Premier quartile parmi les attributions hors QPV, {y}",
            q1_masked,
            {
                "attributions": "int",
                "premier_quartile": "int",
                "part": "pct",
                "objectif": "pct",
                STATUS: "text",
            },
            {
                "commune_nom": "Commune",
                "attributions": "Attributions hors QPV",
                "premier_quartile": "dont premier quartile ou ANRU",
                "part": "Part",
                "objectif": "Objectif",
                STATUS: "Objectif atteint ?",
            },
        )
    )
    return Section("Attributions aux publics prioritaires (CIA)", paragraphs, blocks)


@section
def commissions(ctx: ReportContext) -> Section | None:
    frame = ctx.query(
        "commissions/par_annee", annee_debut=ctx.settings.premiere_annee, annee_fin=ctx.annee
    )
    if frame["dossiers"].fillna(0).sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["dossiers", "bail_signe", "proposition", "refus", "sans_suite", "en_cours"],
        {"part_bail_signe": ["bail_signe", "dossiers"]},
    )
    period = masked[masked["annee"].isna()].iloc[0]
    year = masked[masked["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Depuis {ctx.settings.premiere_annee}, {fmt_int(period['commissions'])} commissions de "
        f"coordination ont examiné {_value(period, 'dossiers', 'int', t)} dossiers ; "
        f"{_value(period, 'part_bail_signe', 'pct', t)} ont abouti à la signature d'un bail. "
        f"En {ctx.annee}, {fmt_int(year['commissions'])} commissions ont examiné "
        f"{_value(year, 'dossiers', 'int', t)} dossiers."
    )
    yearly = masked[masked["annee"].notna()].assign(annee=lambda f: f["annee"].astype(int))
    table = ctx.table(
        "Commissions de coordination par année",
        yearly,
        {
            "annee": "text",
            "commissions": "int",
            "dossiers": "int",
            "bail_signe": "int",
            "part_bail_signe": "pct",
        },
        {
            "annee": "Année",
            "commissions": "Commissions",
            "dossiers": "Dossiers examinés",
            "bail_signe": "dont bail signé",
            "part_bail_signe": "Part avec bail signé",
        },
    )
    return Section("Commissions de coordination", [paragraph], [table])


@section
def cotation(ctx: ReportContext) -> Section | None:
    """The grid's evaluation on the plan's three levels (relevance, CIA targets, fluidity)."""
    grille = ctx.settings.grille_cotation
    evaluation = ctx.query("cotation/evaluation", grille=grille)
    if evaluation["demandes"].fillna(0).sum() == 0:
        return None
    publics = {"primo": "Primo-demandeurs", "mutation": "Demandeurs en mutation"}
    evaluation["public_libelle"] = evaluation["public"].map({**publics, "ensemble": "Ensemble"})
    masked = ctx.mask(
        evaluation,
        ["demandes", "demandes_decile", "attributions_notees", "attributions_quart"],
        {
            "part_quart": ["attributions_quart", "attributions_notees"],
            "part_file_quart": ["file_quart", "demandes"],
            "part_prioritaires_decile": ["decile_prioritaires", "demandes_decile"],
            "part_prioritaires_file": ["demandes_prioritaires", "demandes"],
        },
    )
    ensemble = masked.set_index("public").loc["ensemble"]
    t = ctx.threshold
    delais = ctx.query("cotation/delai_tranches", grille=grille)
    delais = ctx.mask(delais[delais["public"] == "ensemble"], ["n"], {"delai_median": ["n"]})
    y = ctx.annee
    paragraphs = [
        f"Grille de cotation « {grille} ». Pertinence des critères : parmi les 10 % de demandes "
        f"actives au 31/12/{y} les mieux notées, "
        f"{_value(ensemble, 'part_prioritaires_decile', 'pct', t)} sont des ménages "
        "prioritaires ou DALO, contre "
        f"{_value(ensemble, 'part_prioritaires_file', 'pct', t)} dans toute la file active.",
        f"Objectifs de la CIA : {_value(ensemble, 'part_quart', 'pct', t)} des attributions de "
        f"{y} sont allées à des demandes du quart supérieur des notes ; une attribution au "
        f"hasard y tomberait dans {_value(ensemble, 'part_file_quart', 'pct', t)} des cas.",
        "Fluidité : le tableau du délai d'attente médian des ménages logés selon leur note "
        "permet de vérifier que les demandes les mieux notées ne restent pas plus longtemps en "
        "attente que les autres.",
    ]
    blocks = [
        ctx.table(
            f"Évaluation de la grille en {y}",
            masked,
            {
                "demandes": "int",
                "part_prioritaires_decile": "pct",
                "part_prioritaires_file": "pct",
                "attributions_notees": "int",
                "part_quart": "pct",
                "part_file_quart": "pct",
            },
            {
                "public_libelle": "Public",
                "demandes": "Demandes actives",
                "part_prioritaires_decile": "Prioritaires parmi les 10 % mieux notées",
                "part_prioritaires_file": "Prioritaires dans la file",
                "attributions_notees": "Attributions notées",
                "part_quart": "Attributions au quart supérieur",
                "part_file_quart": "File au quart supérieur (référence)",
            },
        ),
        ctx.table(
            f"Délai d'attente des ménages logés en {y} selon leur note",
            delais,
            {"n": "int", "delai_median": "mois"},
            {
                "tranche": "Note (points)",
                "n": "Attributions",
                "delai_median": "Délai médian",
            },
        ),
    ]
    return Section("Évaluation de la cotation", paragraphs, blocks)


@section
def parc(ctx: ReportContext) -> Section | None:
    from dashboard.figures.carte import carte_statique, contours

    millesimes = ctx.query("parc/millesimes")
    if millesimes.empty:
        return None
    # The latest millésime published by 1 January of the year after the report's year.
    eligibles = millesimes[millesimes["millesime"] <= ctx.annee + 1]
    millesime = int((eligibles if not eligibles.empty else millesimes)["millesime"].max())
    params = {"millesime": millesime, "financements": [], "typologies": [], "periodes": []}
    communes = ctx.query("parc/communes", **params)
    residences = ctx.query("parc/residences", **params)
    total = communes[communes["insee"].isna()].iloc[0]
    par_commune = communes[communes["insee"].notna()]
    premiere = par_commune.sort_values("logements", ascending=False).iloc[0]
    paragraph = (
        f"Au 1er janvier {millesime}, le territoire compte {fmt_int(total['logements'])} "
        f"logements sociaux (RPLS), soit {fmt_num(total['logements_pour_1000'])} pour 1 000 "
        f"habitants, répartis en {fmt_int(total['residences'])} résidences. "
        f"{premiere['commune']} en accueille {fmt_pct(premiere['part_epci'])}. "
        f"{fmt_pct(total['part_dpe_f_g'])} des logements dont la classe énergie est connue sont "
        "classés F ou G."
    )
    noms = dict(zip(par_commune["insee"], par_commune["commune"], strict=True))
    figure = carte_statique(
        contours(ctx.settings.contours_file),
        residences,
        noms,
        f"Résidences du parc social au 1er janvier {millesime}",
    )
    communes["construct_median"] = communes["construct_median"].map(
        lambda v: "" if pd.isna(v) else str(int(v))
    )
    no_household = ctx.mask(communes, [], None)  # dwellings, not households: nothing to mask
    table = ctx.table(
        f"Le parc social par commune au 1er janvier {millesime}",
        no_household,
        {
            "logements": "int",
            "part_epci": "pct",
            "logements_pour_1000": "num",
            "residences": "int",
            "construct_median": "text",
            "part_qpv": "pct",
            "part_dpe_f_g": "pct",
        },
        {
            "commune": "Commune",
            "logements": "Logements",
            "part_epci": "Part du territoire",
            "logements_pour_1000": "Pour 1 000 habitants",
            "residences": "Résidences",
            "construct_median": "Construction (médiane)",
            "part_qpv": "En QPV",
            "part_dpe_f_g": "DPE F ou G",
        },
    )
    definition = (
        "Chaque disque est une résidence (logements d'une même adresse), de taille "
        "proportionnelle à son nombre de logements, coloré selon le financement d'origine."
    )
    return Section(
        "Le parc social", [paragraph], [Chart(figure, definition, size=(1000, 820)), table]
    )


@section
def mi_parcours(ctx: ReportContext) -> Section | None:
    """The mid-term evaluation: a baseline year against the report's year."""
    from dashboard import evaluation

    available = [
        int(a) for a in ctx.query("commun/annees_disponibles")["annee"] if int(a) <= ctx.annee
    ]
    if len(available) < 2:
        return None
    baseline, latest = evaluation.default_years(available, ctx.settings.plan_debut)
    if baseline >= latest:
        return None
    years = list(range(baseline, latest + 1))
    values = evaluation.indicators_by_year(ctx.database, years)
    compared = evaluation.comparison(values, baseline, latest, ctx.threshold)
    shown = evaluation.comparison_text(compared, ctx.threshold)
    labels = {
        "theme": "Thème",
        "indicateur": "Indicateur",
        "reference": str(baseline),
        "derniere": str(latest),
        "evolution": "Évolution",
        "objectif": "Objectif",
        "atteinte": f"Objectif en {latest}",
    }
    table = ctx.table(f"Indicateurs du plan, {baseline} et {latest}", shown, {}, labels)
    table.export = evaluation.comparison_export(compared, ctx.threshold, labels)
    quotas = evaluation.trajectory(
        values,
        ["prioritaires.total.taux", "part_situations_cia_parmi_prioritaires", "part_q1_hors_qpv"],
    )
    figure = line(
        quotas,
        "annee",
        "valeur",
        f"Objectifs de la CIA : part atteinte chaque année, {baseline}-{latest}",
        color="indicateur",
        x_title="Année",
        y_title="Part",
        percent=True,
    )
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0})
    met = int((compared["atteinte"] == "✓ atteint").sum())
    with_target = int((compared["atteinte"] != "").sum())
    paragraph = (
        f"Le {ctx.settings.plan} prévoit un bilan à mi-parcours rendu public. Ce tableau compare "
        f"l'année {baseline} à l'année {latest} ; en {latest}, {met} des {with_target} "
        "indicateurs assortis d'un objectif l'atteignent. L'évolution d'une part est donnée en "
        "points de pourcentage."
    )
    return Section(
        "Évaluation à mi-parcours",
        [paragraph],
        [table, Chart(figure, "Parts calculées sur les attributions effectives (bail signé).")],
    )


@section
def plan_actions(ctx: ReportContext) -> Section | None:
    if ctx.extra_tables is None or "suivi_actions" not in ctx.extra_tables:
        return None
    synthese = ctx.query("plan/synthese")
    if synthese.empty or synthese["actions"].sum() == 0:
        return None
    actions = ctx.query("plan/actions")
    total = synthese[synthese["axe"] == "Ensemble du plan"].iloc[0]
    paragraph = (
        f"Sur les {fmt_int(total['actions'])} actions du plan, {fmt_int(total['fait'])} sont "
        f"faites, {fmt_int(total['partiellement_fait'])} partiellement faites et "
        f"{fmt_int(total['non_fait'])} non faites ; {fmt_int(total['realisees_annee'])} ont été "
        f"réalisées en {ctx.annee}."
    )
    no_secret = ctx.mask(synthese, [], None)  # counts of actions: no household behind them
    summary = ctx.table(
        "Avancement par axe",
        no_secret,
        {
            "axe": "text",
            "actions": "int",
            "non_fait": "int",
            "partiellement_fait": "int",
            "fait": "int",
            "realisees_annee": "int",
        },
        {
            "axe": "Axe",
            "actions": "Actions",
            "non_fait": "Non fait",
            "partiellement_fait": "Partiellement fait",
            "fait": "Fait",
            "realisees_annee": f"Réalisées en {ctx.annee}",
        },
    )
    listing = ctx.table(
        "Les actions et leur statut",
        actions.assign(statut=actions["statut"].map(STATUTS_ACTION)),
        {"annee_realisation": "text"},
        {
            "axe": "Axe",
            "thematique": "Thématique",
            "objectif": "Objectif opérationnel",
            "statut": "Statut",
            "annee_realisation": "Année",
            "dernier_commentaire": "Commentaire",
        },
    )
    long = synthese[synthese["axe"] != "Ensemble du plan"].melt(
        id_vars="axe",
        value_vars=["fait", "partiellement_fait", "non_fait"],
        var_name="statut",
        value_name="nombre",
    )
    long["statut"] = long["statut"].map(STATUTS_ACTION)
    fig = bar(
        long,
        "axe",
        "nombre",
        "Actions du plan par axe et par état d'avancement",
        color="statut",
        horizontal=True,
        x_title="Axe",
        y_title="Nombre d'actions",
        colors={"Fait": "#18753C", "Partiellement fait": "#E4794A", "Non fait": "#929292"},
    )
    return Section("Plan d'actions", [paragraph], [summary, Chart(fig), listing])


@section
def sources(ctx: ReportContext) -> Section:
    frame = ctx.query("commun/sources")
    names = {
        "demandes": "Demandes (SNE)",
        "attributions": "Attributions (SNE)",
        "logements": "Parc social (RPLS)",
        "commissions": "Commissions de coordination",
        "actions": "Plan d'actions",
    }
    listing = frame.assign(
        extrait=[
            names.get(k, k) + (f" {int(m)}" if pd.notna(m) else "")
            for k, m in zip(frame["kind"], frame["millesime"], strict=True)
        ],
        extraction=frame["date_extraction"].map(fmt_date),
    )
    table = ctx.table(
        "Extraits utilisés",
        listing,
        {"lignes": "int"},
        {
            "extrait": "Extrait",
            "fichier": "Fichier",
            "lignes": "Lignes",
            "extraction": "Date d'extraction",
        },
    )
    definitions = [
        "Demande active au 31 décembre : demande déposée au plus tard ce jour et non radiée ce "
        "jour-là.",
        "Enregistrement de l'année : demande dont la date de dépôt tombe dans l'année.",
        "Mutation : demande d'un ménage déjà locataire du parc social.",
        "Attribution de l'année : décision d'attribution datée de l'année ; attribution "
        "effective : attribution suivie de la signature d'un bail.",
        "Pression de la demande : demandes actives au 31 décembre pour une attribution de l'année.",
        "Délai d'attente : mois révolus entre le dépôt de la demande et l'attribution.",
        f"Secret statistique : les effectifs inférieurs à {ctx.threshold} sont remplacés par "
        f"« < {ctx.threshold} » et les parts calculées sur eux ne sont pas publiées.",
    ]
    return Section("Sources et définitions", definitions, [table])
