"""The `cil` command as the project lead uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from dashboard.settings import REPO_DIR
from tests.builders import write_extract


def cil(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args], capture_output=True, text=True, cwd=REPO_DIR
    )


def test_import_refused_exits_2_with_french_message(tmp_path):
    path = write_extract(tmp_path, "demandes", [{"demande_id": "D1", "date_depot": "hier"}])
    result = cil("import", "demandes", str(path), "--db", str(tmp_path / "b.duckdb"))
    assert result.returncode == 2
    assert "demandes.csv, ligne 2, colonne date_depot, valeur « hier »" in result.stderr
    assert not (tmp_path / "b.duckdb").exists()


def test_unknown_commune_is_refused(demo_db):
    result = cil("indicateurs", "--db", str(demo_db), "--annee", "2025", "--commune", "69123")
    assert result.returncode == 2 and "Commune inconnue du territoire : 69123" in result.stderr


def test_import_then_indicators(tmp_path):
    db = str(tmp_path / "b.duckdb")
    rows = [
        {"demande_id": "D1", "date_depot": date(2024, 5, 1)},
        {"demande_id": "D2", "date_depot": date(2025, 5, 1), "communes_souhaitees": "69043"},
    ]
    result = cil(
        "import",
        "demandes",
        str(write_extract(tmp_path, "demandes", rows)),
        "--db",
        db,
        "--date-extraction",
        "15/01/2026",
    )
    assert result.returncode == 0, result.stderr
    assert "2 lignes importées" in result.stdout
    values = json.loads(cil("indicateurs", "--db", db, "--annee", "2025").stdout)
    assert values["demandes_actives"] == 2
    assert values["enregistrements"] == 1
    one = json.loads(cil("indicateurs", "--db", db, "--annee", "2025", "--commune", "69043").stdout)
    assert one["demandes_actives"] == 1
    csv = cil("indicateurs", "--db", db, "--annee", "2025", "--format", "csv").stdout.splitlines()
    assert csv[0] == "indicateur;valeur" and "demandes_actives;2" in csv
    # the public figures: two demands, each under the threshold in its commune
    public = json.loads(
        cil("indicateurs", "--db", db, "--annee", "2025", "--commune", "69043", "--public").stdout
    )
    assert public["demandes_actives"] is None and "demandes_actives" in public["masques"]


def test_missing_database_is_explained(tmp_path):
    result = cil("indicateurs", "--db", str(tmp_path / "absente.duckdb"), "--annee", "2025")
    assert result.returncode == 3 and "introuvable" in result.stderr


def test_demo_is_calibrated_on_the_plan(demo_db):
    """The demo database went through the import; its figures match what the PPGDID reports."""
    values = json.loads(cil("indicateurs", "--db", str(demo_db), "--annee", "2025").stdout)
    assert values["annee"] == 2025
    from dashboard.db import Database

    db = Database(demo_db)
    with db.cursor() as cur:
        mutation = cur.execute(
            "SELECT avg(est_mutation::INT) FROM demandes_actives(DATE '2025-12-31')"
        ).fetchall()[0][0]
        commissions, housed = cur.execute(
            "SELECT count(DISTINCT date_commission), avg(bail_signe::INT) FROM stg_commissions "
            "WHERE annee >= 2019"
        ).fetchall()[0]
        dwellings, brignais = cur.execute(
            "SELECT count(*), avg((depcom = '69027')::INT) FROM logements WHERE millesime = 2025"
        ).fetchall()[0]
    db.close()
    # the guichets' activity, whatever the communes sought: « 55 enregistrements contre 124 »
    assert values["enregistrements_par_guichet"] == {"CCVG": 124, "DFRH": 55}
    # « les enregistrements sur le Portail Grand Public restent majoritaires »
    assert values["part_enregistrements_en_ligne"] > 0.5
    # « 978 toujours en file active »
    assert 930 <= values["demandes_actives_par_guichet"]["CCVG"] <= 1030
    assert 0.42 <= mutation <= 0.48  # « près de 45 % des demandes à fin 2025 »
    assert commissions == 26 and 0.4 <= housed <= 0.6  # « près de la moitié »
    assert 1600 <= dwellings <= 1700 and 0.57 <= brignais <= 0.63


def test_a_larger_extract_needs_an_explicit_size_limit(tmp_path):
    from tests.corpus.cases import big_file

    big = tmp_path / "demandes.csv"
    big_file(2)(big)
    db = tmp_path / "b.duckdb"
    refused = cil("import", "demandes", str(big), "--db", str(db), "--taille-max", "1")
    assert refused.returncode == 2
    assert "trop volumineux (2 Mo, au plus 1 Mo" in refused.stderr
    assert "--taille-max 3" in refused.stderr and not db.exists()
    accepted = cil("import", "demandes", str(big), "--db", str(db), "--taille-max", "3")
    assert accepted.returncode == 0, accepted.stderr
