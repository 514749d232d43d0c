"""The Cotation page and the simulator through AppTest (no browser): widgets, masking, and the
comparison of two grids when two are loaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dashboard.settings import DATA_DIR, get_settings
from tests.app.test_pages import open_page
from tests.builders import build_db


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_cotation_page_on_the_demo(demo_env):
    at = open_page("cotation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric][:3] == ["Demandes actives", "Note médiane", "90e centile"]
    assert all(m.value not in ("", "—") for m in at.metric)
    # one grid loaded: the comparison explains how to add one
    assert any("Une seule grille est chargée (ppgdid-2026)" in i.value for i in at.info)
    assert not at.main.selectbox  # no grid to choose


def test_simulator_scores_the_plans_example(demo_env):
    at = open_page("simulateur.py", {"annee": "2025"})
    assert not at.exception
    assert metric(at, "Note de cotation") == "0 point"
    at.radio(key="sim_anciennete").set_value("plus_3_ans")
    at.checkbox(key="sim_dalo").check()
    at.checkbox(key="sim_sans_logement").check()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Note de cotation") == "100 points"  # 40 + 35 + 25
    assert metric(at, "Demande prioritaire") == "oui"
    assert metric(at, "Mieux placée que").endswith("%")
    # the same household asking for a mutation: « sans logement » is not in that grid
    at.radio(key="sim_public").set_value("mutation").run()
    assert metric(at, "Note de cotation") == "65 points"
    assert not any(c.key == "sim_sans_logement" for c in at.checkbox)
    # nothing typed is kept in the URL
    assert set(at.query_params) <= {"annee", "communes"}


def test_simulator_hides_small_comparable_groups(tmp_path, monkeypatch):
    demandes = [
        {"demande_id": f"D{i}", "date_depot": date(2024, 1, 1), "typologie": "T3"}
        for i in range(12)
    ] + [{"demande_id": "X", "date_depot": date(2024, 1, 1), "typologie": "T2"}]
    db = build_db(tmp_path, demandes=demandes)
    db.close()
    monkeypatch.setenv("CIL_DB", str(db.path))
    at = open_page("simulateur.py", {"annee": "2025"})
    assert not at.exception
    # one T2 demand in Brignais: fewer than 11 comparable, masked
    at.selectbox(key="sim_typo").set_value("T2").run()
    assert any("Moins de 11 demandes actives comparables" in i.value for i in at.info)
    assert not any(m.label == "Mieux placée que" for m in at.metric)
    # twelve T3 demands: the position is shown (all have 10 points; a profile of 0 is lower)
    at.selectbox(key="sim_typo").set_value("T3").run()
    assert metric(at, "Mieux placée que") == "0\u00a0%"
    # no attribution: no reference waiting time
    assert any("pour donner un délai de référence" in i.value for i in at.info)


def territory_with_two_grids(tmp_path: Path) -> Path:
    grids = tmp_path / "grilles.csv"
    text = (DATA_DIR / "grilles_cotation.csv").read_text(encoding="utf-8")
    grids.write_text(
        text
        + "test-2030;primo;dalo;DALO;100;obligatoire;oui\n"
        + "test-2030;mutation;dalo;DALO;100;obligatoire;oui\n",
        encoding="utf-8",
    )
    source = get_settings().source_file.read_text(encoding="utf-8")
    source = source.replace('contours = "', f'contours = "{DATA_DIR}/')
    source = source[: source.index("[cotation]")]
    source += f'[cotation]\ngrilles = "{grids}"\ngrille = "ppgdid-2026"\n'
    path = tmp_path / "territoire.toml"
    path.write_text(source, encoding="utf-8")
    return path


def test_two_grids_are_compared(demo_env, tmp_path, monkeypatch):
    monkeypatch.setenv("CIL_TERRITOIRE", str(territory_with_two_grids(tmp_path)))
    at = open_page("cotation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.main.selectbox[0].label == "Grille de cotation"
    assert at.selectbox(key="cotation_grille_comparee").value == "test-2030"
    # share changing band: primo, mutation, together; rank correlation: primo, mutation
    primo, mutation = "Primo-demandeurs", "Demandeurs en mutation"
    assert [m.label for m in at.metric][6:] == [primo, mutation, "Ensemble", primo, mutation]
    assert all(m.value.endswith("%") for m in at.metric[6:9])
    assert not any("Une seule grille" in i.value for i in at.info)


def test_pages_on_a_tiny_file_hide_everything_small(tmp_path, monkeypatch):
    from tests.queries.test_cotation import ATTRIBUTIONS, DEMANDES

    db = build_db(tmp_path, demandes=DEMANDES, attributions=ATTRIBUTIONS)
    db.close()
    monkeypatch.setenv("CIL_DB", str(db.path))
    monkeypatch.setenv("CIL_TERRITOIRE", str(territory_with_two_grids(tmp_path)))
    at = open_page("cotation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    # 5 primo and 3 mutation demands: every count is under 11
    assert metric(at, "Demandes actives") == "< 11"
    assert metric(at, "Note médiane") == "secret"
    at = open_page("simulateur.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("Aucune demande active comparable" in i.value for i in at.info)  # no C or T1
    at.selectbox(key="sim_typo").set_value("T2").run()  # five primo T2 in Brignais
    assert any("Moins de 11 demandes actives comparables" in i.value for i in at.info)
