"""The Cotation page and the simulator through AppTest (no browser): widgets, what the public
sees (the publication only) and what members see (exact figures, the comparison of two grids
when two are loaded)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb

from dashboard import publication, queries
from dashboard.catalogue import entry
from dashboard.formatting import fmt
from dashboard.masking import FLAG
from dashboard.settings import DATA_DIR, get_settings
from tests.app.test_pages import MEMBER, PUBLIC, open_page
from tests.builders import build_db


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(at) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)


def test_cotation_page_on_the_demo(demo_env):
    at = open_page("cotation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert [m.label for m in at.metric][:3] == ["Demandes actives", "Note médiane", "90e centile"]
    assert all(m.value not in ("", "—") for m in at.metric)
    # what a refusal does, from the settings, next to the cotation
    assert "Les effets d'un refus" in [s.value for s in at.subheader]
    assert any(get_settings().effets_refus[:60] in m.value for m in at.markdown)
    # the public reads the published 20-point bands; no comparison of grids
    assert "Comparer deux grilles" not in [s.value for s in at.subheader]
    assert not at.main.selectbox  # one grid loaded: none to choose


def test_members_see_the_fine_histogram_and_how_to_add_a_grid(demo_env):
    at = open_page("cotation.py", {"annee": "2025"}, user=MEMBER)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Une seule grille est chargée (ppgdid-2026)" in i.value for i in at.info)
    titles = [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]
    assert any("Demandes actives par note" in t for t in titles), titles  # classes of 10 points
    public = open_page("cotation.py", {"annee": "2025"})
    titles = [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in public.get("plotly_chart")
    ]
    assert any("par tranche de note" in t for t in titles), titles  # the published bands


def test_no_criteria_code_is_a_label(demo_env):
    at = open_page("cotation.py", {"annee": "2025"}, user=MEMBER)
    codes = {c.code for c in get_settings().grilles}
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        for trace in figure.get("data", []):
            labels = trace.get("y", []) if trace.get("orientation") == "h" else []
            assert not codes & set(map(str, labels)), codes & set(map(str, labels))


def test_simulator_scores_the_plans_example(demo_env):
    at = open_page("simulateur.py", {"annee": "2025"})
    assert not at.exception
    assert metric(at, "Note de cotation") == fmt(0, "points")
    at.radio(key="sim_anciennete").set_value("plus_3_ans")
    at.checkbox(key="sim_dalo").check()
    at.checkbox(key="sim_sans_logement").check()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Note de cotation") == fmt(100, "points")  # 40 + 35 + 25
    assert metric(at, "Demande prioritaire") == "oui"
    # the public: the band of the score among the published bands, no rank
    assert not any(m.label == "Mieux placée que" for m in at.metric)
    assert "100 et plus" in texts(at)
    # the same household asking for a mutation: « sans logement » is not in that grid
    at.radio(key="sim_public").set_value("mutation").run()
    assert metric(at, "Note de cotation") == fmt(65, "points")
    assert not any(c.key == "sim_sans_logement" for c in at.checkbox)
    # nothing typed is kept in the URL
    assert set(at.query_params) <= {"annee", "communes"}


def test_members_see_the_exact_rank(demo_env):
    at = open_page("simulateur.py", {"annee": "2025"}, user=MEMBER)
    at.checkbox(key="sim_dalo").check().run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Mieux placée que").endswith("%")
    assert "à égalité de note" in texts(at)


def small_groups(tmp_path: Path):
    """Brignais: one T2 demand, thirteen T3 demands with thirteen different scores (the
    issue's « à égalité » leak: a group of 13 whose ties gave individual scores)."""
    # 0, 5, 10, … 60 points (filed in June 2025: no seniority; lives outside the territory)
    criteria = [
        "",
        "jeune_moins_30_ans",
        "travaille_epci",
        "travailleur_pauvre",
        "parent_isole",
        "sous_occupation",
        "handicap",
        "sans_logement",
        "dalo",
        "dalo|eloignement_travail",
        "dalo|travaille_epci",
        "dalo|travailleur_pauvre",
        "dalo|parent_isole",
    ]
    demandes = [
        {
            "demande_id": f"D{i}",
            "date_depot": date(2025, 6, 1),
            "typologie": "T3",
            "criteres_cotation": c,
            "commune_residence": "69123",
        }
        for i, c in enumerate(criteria)
    ] + [{"demande_id": "X", "date_depot": date(2024, 1, 1), "typologie": "T2"}]
    db = build_db(tmp_path, publish=True, demandes=demandes)
    db.close()
    return db.path


def test_the_public_simulator_reads_only_the_publication(tmp_path, test_settings, monkeypatch):
    monkeypatch.setenv("CIL_DB", str(small_groups(tmp_path)))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    ran: list[str] = []
    original = queries.run

    def recording(cursor, name, **params):
        ran.append(name)
        return original(cursor, name, **params)

    monkeypatch.setattr(queries, "run", recording)
    at = open_page("simulateur.py", {"annee": "2025"}, user=PUBLIC)
    at.selectbox(key="sim_typo").set_value("T3").run()
    at.checkbox(key="sim_parent_isole").check().run()
    assert not at.exception, [e.value for e in at.exception]
    # the typed profile is scored by the grid (nothing about households), never ranked live
    assert "simulateur/position" not in ran
    assert not {n for n in ran if n.startswith("cotation/")} - {"cotation/note", "cotation/profil"}
    assert "égalité" not in texts(at)
    assert not any(m.label == "Mieux placée que" for m in at.metric)
    # the T2 demand is alone: T3's 13 would give it back from the 14 of all typologies
    assert "Trop peu de demandes actives comparables" in texts(at)
    at.selectbox(key="sim_typo").set_value("T2").run()
    assert "Trop peu de demandes actives comparables" in texts(at)
    # members: the exact rank in the group of 13 (parent isolé, 20 points: 0, 5, 10 and 15
    # are lower, one tie)
    member = open_page("simulateur.py", {"annee": "2025"}, user=MEMBER)
    member.selectbox(key="sim_typo").set_value("T3").run()
    member.checkbox(key="sim_parent_isole").check().run()
    assert not member.exception, [e.value for e in member.exception]
    assert metric(member, "Mieux placée que") == fmt(4 / 13, "share")


def test_the_delay_table_gives_no_masked_cell_back(demo_db):
    """The issue's leak: the « ensemble » row of a band minus its primo row gave the masked
    mutation row (32 − 28 = 4). Every band of every published year hides none or at least two
    of its three cells."""
    spec = entry("cotation/delai_tranches")
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        table = con.execute(f"SELECT * FROM {publication.table_name(spec)}").df()
    finally:
        con.close()
    assert not table.empty
    for column in spec.counts:
        hidden = table.groupby(["_cle", "tranche_ordre"])[FLAG + column].sum()
        assert not (hidden == 1).any(), hidden[hidden == 1].head()


def territory_with_two_grids(tmp_path: Path) -> Path:
    grids = tmp_path / "grilles.csv"
    text = (DATA_DIR / "grilles_cotation.csv").read_text(encoding="utf-8")
    grids.write_text(
        text
        + "test-2030;primo;dalo;DALO;100;obligatoire;oui\n"
        + "test-2030;mutation;dalo;DALO;100;obligatoire;oui\n",
        encoding="utf-8",
    )
    source = Path(get_settings().source_file).read_text(encoding="utf-8")
    source = source.replace('contours = "', f'contours = "{DATA_DIR}/')
    source = source[: source.index("[cotation]")]
    source += f'[cotation]\ngrilles = "{grids}"\ngrille = "ppgdid-2026"\n'
    source += '[acces]\ndomaines = ["membres-cil.test"]\n'
    path = tmp_path / "territoire.toml"
    path.write_text(source, encoding="utf-8")
    return path


def test_two_grids_are_compared(demo_env, tmp_path, monkeypatch):
    monkeypatch.setenv("CIL_TERRITOIRE", str(territory_with_two_grids(tmp_path)))
    at = open_page("cotation.py", {"annee": "2025"}, user=MEMBER)
    assert not at.exception, [e.value for e in at.exception]
    assert at.main.selectbox[0].label == "Grille de cotation"
    assert at.selectbox(key="cotation_grille_comparee").value == "test-2030"
    assert "Comparer deux grilles" in [s.value for s in at.subheader]
    assert not any("Une seule grille" in i.value for i in at.info)
    # the comparison table, and one table of band transitions per public
    assert len(at.dataframe) >= 5


def test_pages_on_a_tiny_file_hide_everything_small(tmp_path, test_settings, monkeypatch):
    from tests.queries.test_cotation import ATTRIBUTIONS, DEMANDES

    db = build_db(tmp_path, publish=True, demandes=DEMANDES, attributions=ATTRIBUTIONS)
    db.close()
    monkeypatch.setenv("CIL_DB", str(db.path))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    at = open_page("cotation.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    # 5 primo and 3 mutation demands: every count is under 11
    assert metric(at, "Demandes actives") == "< 11"
    assert metric(at, "Note médiane") == "secret"
    at = open_page("simulateur.py", {"annee": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert any("Aucune demande active comparable" in i.value for i in at.info)  # no C or T1
    at.selectbox(key="sim_typo").set_value("T2").run()  # five primo T2 in Brignais
    assert any("Trop peu de demandes actives comparables" in i.value for i in at.info)
