"""« Profil de la demande » in a real browser: the six breakdowns drawn, for the active file
and, after the choice, for the registrations of the year."""

from __future__ import annotations

import pytest

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
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".js-plotly-plot").count() == 6
    page.screenshot(path=str(artifacts_dir / "profil_enregistrements.png"), full_page=True)
