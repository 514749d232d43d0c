"""Public mode and members' mode in the app (AppTest: `at.user` is the identity `st.user`
reads, as the OpenID sign-in would set it; the end-to-end sign-in is tests/browser/test_access).

Signed out: the public pages only, small counts masked, no export, no editor, no import.
Members of the settings' list: every page, exact aggregates, exports. Anyone else signed in:
told why, and treated as the public."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import literal
from dashboard.views import PAGES
from tests.app.test_pages import APP, MEMBER, PUBLIC, open_page
from tests.conftest import MEMBER_ADDRESS, REFUSED_EMAIL

PUBLIC_PAGES = [p for p in PAGES if p.public]
MEMBERS_PAGES = [p for p in PAGES if not p.public]
REFUSED = {"is_logged_in": True, "email": REFUSED_EMAIL, "email_verified": True}
STRONG_SECRET = "S9v2kQxR7mZpL4tWcY8nB1dF6hJ3gA0eUuVoIiEsKrTy"  # 44 random characters
PROVIDER = {"client_id": "x", "client_secret": "y", "server_metadata_url": "http://z"}


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
        "attributions",  # leases per réservataire with its priorities, refusals (the plan)
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
    label = "Demandes actives au 31/12"
    assert metric(public, label) == metric(member, label)


def test_members_get_the_exports(demo_env):
    public = open_page("cotation.py", {"annee": "2025"}, user=PUBLIC)
    member = open_page("cotation.py", {"annee": "2025"}, user=MEMBER)
    labels = {b.proto.label for b in member.get("download_button")}
    assert {"CSV", "Excel"} <= labels
    assert not public.get("download_button")


def test_an_address_listed_one_by_one_is_a_member(demo_env):
    at = run_app({"is_logged_in": True, "email": MEMBER_ADDRESS, "email_verified": True})
    at.switch_page("views/plan.py").run()
    assert not at.exception
    assert any("Membre de la CIL" in c.value for c in at.sidebar.caption)


def test_a_refused_address_is_told_why_and_sees_the_public_view(demo_env):
    at = run_app(REFUSED, {"annee": "2025", "communes": "69136"})
    assert not at.exception
    (error,) = at.error
    assert "Accès des membres refusé" in error.value
    assert literal(REFUSED_EMAIL) in error.value  # shown as text, never a link
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
        "cookie_secret": STRONG_SECRET,
        "proconnect": provider,
        "keycloak": provider,
    }
    at.run()
    assert not at.exception
    labels = [b.label for b in at.sidebar.button]
    assert labels == ["Se connecter (proconnect)", "Se connecter (keycloak)"]


# -- sign-in that fails closed (issue 16) ---------------------------------------------------


@pytest.mark.parametrize(
    "claim",
    ["false", 0, 1, "true", None, "absent"],
    ids=lambda v: repr(v),
)
def test_only_the_boolean_true_verifies_an_address(claim, demo_env):
    """A provider answering `"email_verified": "false"` (a string), 0 or nothing gave a full
    member's view on main: only the boolean false was refused."""
    user = {k: v for k, v in MEMBER.items() if k != "email_verified"}
    if claim != "absent":
        user["email_verified"] = claim
    at = run_app(user, {"annee": "2025", "communes": "69136"})
    assert not at.exception
    assert any("n'est pas vérifiée" in e.value for e in at.error), [e.value for e in at.error]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/plan.py")
    assert metric(at, "Baux aux ménages prioritaires") == "secret"  # the public's view


def _with_auth(at: AppTest, **auth: object) -> AppTest:
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": STRONG_SECRET,
        **auth,
    }
    return at


def test_a_provider_set_up_as_never_sending_the_claim_is_trusted_without_it(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"is_logged_in": True, "email": MEMBER_ADDRESS, "provider": "entra"}
    _with_auth(
        at, entra={**PROVIDER, "accepter_sans_email_verified": True}, keycloak=PROVIDER
    ).run()
    assert not at.exception
    at.switch_page("views/plan.py").run()  # a member
    assert not at.exception
    # the setting belongs to its provider: the same claims through another one are refused
    other = AppTest.from_file(APP, default_timeout=60)
    other.user = {"is_logged_in": True, "email": MEMBER_ADDRESS, "provider": "keycloak"}
    _with_auth(other, entra={**PROVIDER, "accepter_sans_email_verified": True}, keycloak=PROVIDER)
    other.run()
    assert any("n'est pas vérifiée" in e.value for e in other.error)
    # and it never overrides a claim that is there: "false" stays refused
    told = AppTest.from_file(APP, default_timeout=60)
    told.user = {**at.user, "email_verified": "false"}
    _with_auth(told, entra={**PROVIDER, "accepter_sans_email_verified": True}).run()
    assert any("n'est pas vérifiée" in e.value for e in told.error)


@pytest.mark.parametrize(
    "secret",
    [
        "À REMPLACER",  # the example's value
        "Zx8#kP2m",  # too short
        "a" * 40,  # one character
        "passwordpasswordpasswordpassword",  # a repeated word
        "0123456789abcdef0123456789abcdef",  # a sequence
        "azertyuiopqsdfghjklmwxcvbnazertyuiop",  # keyboard rows
    ],
)
def test_a_weak_cookie_secret_stops_the_app_in_members_mode(secret, demo_env):
    """A cookie signed with the example's secret opened the import page and every export
    without signing in on main: the app now refuses to run with such a secret."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = dict(MEMBER)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": secret,
        **PROVIDER,
    }
    at.run()
    assert not at.exception
    (error,) = at.error
    assert "cookie_secret" in error.value
    assert "secrets.token_urlsafe(48)" in error.value  # how to make a good one
    assert not at.metric and not at.get("download_button") and not at.sidebar.button


def test_a_strong_cookie_secret_is_accepted(demo_env):
    at = _with_auth(AppTest.from_file(APP, default_timeout=60), **PROVIDER)
    at.user = dict(MEMBER)
    at.run()
    assert not at.exception and not at.error
    at.switch_page("views/plan.py").run()
    assert not at.exception


def test_the_plan_history_author_is_the_signed_in_identity(demo_env, tmp_path, monkeypatch):
    """The editor's « Auteur » was a free text field on main: anyone signed in could write
    another's name into the history."""
    import shutil

    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_env, db)
    monkeypatch.setenv("CIL_DB", str(db))
    at = open_page("plan.py", user=MEMBER)
    assert not at.exception
    assert "Auteur" not in [t.label for t in at.text_input]
    at.text_area[0].set_value("Réunion du comité de pilotage")
    at.form_submit_button[0].click().run()
    assert not at.exception
    from dashboard.plan_store import ActionStore, store_path_for

    history = ActionStore(store_path_for(db)).history()
    assert history["auteur"].tolist() == [MEMBER["email"]]
    assert history["commentaire"].tolist() == ["Réunion du comité de pilotage"]
