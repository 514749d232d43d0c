"""queries/prioritaires/*: what the specs' fixtures cannot express (their hand-computed
figures are in queries/prioritaires/*.yml): other settings, the gap macro, the CLI's keys."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from dashboard.db import Database
from dashboard.indicators import compute_indicators
from dashboard.settings import GroupeReservataire

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]


def lease(ident: str, contingent: str, **extra) -> dict:
    """A lease signed in 2025 in Brignais unless told otherwise."""
    return {
        "attribution_id": ident,
        "date_attribution": date(2025, 3, 1),
        "date_bail": date(2025, 4, 1),
        "contingent": contingent,
        **extra,
    }


ATTRIBUTIONS = [
    lease("E1", "PPRIOR", prioritaire="oui", bailleur="S.A. HLM Rhône"),
    lease("C1", "COLTER", prioritaire="oui"),
    lease("C2", "COLTER"),
    lease("X1", "AUTRES", prioritaire="oui", dalo="oui"),
    lease("X2", "PFONCT"),
    # a December decision leased in January: a 2025 attribution
    lease("X3", "PFONCT", date_attribution=date(2024, 12, 16), date_bail=date(2025, 1, 8)),
    # a decision without lease: no attribution
    {"attribution_id": "N1", "date_attribution": date(2025, 3, 1), "contingent": "PFONCT"},
]


@pytest.fixture
def db(make_db):
    return make_db(attributions=ATTRIBUTIONS)


def with_groups(db: Database, groupes: tuple[GroupeReservataire, ...]) -> Database:
    return Database(db.path, dataclasses.replace(db.settings, groupes_reservataires=groupes))


def groups_of(db: Database, run_query, name: str) -> dict[str, dict]:
    frame = run_query(db, name, annee_debut=2025, annee_fin=2025, communes=TERRITOIRE)
    return {row["groupe"]: row for row in frame[frame["annee"].isna()].to_dict("records")}


def test_every_group_of_the_settings_is_followed(db, run_query):
    # « Autre » is followed like the others, and a group added to the settings (the
    # Département, taking PFONCT away from « Autre ») gets its row, its target and its
    # breakdown: nothing is hard-coded.
    kept = [
        dataclasses.replace(g, contingents=("AUTRES",)) if g.code == "autre" else g
        for g in db.settings.groupes_reservataires
    ]
    added = GroupeReservataire("departement", "Département", 0.3, ("PFONCT",), "Priorités")
    groupes = (*kept, added)
    custom = with_groups(db, groupes)
    try:
        groups = groups_of(custom, run_query, "prioritaires/quotas")
        split = run_query(
            custom,
            "attributions/repartition",
            annee_debut=2025,
            annee_fin=2025,
            communes=TERRITOIRE,
        )
    finally:
        custom.close()
    assert list(groups) == [*(g.code for g in groupes), "total"]
    assert (groups["autre"]["attributions"], groups["autre"]["prioritaires"]) == (1, 1)
    departement = groups["departement"]
    assert (departement["groupe_nom"], departement["attributions"]) == ("Département", 2)
    assert departement["objectif"] == pytest.approx(0.3) and departement["priorites"]
    # ceil(0,3 × 2) = 1 prioritaire manquant
    assert departement["ecart"] == 1 and departement["atteint"] is False
    by_group = split[split["dimension"] == "reservataire"].set_index("groupe")["attributions"]
    assert by_group.to_dict() == {
        "etat": 1,
        "collectivites": 2,
        "action_logement": 0,
        "bailleurs": 0,
        "autre": 1,
        "departement": 2,
    }


def test_contingent_outside_the_settings_is_unclassified(db, run_query):
    # « Autre » no longer lists PFONCT: X2 and X3 fall in « Non classé », with no target; the
    # total still counts them.
    groupes = tuple(
        dataclasses.replace(g, contingents=("AUTRES",)) if g.code == "autre" else g
        for g in db.settings.groupes_reservataires
    )
    custom = with_groups(db, groupes)
    try:
        groups = groups_of(custom, run_query, "prioritaires/quotas")
    finally:
        custom.close()
    assert list(groups)[-2:] == ["non_classe", "total"]
    other = groups["non_classe"]
    assert (other["groupe_nom"], other["attributions"], other["prioritaires"]) == (
        "Non classé",
        2,
        0,
    )
    assert pd.isna(other["objectif"]) and pd.isna(other["atteint"])
    assert (groups["autre"]["attributions"], groups["total"]["attributions"]) == (1, 6)


@pytest.mark.parametrize(
    ("objectif", "effectif", "realise", "ecart", "atteint"),
    [
        (0.425, 40, 17, 0, True),  # 17 is exactly 42.5 % of 40
        (0.425, 40, 16, 1, False),
        (0.07, 100, 7, 0, True),  # 0.07 × 100 = 7.000000000000001 in floating point
        (0.25, 3, 0, 1, False),  # ceil(0.75) = 1
        (0.25, 4, 3, 0, True),  # above the target: no negative gap
        (0.25, 0, 0, 0, None),  # nothing to measure
    ],
)
def test_gap_to_target(db, objectif, effectif, realise, ecart, atteint):
    with db.cursor() as cursor:
        got = cursor.execute(
            "SELECT ecart_objectif($o, $n, $r), objectif_atteint($o, $n, $r)",
            {"o": objectif, "n": effectif, "r": realise},
        ).fetchall()
    assert got == [(ecart, atteint)]


def test_cil_indicateurs_keys(db):
    values = compute_indicators(db, 2025, None)
    groups = values["prioritaires"]
    assert list(groups) == [
        "etat",
        "collectivites",
        "action_logement",
        "bailleurs",
        "autre",
        "total",
    ]
    assert groups["collectivites"] == {
        "attributions": 2,
        "prioritaires": 1,
        "taux": 0.5,
        "objectif": 0.25,
    }
    assert groups["action_logement"]["taux"] is None  # no attribution: no rate
    assert isinstance(groups["total"]["attributions"], int)
    # one key per bailleur; a dot in a bailleur's name does not split its key
    assert values["prioritaires_par_bailleur"] == {
        "Bailleur A": {"attributions": 5, "prioritaires": 2, "taux": 0.4},
        "S.A. HLM Rhône": {"attributions": 1, "prioritaires": 1, "taux": 1.0},
    }
    # none of the leases is first quartile, relocated, or in a QPV
    assert values["part_q1_hors_qpv"] == 0.0
    assert values["part_hors_q1_en_qpv"] is None
    # the builders' default motif is 09 (logement trop cher): the three prioritaires count
    assert values["part_situations_cia_parmi_prioritaires"] == 1.0
