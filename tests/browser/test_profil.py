"""« Profil de la demande » in a real browser: the six breakdowns drawn, for the active file
and, after the choice, for the registrations of the year."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_idle
from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_profil_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/profil?annee=2025",
        "Profil de la demande",
        charts=6,
        screenshot=artifacts_dir / "profil.png",
    )
    assert page.get_by_text("Âge du demandeur, 2024 et 2025").count() >= 1
    page.get_by_text("Demandes enregistrées en 2025").first.click()
    # the click's rerun may start after wait_idle returns: the new heading is awaited, then
    # the count (the old charts are removed only once the new run is over)
    page.get_by_text("Profil : demandes enregistrées").first.wait_for(timeout=60_000)
    wait_idle(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(6, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(artifacts_dir / "profil_enregistrements.png"), full_page=True)
