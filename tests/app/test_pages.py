"""Every registered page runs without exception on the demo database (AppTest, no browser).

`open_page` opens a public page as the public (signed out) and a members-only page as a
signed-in member (AppTest's own `user`, the identity `st.user` reads); pass `user=` to choose:
`PUBLIC`, `MEMBER` or any claims."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.settings import REPO_DIR
from dashboard.views import PAGES
from tests.conftest import MEMBER_EMAIL

APP = str(REPO_DIR / "dashboard" / "app.py")
PUBLIC: dict = {"is_logged_in": False}
# A member of the test settings' list (tests/conftest.py, demo_env).
MEMBER: dict = {"is_logged_in": True, "email": MEMBER_EMAIL, "email_verified": True}


def open_page(file: str, query: dict[str, str] | None = None, user: dict | None = None) -> AppTest:
    if user is None:
        public = next((p.public for p in PAGES if p.file == file), False)
        user = PUBLIC if public else MEMBER
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(user)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"views/{file}")
    at.run()
    return at


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_runs(spec, demo_env):
    at = open_page(spec.file)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "la page n'a pas de titre"
    # the demo database is flagged on every page
    assert any("Données de démonstration" in w.value for w in at.warning)


def test_home_shows_key_figures_and_follows_filters(demo_env):
    at = open_page("accueil.py", {"annee": "2024"})
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Demandes actives au 31/12" in labels
    assert any("Chiffres clés 2024" in s.value for s in at.subheader)
    all_communes = next(m.value for m in at.metric if m.label.startswith("Demandes actives"))
    at.sidebar.selectbox(key="filtre_commune").set_value("69136").run()  # Montagny only
    assert not at.exception
    montagny = next(m.value for m in at.metric if m.label.startswith("Demandes actives"))
    assert montagny != all_communes
    # the filters are written back to the URL, so the view can be shared by its link
    assert at.query_params["communes"] == "69136"
    assert at.query_params["annee"] == "2024"


def test_missing_database_gives_a_french_message(tmp_path, monkeypatch):
    monkeypatch.setenv("CIL_DB", str(tmp_path / "absente.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    assert any("introuvable" in e.value for e in at.error)


def test_database_without_demands_explains_what_to_do(tmp_path, test_settings, monkeypatch):
    from tests.builders import build_db

    db = build_db(
        tmp_path,
        actions=[
            {
                "axe": "1",
                "thematique": "t",
                "objectif": "o",
                "mise_en_oeuvre": "m",
                "statut": "fait",
            }
        ],
    )
    db.close()
    monkeypatch.setenv("CIL_DB", str(tmp_path / "test.duckdb"))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    for spec in PAGES:
        at = AppTest.from_file(APP, default_timeout=30)
        at.user = dict(MEMBER)
        at.run()
        at.switch_page(f"views/{spec.file}")
        at.run()
        assert not at.exception, (spec.file, [e.value for e in at.exception])
        assert any("ni demandes ni attributions" in i.value for i in at.info)


def test_plan_status_update_is_saved_with_history(demo_db, test_settings, tmp_path, monkeypatch):
    import shutil

    from dashboard.plan_store import ActionStore, store_path_for

    db = tmp_path / "copie.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("CIL_DB", str(db))
    monkeypatch.setenv("CIL_TERRITOIRE", str(test_settings))
    at = open_page("plan.py")
    assert not at.exception
    form_status = at.radio[0]
    form_status.set_value("fait")
    at.text_area[0].input("Permanence ouverte à Millery")
    at.text_input[0].input("cheffe.projet@ccvg.fr")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    history = ActionStore(store_path_for(db)).history()
    assert history["statut"].tolist() == ["fait"]
    assert history["commentaire"].tolist() == ["Permanence ouverte à Millery"]
    assert any("Permanence ouverte à Millery" in str(df.value.to_dict()) for df in at.dataframe)
