"""Public mode and members' mode in the app (AppTest: `at.user` is the identity `st.user`
reads, as the OpenID sign-in would set it; the end-to-end sign-in is tests/browser/test_access).

Signed out: the public pages only, small counts masked, no export, no editor, no import.
Members of the settings' list: every page, exact aggregates, exports. Anyone else signed in:
told why, and treated as the public."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.views import PAGES
from tests.app.test_pages import APP, MEMBER, PUBLIC, open_page
from tests.conftest import MEMBER_ADDRESS, REFUSED_EMAIL

PUBLIC_PAGES = [p for p in PAGES if p.public]
MEMBERS_PAGES = [p for p in PAGES if not p.public]
REFUSED = {"is_logged_in": True, "email": REFUSED_EMAIL, "email_verified": True}


def run_app(user: dict, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(user)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_public_pages_are_those_of_the_plans_information_table():
    assert {p.url_path for p in PUBLIC_PAGES} == {
        "accueil",
        "guichets",
        "cotation",
        "simulateur",
        "parc",
        "delais",  # waiting times per commune and typology, satisfaction of the demand
    }
    # what members manage is never public
    assert {"plan", "importer", "sources", "bilan"} <= {p.url_path for p in MEMBERS_PAGES}


@pytest.mark.parametrize("user", [PUBLIC, REFUSED], ids=["deconnecte", "adresse_refusee"])
@pytest.mark.parametrize("spec", MEMBERS_PAGES, ids=[p.url_path for p in MEMBERS_PAGES])
def test_members_pages_never_run_for_the_public(spec, user, demo_env):
    at = run_app(user)
    # the page's file is not registered at all: it cannot be switched to, hence never runs
    # (its address answers with a notice: tests/browser/test_access.py)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"views/{spec.file}")


@pytest.mark.parametrize("spec", PUBLIC_PAGES, ids=[p.url_path for p in PUBLIC_PAGES])
def test_public_pages_run_without_export_for_the_public(spec, demo_env):
    at = open_page(spec.file, {"annee": "2025"}, user=PUBLIC)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("download_button")  # no CSV, Excel or image export
    assert not at.get("file_uploader")


def test_the_public_sees_small_counts_masked_members_see_them(demo_env):
    # Montagny, 2025: few leases, so the share of leases to priority households is secret
    query = {"annee": "2025", "communes": "69136"}
    public = run_app(PUBLIC, query)
    assert metric(public, "Baux aux ménages prioritaires") == "secret"
    member = run_app(MEMBER, query)
    assert metric(member, "Baux aux ménages prioritaires").endswith("%")
    # the big figures are the same for both
    label = "Demandes actives au 31/12/2025"
    assert metric(public, label) == metric(member, label)


def test_members_get_the_exports(demo_env):
    public = open_page("cotation.py", {"annee": "2025"}, user=PUBLIC)
    member = open_page("cotation.py", {"annee": "2025"}, user=MEMBER)
    labels = {b.proto.label for b in member.get("download_button")}
    assert {"CSV", "Excel"} <= labels
    assert not public.get("download_button")


def test_an_address_listed_one_by_one_is_a_member(demo_env):
    at = run_app({"is_logged_in": True, "email": MEMBER_ADDRESS})
    at.switch_page("views/plan.py").run()
    assert not at.exception
    assert any("Membre de la CIL" in c.value for c in at.sidebar.caption)


def test_a_refused_address_is_told_why_and_sees_the_public_view(demo_env):
    at = run_app(REFUSED, {"annee": "2025", "communes": "69136"})
    assert not at.exception
    (error,) = at.error
    assert "Accès des membres refusé" in error.value
    assert REFUSED_EMAIL in error.value
    assert "membres-cil.test" not in error.value  # the list itself is not disclosed
    assert metric(at, "Baux aux ménages prioritaires") == "secret"
    assert "Se déconnecter" in [b.label for b in at.button]


def test_an_unverified_address_is_refused(demo_env):
    at = run_app({**MEMBER, "email_verified": False})
    assert any("n'est pas vérifiée" in e.value for e in at.error)
    with pytest.raises(ValueError):
        at.switch_page("views/plan.py")


def test_a_sign_in_without_address_is_refused(demo_env):
    at = run_app({"is_logged_in": True, "sub": "12345"})
    assert any("pas transmis d'adresse" in e.value for e in at.error)


def test_the_plan_editor_is_there_for_members(demo_env):
    at = open_page("plan.py", user=MEMBER)
    assert not at.exception
    assert "Mettre à jour une action" in [s.value for s in at.subheader]


def test_the_guichets_page_lists_addresses_and_hours(demo_env):
    at = open_page("guichets.py", user=PUBLIC)
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "6 Rue Simone Veil 69530 BRIGNAIS" in text
    assert "Lundi à vendredi de 09h à 11h45" in text
    assert "Autres guichets" not in [s.value for s in at.subheader]
    assert any("un mois" in i.value for i in at.info)
    permanences = next(df.value for df in at.dataframe)
    assert "Maison du Rhône de Chaponost (Maison France Services)" in permanences["Lieu"].tolist()
    assert "Mercredi matin et jeudi matin" in permanences["Créneau"].tolist()


def test_sign_in_is_offered_only_when_configured(demo_env):
    at = run_app(PUBLIC)
    # no secrets.toml in the tests: no button, and the README is pointed to
    assert not at.sidebar.button
    assert any("non configurée" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_members_are_not_told_of_a_masking_they_do_not_have(spec, demo_env):
    at = open_page(spec.file, {"annee": "2025"}, user=MEMBER)
    assert not at.exception, [e.value for e in at.exception]
    texts = [e.value for kind in ("caption", "markdown", "info") for e in at.get(kind)]
    assert not [t for t in texts if "moins de 0" in t or "< 0" in t or "secret statistique" in t]


def test_one_sign_in_button_per_configured_provider(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(PUBLIC)
    provider = {"client_id": "x", "client_secret": "y", "server_metadata_url": "http://z"}
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "secret",
        "proconnect": provider,
        "keycloak": provider,
    }
    at.run()
    assert not at.exception
    labels = [b.label for b in at.sidebar.button]
    assert labels == ["Se connecter (proconnect)", "Se connecter (keycloak)"]
