"""The cotation page and the simulator in a real browser: drawn, no exception, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_cotation_page(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/cotation?annee=2025")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("heading", name="Notes de la file active au 31/12/2025").count() == 1
    # histograms (2), boxes by commune and typology (2), criteria (2), evaluation (4)
    page.locator(".js-plotly-plot").nth(9).wait_for()
    assert page.locator(".js-plotly-plot").count() == 10
    page.locator(".js-plotly-plot .boxlayer .trace").first.wait_for()
    assert page.locator(".js-plotly-plot .barlayer .trace").count() >= 6
    page.set_viewport_size({"width": 1600, "height": 4200})
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts_dir / "cotation.png"), full_page=True)
    assert offline_page.external == [], offline_page.external


def test_simulator(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/simulateur?annee=2025")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    score = page.locator('[data-testid="stMetricValue"]').first
    assert score.inner_text().strip() == "0\u00a0point"  # a non-breaking space (French)
    page.get_by_text("Plus de 3 ans").click()
    page.get_by_text("DALO (40 points)").click()
    page.get_by_text(
        "Personnes dépourvues de logement et d'hébergement (sans logement) (35 points)"
    ).click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]')"
        ".innerText.replace(/\\u00a0/g, ' ').trim() === '100 points'",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    # the public reads the published 20-point bands, never an exact rank
    placed = page.locator('[data-testid="stMarkdownContainer"]', has_text="est dans la tranche")
    assert placed.count() == 1
    assert page.get_by_text("Mieux placée que", exact=True).count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1600, "height": 2300})
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts_dir / "simulateur.png"), full_page=True)
    assert offline_page.external == [], offline_page.external


def test_comparison_of_two_grids(demo_db, offline_page, artifacts_dir, tmp_path, oidc_provider):
    """Two grids loaded: a member compares them (the comparison is for members only)."""
    from tests.app.test_cotation import territory_with_two_grids
    from tests.browser.conftest import MEMBER_EMAIL, sign_in, start_auth_server, stop_server

    territory = territory_with_two_grids(tmp_path)
    process, url = start_auth_server(demo_db, territory, oidc_provider, tmp_path / "secrets")
    try:
        public = offline_page.open(f"{url}/cotation?annee=2025")
        assert public.get_by_role("heading", name="Comparer deux grilles").count() == 0
        # signed in from another tab of the same browser (the mock provider's own page loads
        # a style sheet from the internet: not the dashboard's requests, not checked)
        tab = offline_page.page.context.new_page()
        sign_in(tab, url, MEMBER_EMAIL)
        tab.close()
        page = offline_page.open(f"{url}/cotation?annee=2025")
        assert page.locator('[data-testid="stException"]').count() == 0
        heading = page.get_by_role("heading", name="Comparer deux grilles")
        heading.wait_for()
        # the comparison table, then one table of band changes per public
        assert page.get_by_text("tranche avec ppgdid-2026 (lignes), avec test-2030").count() == 2
        page.set_viewport_size({"width": 1600, "height": 1500})
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts_dir / "cotation_comparaison.png"))
        assert offline_page.external == [], offline_page.external
    finally:
        stop_server(process)
