"""queries/commissions/*: what the specs' fixtures cannot express (their hand-computed figures
are in queries/commissions/*.yml): the rhythm's target from the settings, the CLI's keys."""

from __future__ import annotations

import dataclasses
from datetime import date

from dashboard.db import Database
from dashboard.indicators import compute_indicators

COMMISSIONS = [
    {"date_commission": date(2025, 2, 1), "dossier_id": "K1", "issue": "bail_signe"},
    {"date_commission": date(2025, 2, 1), "dossier_id": "K2", "issue": "refus"},
    {"date_commission": date(2025, 5, 1), "dossier_id": "K3", "issue": "bail_signe"},
    {"date_commission": date(2025, 11, 3), "dossier_id": "K4", "issue": "en_cours"},
]


def test_cil_indicateurs_commissions(make_db):
    db = make_db(commissions=COMMISSIONS)
    values = compute_indicators(db, 2025, None)
    assert values["commissions"] == {"nombre": 3, "dossiers": 4, "baux_signes": 2}
    assert isinstance(values["commissions"]["dossiers"], int)


def test_the_rhythm_follows_the_settings(make_db, run_query):
    db = make_db(commissions=COMMISSIONS)
    twice = Database(db.path, dataclasses.replace(db.settings, commissions_par_trimestre=2))
    try:
        frame = run_query(twice, "commissions/rythme", annee_debut=2025, annee_fin=2025)
    finally:
        twice.close()
    year = frame[frame["annee"] == 2025].iloc[0]
    # two a quarter: 8 expected; no quarter had two (the 1st had one meeting, two cases)
    assert (year["objectif"], year["trimestres_tenus"], year["trimestres_manques"]) == (8, 0, 4)
