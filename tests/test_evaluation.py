"""The plan's evaluation: its calendar from the settings, its rows from the catalogue (every
réservataire group of the settings), its figures by hand on a small database, and the same
masking as the rest of the report (the publication)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from dashboard import evaluation
from dashboard.db import Database
from dashboard.report.context import ReportContext
from dashboard.results import fetch
from dashboard.settings import GroupeReservataire, get_settings
from tests.builders import build_db

SETTINGS = get_settings()


def test_calendar_of_the_plan():
    calendar = evaluation.Calendar(SETTINGS.plan, 2026, 2032)
    assert (calendar.baseline, calendar.midterm, calendar.final) == (2025, 2029, 2032)
    assert calendar.compared(2024) == []
    assert "commence avec les chiffres de 2025" in calendar.words(2024)
    assert calendar.compared(2025) == [2025]
    assert calendar.compared(2027) == [2025, 2027]
    assert calendar.compared(2029) == [2025, 2029]
    assert calendar.compared(2030) == [2025, 2029, 2030]
    assert calendar.compared(2032) == [2025, 2029, 2032]
    assert calendar.trajectory(2027) == [2025, 2026, 2027]
    assert [calendar.stage(y) for y in (2024, 2025, 2028, 2029, 2032)] == [
        "avant",
        "reference",
        "reference",
        "mi_parcours",
        "finale",
    ]
    words = calendar.words(2025)
    assert "année de référence est 2025" in words and "mi-parcours est dû en 2029" in words
    assert "n'est pas encore dû" in words and "évaluation finale en 2032" in words


def test_every_group_of_the_settings_is_followed():
    rows = evaluation.followed_rows(SETTINGS)
    quotas = [r for r in rows if r.entry.name == "prioritaires/quotas"]
    assert [r.where["groupe"] for r in quotas] == [
        "total",
        *(g.code for g in SETTINGS.groupes_reservataires),
    ]
    assert "autre" in [r.where["groupe"] for r in quotas]
    assert quotas[-1].label({}) == "dont Autre"
    # another EPCI's groups: their rows follow, nothing is written for the CCVG's
    other = dataclasses.replace(
        SETTINGS,
        groupes_reservataires=(
            GroupeReservataire("etat", "État", 1.0, ("PPRIOR",)),
            GroupeReservataire("departement", "Département", 0.3, ("COLTER",)),
        ),
    )
    names = [r.label({}) for r in evaluation.followed_rows(other) if r.where.get("groupe")]
    assert names[1:] == ["dont État", "dont Département"]


def _lease(i: int, contingent: str, prioritaire: bool, decided: date, lease: date | None) -> dict:
    return {
        "attribution_id": f"A{i}",
        "contingent": contingent,
        "prioritaire": "oui" if prioritaire else "non",
        "date_attribution": decided,
        "date_bail": lease or "",
    }


ROWS = dict(
    demandes=[
        {"demande_id": "D1", "date_depot": date(2024, 2, 1)},
        {"demande_id": "D2", "date_depot": date(2025, 3, 1), "logement_actuel": "HLM"},
        {
            "demande_id": "D3",
            "date_depot": date(2023, 1, 1),
            "date_radiation": date(2025, 6, 1),
            "motif_radiation": "RADABA",
        },
    ],
    attributions=[
        # État (PPRIOR): 4 leases in 2025, all prioritaires
        *(_lease(i, "PPRIOR", True, date(2025, 3, i), date(2025, 4, i)) for i in range(1, 5)),
        # Collectivités (COLTER): 4 leases, 1 prioritaire
        *(_lease(i, "COLTER", i == 5, date(2025, 5, i), date(2025, 6, i)) for i in range(5, 9)),
        # Autre (AUTRES and PFONCT): 5 leases in 2025, 1 prioritaire
        _lease(9, "AUTRES", False, date(2025, 2, 1), date(2025, 2, 20)),
        _lease(10, "PFONCT", False, date(2025, 2, 2), date(2025, 2, 21)),
        _lease(11, "AUTRES", True, date(2024, 12, 15), date(2025, 1, 10)),  # decided in 2024
        _lease(14, "AUTRES", False, date(2025, 7, 1), date(2025, 7, 30)),
        _lease(15, "AUTRES", False, date(2025, 8, 1), date(2025, 8, 30)),
        # not leases of 2025: a decision without a lease, a lease signed in January 2026
        _lease(12, "AUTRES", True, date(2025, 11, 1), None),
        _lease(13, "AUTRES", True, date(2025, 12, 20), date(2026, 1, 5)),
        # one lease in 2021
        _lease(16, "PPRIOR", True, date(2021, 5, 1), date(2021, 5, 20)),
    ],
)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Database:
    db = build_db(tmp_path_factory.mktemp("evaluation"), **ROWS)
    yield db
    db.close()


def _evaluate(db: Database, threshold: int, settings=SETTINGS, year: int = 2025):
    with db.cursor() as cursor:

        def fetch_figures(name, optional=False, **params):
            return fetch(cursor, name, threshold, **params)

        return evaluation.evaluate(fetch_figures, settings, year)


def _by_label(ev: evaluation.Evaluation, year: int) -> dict[str, evaluation.Cell]:
    return {r.label({"annee": year}): ev.cell(r, year) for r in ev.rows}


def test_figures_by_hand_for_members(small_db):
    ev = _evaluate(small_db, 0)
    assert ev.years == [2025]  # the baseline of the 2026-2032 plan
    cells = _by_label(ev, 2025)
    # leases of 2025: État 4 (4 prioritaires), Collectivités 4 (1), Autre 5 (A11's lease is of
    # January 2025 although decided in 2024; A12 has no lease, A13's is of 2026): 13, 6
    assert cells["Attributions (baux signés dans l'année)"].value == 13
    assert cells["Baux aux ménages prioritaires, tous réservataires"].value == pytest.approx(6 / 13)
    assert cells["dont État"].value == pytest.approx(1.0)
    assert cells["dont Collectivités"].value == pytest.approx(1 / 4)
    autre = cells["dont Autre"]
    assert autre.value == pytest.approx(1 / 5) and autre.target == pytest.approx(0.25)
    assert evaluation.attainment(autre, True) == evaluation.MISSED
    assert evaluation.attainment(cells["dont Collectivités"], True) == evaluation.MET  # 25 %
    assert cells["dont Action Logement"].value is None and not cells["dont Action Logement"].hidden
    # demands: D1 and D2 active at the end of 2025 (D3 radiated), D2 filed in 2025, in mutation
    assert cells["Demandes actives au 31/12"].value == 2
    assert cells["Demandes enregistrées dans l'année"].value == 1
    assert cells["Part des mutations dans la demande"].value == pytest.approx(1 / 2)
    assert cells["Pression : demandes pour une attribution"].value == pytest.approx(2 / 13)
    table = ev.table().set_index("Indicateur")
    assert table.loc["dont Autre", "2025 (référence)"] == "20,0\u00a0%"
    assert table.loc["dont Autre", "Objectif en 2025"] == "✗ non atteint"
    counts = ev.attainment_counts()
    # targets: total (met), État (met), Collectivités (met), AL and Bailleurs (no lease), Autre
    assert counts == {"objectifs": 6, "atteint": 3, "secret": 0, "sans_valeur": 2}


def test_mid_term_compares_the_baseline_with_the_mid_term_year(small_db):
    settings = dataclasses.replace(SETTINGS, plan_debut=2022, plan_fin=2028)
    ev = _evaluate(small_db, 0, settings)
    assert ev.years == [2021, 2025]  # baseline 2021, mid-term 2025
    assert ev.trajectory_years == [2021, 2022, 2023, 2024, 2025]
    table = ev.table().set_index("Indicateur")
    row = table.loc["Baux aux ménages prioritaires, tous réservataires"]
    # 2021: A16 alone, 1 of 1; 2025: 6 of 13 → 46,2 % - 100 % = -53,8 points
    assert row["2021 (référence)"] == "100,0\u00a0%" and row["2025 (mi-parcours)"] == "46,2\u00a0%"
    assert row["Évolution 2021-2025"] == "-53,8\u00a0point"
    trajectory = ev.trajectory(with_target=True)
    total = trajectory[trajectory["indicateur"] == row.name]
    assert total["annee"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert total["valeur"].isna().tolist() == [False, True, True, True, False]


def test_the_report_masks_a_group_in_both_sections(demo_db):
    """The leak of issue 12: the report masked Collectivités' prioritaires as « < 11 » in its
    CIA section and printed their share in its mid-term table. Both read the publication."""
    database = Database(demo_db)
    try:
        ctx = ReportContext(database, 2025, database.settings)
        ev = evaluation.evaluate(ctx.fetch, database.settings, 2025)
        quotas = ctx.fetch("prioritaires/quotas", annee_debut=2025, annee_fin=2025)
        with database.cursor() as cursor:
            exact = fetch(
                cursor,
                "prioritaires/quotas",
                0,
                annee_debut=2025,
                annee_fin=2025,
                communes=database.settings.insee_codes,
            )
    finally:
        database.close()
    table = ev.table()
    checked = 0
    for row in ev.rows:
        if row.entry.name != "prioritaires/quotas":
            continue
        group = row.where["groupe"]
        published = quotas.row(annee=None, groupe=group)
        cell = ev.cell(row, 2025)
        assert cell.hidden == quotas.hidden(published, "taux"), group
        if quotas.hidden(published, "prioritaires"):
            checked += 1
            assert cell.hidden and cell.value is None
            share = exact.text(exact.row(annee=None, groupe=group), "taux")
            shown = table[table["Indicateur"] == row.label({})]
            assert share not in shown.to_string(), (group, share)
    # the sentence counts only what can be compared with its target
    counts = ev.attainment_counts()
    assert counts["secret"] == sum(
        ev.cell(r, 2025).hidden for r in ev.rows if ev.cell(r, 2025).target is not None
    )
    assert checked >= 2  # Collectivités and Bailleurs at least, on the demo database
