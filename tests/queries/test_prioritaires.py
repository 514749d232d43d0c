"""queries/prioritaires/*: expected figures computed by hand from the rows below.

Targets from data/territoire.toml: État 100 %, the other groups 25 %, all together 42.5 %;
three local situations 50 % of prioritaire attributions; first quartile 25 % outside QPV.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from dashboard.db import Database
from dashboard.indicators import compute_indicators

TERRITOIRE = ["69027", "69043", "69133", "69136", "69268"]
BRIGNAIS, CHAPONOST, MILLERY, MONTAGNY, VOURLES = TERRITOIRE
# the settings' groups in their order, then the total
GROUPES = ["etat", "collectivites", "action_logement", "bailleurs", "autre", "total"]
D25 = date(2025, 3, 1)
BAIL = date(2025, 4, 1)


def attribution(ident: str, contingent: str, **extra) -> dict:
    """An effective attribution of 2025 in Brignais unless told otherwise."""
    return {
        "attribution_id": ident,
        "date_attribution": D25,
        "date_bail": BAIL,
        "contingent": contingent,
        **extra,
    }


ATTRIBUTIONS = [
    # État (PPRIOR): 2 effective, both prioritaire -> 2/2 = 100 %, exactly its target.
    # E1: hotel (sans logement propre) AND motif 09 (logement trop cher): two situations.
    attribution("E1", "PPRIOR", prioritaire="oui", logement_actuel="HOT", motif="09"),
    # E2: motif 08 (raisons de santé): one situation.
    attribution("E2", "PPRIOR", prioritaire="oui", logement_actuel="LP", motif="08"),
    # No lease signed: not counted anywhere (else État would be 3/4 = 75 %, below target).
    attribution("E3", "PPRIOR", date_bail=""),
    attribution("E4", "PPRIOR", date_bail="", prioritaire="oui", dalo="oui", logement_actuel="HOT"),
    # An État attribution of 2024: counted in 2024 only.
    attribution("E6", "PPRIOR", date_attribution=date(2024, 6, 1), date_bail=date(2024, 7, 1)),
    # Collectivités (COLTER): 4 effective, 1 prioritaire -> 1/4 = 25 %, exactly its target.
    # C1 carries no situation of its own: its linked demand says « chez ses parents » (CPE),
    # a « sans logement propre » situation.
    attribution("C1", "COLTER", prioritaire="oui", demande_id="D1", logement_actuel="", motif=""),
    attribution("C2", "COLTER"),
    attribution("C3", "COLTER"),
    attribution("C4", "COLTER"),
    # Action Logement (COLACT): no attribution at all.
    # Bailleurs (AUCUN): 3 effective, none prioritaire -> 0 %; B1 is in a situation (motif 09)
    # but not prioritaire: outside the CIA rule's scope. B3 is in Chaponost.
    attribution("B1", "AUCUN", motif="09"),
    attribution("B2", "AUCUN"),
    attribution("B3", "AUCUN", commune=CHAPONOST),
    # Autre: two contingents of one group; X1 prioritaire and DALO, X2 not -> 1/2 = 50 %.
    attribution("X1", "AUTRES", prioritaire="oui", dalo="oui", logement_actuel="HLM", motif="03"),
    attribution("X2", "PFONCT"),
]
DEMANDES = [
    {"demande_id": "D1", "date_depot": date(2023, 1, 10), "logement_actuel": "CPE", "motif": "13"}
]


@pytest.fixture
def db(make_db):
    return make_db(demandes=DEMANDES, attributions=ATTRIBUTIONS)


def rows_by_group(frame: pd.DataFrame, annee: int | None = None) -> dict[str, dict]:
    part = frame[frame["annee"].isna()] if annee is None else frame[frame["annee"] == annee]
    return {row["groupe"]: row for row in part.to_dict("records")}


def test_quotas_per_group_of_one_year(db, run_query):
    frame = run_query(
        db, "prioritaires/quotas", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    groups = rows_by_group(frame)
    assert list(groups) == GROUPES
    etat = groups["etat"]
    # E1, E2 (E3, E4 have no lease; E6 is of 2024): 2 prioritaires out of 2 = the 100 % target
    assert (etat["attributions"], etat["prioritaires"]) == (2, 2)
    assert etat["taux"] == pytest.approx(1.0)
    assert etat["objectif"] == pytest.approx(1.0)
    assert etat["ecart"] == 0 and etat["atteint"] is True
    assert etat["dalo"] == 0  # E4 is DALO but has no lease
    coll = groups["collectivites"]
    # 1 prioritaire out of 4 = 25 %: exactly the target, met
    assert (coll["attributions"], coll["prioritaires"]) == (4, 1)
    assert coll["taux"] == pytest.approx(0.25)
    assert coll["ecart"] == 0 and coll["atteint"] is True
    # no attribution: no rate (shown « — »), nothing to meet, not an error
    al = groups["action_logement"]
    assert (al["attributions"], al["prioritaires"]) == (0, 0)
    assert pd.isna(al["taux"]) and pd.isna(al["atteint"])
    assert al["objectif"] == pytest.approx(0.25) and al["ecart"] == 0
    # 0 prioritaire out of 3: 0 % (a real zero); ceil(0.25 × 3) = 1 missing
    bailleurs = groups["bailleurs"]
    assert (bailleurs["attributions"], bailleurs["prioritaires"]) == (3, 0)
    assert bailleurs["taux"] == pytest.approx(0.0)
    assert bailleurs["ecart"] == 1 and bailleurs["atteint"] is False
    # AUTRES and PFONCT both belong to « Autre »: 1/2
    autre = groups["autre"]
    assert (autre["attributions"], autre["prioritaires"], autre["dalo"]) == (2, 1, 1)
    assert autre["taux"] == pytest.approx(0.5) and autre["atteint"] is True
    # all groups: 2 + 4 + 0 + 3 + 2 = 11 effective, 2 + 1 + 0 + 0 + 1 = 4 prioritaires;
    # 4/11 = 36.4 % < 42.5 %; ceil(0.425 × 11 = 4.675) = 5, so 1 missing
    total = groups["total"]
    assert (total["attributions"], total["prioritaires"], total["dalo"]) == (11, 4, 1)
    assert total["groupe_nom"] == "Tous réservataires"
    assert total["taux"] == pytest.approx(4 / 11)
    assert total["objectif"] == pytest.approx(0.425)
    assert total["ecart"] == 1 and total["atteint"] is False


def test_quotas_over_two_years(db, run_query):
    frame = run_query(
        db, "prioritaires/quotas", annee_debut=2024, annee_fin=2025, communes=TERRITOIRE
    )
    # one row per (year, group) with the total, then the period's rows: (2 + 1) × 6
    assert len(frame) == 18
    y2024 = rows_by_group(frame, 2024)
    assert (y2024["etat"]["attributions"], y2024["etat"]["prioritaires"]) == (1, 0)  # E6
    assert y2024["etat"]["atteint"] is False and y2024["etat"]["ecart"] == 1
    assert y2024["collectivites"]["attributions"] == 0
    assert pd.isna(y2024["collectivites"]["taux"])
    assert y2024["total"]["attributions"] == 1
    assert rows_by_group(frame, 2025)["total"]["attributions"] == 11
    period = rows_by_group(frame)
    # État over both years: E1, E2, E6 -> 2/3; ceil(1.0 × 3) - 2 = 1 missing
    assert (period["etat"]["attributions"], period["etat"]["prioritaires"]) == (3, 2)
    assert period["etat"]["taux"] == pytest.approx(2 / 3)
    assert period["etat"]["ecart"] == 1
    # all: 12 effective, 4 prioritaires; ceil(0.425 × 12 = 5.1) = 6, so 2 missing
    assert (period["total"]["attributions"], period["total"]["prioritaires"]) == (12, 4)
    assert period["total"]["ecart"] == 2


def test_quotas_follow_the_commune_filter(db, run_query):
    frame = run_query(
        db, "prioritaires/quotas", annee_debut=2025, annee_fin=2025, communes=[BRIGNAIS]
    )
    groups = rows_by_group(frame)
    # B3 is in Chaponost: Brignais has B1, B2 -> ceil(0.25 × 2) = 1 missing
    assert groups["bailleurs"]["attributions"] == 2
    assert groups["bailleurs"]["ecart"] == 1
    assert groups["total"]["attributions"] == 10


def test_contingent_outside_the_settings_is_unclassified(db, run_query):
    # Settings where « Autre » no longer lists PFONCT: X2 falls in « Non classé », with no
    # target; the total still counts it.
    settings = db.settings
    groupes = tuple(
        dataclasses.replace(g, contingents=("AUTRES",)) if g.code == "autre" else g
        for g in settings.groupes_reservataires
    )
    custom = Database(db.path, dataclasses.replace(settings, groupes_reservataires=groupes))
    try:
        frame = run_query(
            custom, "prioritaires/quotas", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
        )
    finally:
        custom.close()
    groups = rows_by_group(frame)
    assert list(groups)[-2:] == ["non_classe", "total"]
    other = groups["non_classe"]
    assert (other["groupe_nom"], other["attributions"], other["prioritaires"]) == (
        "Non classé",
        1,
        0,
    )
    assert pd.isna(other["objectif"]) and pd.isna(other["atteint"])
    assert (groups["autre"]["attributions"], groups["total"]["attributions"]) == (1, 11)


def test_situations_cia(db, run_query):
    frame = run_query(
        db, "prioritaires/situations_cia", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    rows = {row["situation"]: row for row in frame.to_dict("records")}
    assert list(rows) == [
        "sans_logement_propre",
        "logement_trop_cher",
        "probleme_sante",
        "ensemble",
    ]
    # effective prioritaire attributions: E1, E2, C1, X1 = 4 (E4 has no lease, B1 is not
    # prioritaire)
    assert {row["prioritaires"] for row in rows.values()} == {4}
    # E1 (hotel) and C1 (CPE, from its linked demand)
    assert rows["sans_logement_propre"]["attributions"] == 2
    assert rows["logement_trop_cher"]["attributions"] == 1  # E1 (motif 09)
    assert rows["probleme_sante"]["attributions"] == 1  # E2 (motif 08)
    assert rows["probleme_sante"]["part"] == pytest.approx(1 / 4)
    assert pd.isna(rows["probleme_sante"]["objectif"])
    # at least one situation: E1 (counted once though in two situations), E2, C1 -> 3/4,
    # while the situations add up to 4
    ensemble = rows["ensemble"]
    assert ensemble["attributions"] == 3
    assert ensemble["part"] == pytest.approx(3 / 4)
    assert ensemble["objectif"] == pytest.approx(0.5)
    assert ensemble["ecart"] == 0 and ensemble["atteint"] is True


def test_situations_cia_exactly_at_target_and_without_prioritaire(make_db, run_query):
    db = make_db(
        attributions=[
            attribution("P1", "PPRIOR", prioritaire="oui", logement_actuel="SH", motif="01"),
            attribution("P2", "PPRIOR", prioritaire="oui", logement_actuel="LP", motif="13"),
        ]
    )
    frame = run_query(
        db, "prioritaires/situations_cia", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    ensemble = frame[frame["situation"] == "ensemble"].to_dict("records")[0]
    # P1 only (structure d'hébergement, and motif 01 of the same situation): 1/2 = 50 %
    assert (ensemble["attributions"], ensemble["prioritaires"]) == (1, 2)
    assert ensemble["atteint"] is True and ensemble["ecart"] == 0
    assert frame[frame["situation"] == "sans_logement_propre"]["attributions"].item() == 1
    # a year with no prioritaire attribution: no share, not an error
    empty = run_query(
        db, "prioritaires/situations_cia", annee_debut=2024, annee_fin=2024, communes=TERRITOIRE
    )
    row = empty[empty["situation"] == "ensemble"].to_dict("records")[0]
    assert (row["attributions"], row["prioritaires"]) == (0, 0)
    assert pd.isna(row["part"]) and pd.isna(row["atteint"])


Q1_ATTRIBUTIONS = [
    # Brignais, outside QPV, effective: 4, of which 1 first quartile and 1 ANRU -> 2/4
    attribution("Q1", "AUCUN", quartile_1="oui"),
    attribution("Q2", "AUCUN", relogement_anru="oui"),
    attribution("Q3", "AUCUN"),
    attribution("Q4", "AUCUN"),
    # in QPV: outside the rule
    attribution("Q5", "AUCUN", quartile_1="oui", qpv="oui"),
    # no lease: not counted
    attribution("Q6", "AUCUN", quartile_1="oui", date_bail=""),
    # Chaponost: 1 out of 4 = 25 %, exactly the target
    attribution("Q7", "AUCUN", commune=CHAPONOST, quartile_1="oui"),
    *(attribution(f"Q{i}", "AUCUN", commune=CHAPONOST) for i in (8, 9, 10)),
    # Montagny: 0 out of 3; ceil(0.75) = 1 missing
    *(attribution(f"Q{i}", "AUCUN", commune=MONTAGNY) for i in (11, 12, 13)),
    # Millery and Vourles: none
]


def test_first_quartile_outside_qpv(make_db, run_query):
    db = make_db(attributions=Q1_ATTRIBUTIONS)
    frame = run_query(
        db, "prioritaires/q1_hors_qpv", annee_debut=2025, annee_fin=2025, communes=TERRITOIRE
    )
    rows = {row["commune"]: row for row in frame.to_dict("records")}
    assert list(rows) == [*TERRITOIRE, "total"]
    assert (rows[BRIGNAIS]["attributions"], rows[BRIGNAIS]["premier_quartile"]) == (4, 2)
    assert rows[BRIGNAIS]["part"] == pytest.approx(0.5)
    assert (rows[CHAPONOST]["attributions"], rows[CHAPONOST]["premier_quartile"]) == (4, 1)
    assert rows[CHAPONOST]["part"] == pytest.approx(0.25)
    assert rows[CHAPONOST]["atteint"] is True and rows[CHAPONOST]["ecart"] == 0
    assert rows[MONTAGNY]["part"] == pytest.approx(0.0)
    assert rows[MONTAGNY]["atteint"] is False and rows[MONTAGNY]["ecart"] == 1
    assert rows[MILLERY]["attributions"] == 0 and pd.isna(rows[MILLERY]["part"])
    assert pd.isna(rows[VOURLES]["atteint"])
    # all: 4 + 4 + 3 = 11, first quartile 2 + 1 = 3 -> 27.3 %; ceil(2.75) = 3: met
    total = rows["total"]
    assert (total["commune_nom"], total["attributions"], total["premier_quartile"]) == (
        "Ensemble",
        11,
        3,
    )
    assert total["part"] == pytest.approx(3 / 11)
    assert total["objectif"] == pytest.approx(0.25)
    assert total["atteint"] is True and total["ecart"] == 0
    # one commune chosen: its row and a total equal to it
    one = run_query(
        db, "prioritaires/q1_hors_qpv", annee_debut=2025, annee_fin=2025, communes=[MONTAGNY]
    )
    assert one["commune"].tolist() == [MONTAGNY, "total"]
    assert one["attributions"].tolist() == [3, 3]


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
    assert list(groups) == GROUPES
    assert groups["collectivites"] == {
        "attributions": 4,
        "prioritaires": 1,
        "taux": 0.25,
        "objectif": 0.25,
    }
    assert groups["action_logement"]["taux"] is None  # no attribution: no rate
    assert groups["total"]["attributions"] == 11
    assert isinstance(groups["total"]["attributions"], int)
    assert values["part_situations_cia_parmi_prioritaires"] == pytest.approx(3 / 4)
    # first quartile: no attribution of the fixture is first quartile or ANRU; 11 outside QPV
    assert values["part_q1_hors_qpv"] == pytest.approx(0.0)
