"""What the specs' fixtures (queries/enregistrements/*.yml) cannot say: the import keeps a
demand registered by a guichet of the territory for a commune outside it, says so, and
`cil indicateurs` writes the guichets' activity under its keys, from the fixture's demands
(queries/enregistrements/fixtures/demandes.yaml, where each is described)."""

from __future__ import annotations

from pathlib import Path

import yaml

from dashboard.indicators import compute_indicators
from dashboard.settings import QUERIES_DIR
from tests.builders import write_extract

ROWS = yaml.safe_load(
    (QUERIES_DIR / "enregistrements/fixtures/demandes.yaml").read_text(encoding="utf-8")
)


def test_the_import_keeps_demands_for_communes_outside(tmp_path: Path, make_db):
    from dashboard.importer import import_file

    path = write_extract(tmp_path, "demandes", ROWS["demandes"])
    report = import_file("demandes", path, tmp_path / "seule.duckdb", publish=False)
    assert report.rows == 13
    # E9 (CCVG, Lyon) and E13 (DFRH, Givors): kept, both registered by a guichet of the
    # territory
    assert any(
        w.startswith("2 demandes souhaitent en premier une commune hors du territoire")
        and "2 d'entre elles, enregistrées par un guichet du territoire" in w
        for w in report.warnings
    ), report.warnings


def test_indicator_keys(make_db):
    db = make_db(**ROWS)
    values = compute_indicators(db, 2025, None)
    # 2025: E8 and E9 (Lyon) at the CCVG, none at DFRH; active: E3, E8, E9 / E4, E13
    assert values["enregistrements_par_guichet"] == {"CCVG": 2, "DFRH": 0}
    assert values["demandes_actives_par_guichet"] == {"CCVG": 3, "DFRH": 2}
    assert values["radiations_par_motif"] == {
        "RADATT": 1,
        "RADREN": 0,
        "RADABA": 1,
        "RADCON": 0,
        "RADIRR": 1,
    }
    assert values["part_enregistrements_en_ligne"] == 3 / 5
    assert values["profil"]["typologie"] == {
        "C et T1": 2,
        "T2": 1,
        "T3": 1,
        "T4": 1,
        "T5 et plus": 1,
    }
    assert all(isinstance(v, int) for v in values["profil"]["age"].values())
    # the délai anormalement long is not set in the default settings: nothing is counted
    assert values["demandes_delai_anormal"] is None
    # one commune: the guichets' activity does not change (whatever the communes sought)
    chaponost = compute_indicators(db, 2025, ["69043"])
    assert chaponost["enregistrements_par_guichet"] == {"CCVG": 2, "DFRH": 0}
    assert chaponost["part_enregistrements_en_ligne"] == 0  # E8, at the CCVG guichet
