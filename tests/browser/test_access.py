"""Sign-in end to end in the real browser, against the local mock OpenID provider: signed out
sees the public pages only, a member sees the rest, an address not in the list is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboard.views import PAGES
from tests.browser.conftest import sign_in, sign_out, wait_idle
from tests.conftest import MEMBER_ADDRESS, REFUSED_EMAIL

pytestmark = pytest.mark.browser

PUBLIC_TITLES = [p.title for p in PAGES if p.public]


def menu(page: Page) -> list[str]:
    """The page titles of the sidebar's menu (drawn by the app under the filters)."""
    links = page.locator(
        '[data-testid="stSidebar"] .st-key-menu [data-testid="stPageLink-NavLink"]'
    ).all_inner_texts()
    return [text.strip().splitlines()[-1] for text in links]  # the icon's name comes first


def dashboard_requests_outside(offline_page) -> list[str]:
    """Requests that left localhost, except the mock provider's own stylesheet (its form
    pages load it from a CDN; they are not the dashboard)."""
    return [url for url in offline_page.external if "@picocss/" not in url]


def expect_reserved(page: Page, url: str, title: str) -> None:
    page.goto(url)
    wait_idle(page)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(title)
    expect(page.get_by_text("Cette page est réservée aux membres de la CIL")).to_have_count(1)
    # no figure, table, chart or upload field of the page itself
    main = page.locator('[data-testid="stMain"]')
    for testid in ("stMetric", "stDataFrame", "stFileUploader", "stDownloadButton"):
        expect(main.locator(f'[data-testid="{testid}"]')).to_have_count(0)
    expect(main.locator(".js-plotly-plot")).to_have_count(0)


@pytest.mark.long
def test_signed_out_sees_the_public_pages_only(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/?annee=2025")
    assert menu(page) == PUBLIC_TITLES
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(1)
    expect(page.locator('[data-testid="stDownloadButton"]')).to_have_count(0)
    page.screenshot(path=str(artifacts_dir / "acces_public.png"), full_page=True)
    # a members-only address, typed or shared, shows a notice and no data
    for spec in PAGES:
        if not spec.public:
            expect_reserved(page, f"{app_url}/{spec.url_path}", spec.title)
    page.screenshot(path=str(artifacts_dir / "acces_page_reservee.png"), full_page=True)
    # the public guichets page lists addresses and hours
    page.goto(f"{app_url}/guichets")
    wait_idle(page)
    expect(page.get_by_text("6 Rue Simone Veil 69530 BRIGNAIS")).to_have_count(1)
    page.screenshot(path=str(artifacts_dir / "guichets.png"), full_page=True)
    assert offline_page.external == [], offline_page.external  # no sign-in page visited


@pytest.mark.long
def test_a_member_signs_in_sees_every_page_and_signs_out(app_url, offline_page, artifacts_dir):
    page = offline_page.page
    sign_in(page, app_url, MEMBER_ADDRESS)
    expect(page.get_by_text(f"Membre de la CIL : {MEMBER_ADDRESS}")).to_have_count(1)
    assert menu(page) == [p.title for p in PAGES]
    # the plan editor and the import page are there
    page.goto(f"{app_url}/plan")
    wait_idle(page)
    expect(page.get_by_text("Mettre à jour une action")).to_have_count(1)
    page.goto(f"{app_url}/importer")
    wait_idle(page)
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(1)
    page.screenshot(path=str(artifacts_dir / "acces_import.png"), full_page=True)
    # exports are offered, and the sign-in holds across a reload
    page.goto(f"{app_url}/cotation?annee=2025")
    wait_idle(page)
    assert page.locator('[data-testid="stDownloadButton"]').count() > 0
    sign_out(page, app_url)
    assert menu(page) == PUBLIC_TITLES
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(1)
    assert dashboard_requests_outside(offline_page) == []


def test_an_address_not_in_the_list_is_refused(app_url, offline_page, artifacts_dir):
    page = offline_page.page
    sign_in(page, app_url, REFUSED_EMAIL)
    expect(page.get_by_text("Accès des membres refusé")).to_have_count(1)
    assert menu(page) == PUBLIC_TITLES
    page.screenshot(path=str(artifacts_dir / "acces_refuse.png"), full_page=True)
    expect_reserved(page, f"{app_url}/plan", "Plan d'actions")
    sign_out(page, app_url)
    expect(page.get_by_text("Accès des membres refusé")).to_have_count(0)
    expect(page.get_by_role("button", name="Se connecter")).to_have_count(1)
    assert dashboard_requests_outside(offline_page) == []


def test_member_page_fixture_is_signed_in(app_url, member_page):
    page = member_page.open(f"{app_url}/sources")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Sources et imports")
    expect(page.get_by_text("Cette page est réservée")).to_have_count(0)


def test_a_member_imports_a_bad_file_from_the_browser(
    app_url, member_page, demo_db, tmp_path, artifacts_dir
):
    """The import page refuses a faulty extract with the French report; the database the
    server shows is left byte for byte (only a refused file is sent: the session's database
    is shared by the other browser tests)."""
    import hashlib

    from tests.builders import write_extract

    # a household of 0 people on line 2 (the header is line 1)
    extract = write_extract(
        tmp_path, "demandes", [{"demande_id": "D1", "date_depot": "01/03/2025", "taille_menage": 0}]
    )
    bad = extract.rename(tmp_path / "demandes_faux.csv")
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    page = member_page.open(f"{app_url}/importer")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("demandes_faux.csv").first.wait_for()
    page.get_by_role("button", name="Importer").click()
    page.get_by_text("Fichier refusé : rien n'a été importé").wait_for(timeout=60_000)
    wait_idle(page)
    expect(page.get_by_text("Base mise à jour")).to_have_count(0)
    page.screenshot(path=str(artifacts_dir / "import_refuse.png"), full_page=True)
    report = page.locator('[data-testid="stMain"] [data-testid="stCode"]').inner_text()
    assert "demandes_faux.csv, ligne 2, colonne taille_menage" in report, report
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before
    assert member_page.external == [], member_page.external
