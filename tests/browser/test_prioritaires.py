"""« Publics prioritaires » in a real browser: the target charts drawn, statuses in words."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_idle
from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_prioritaires_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/prioritaires?annee=2025",
        "Attributions aux publics prioritaires",
        charts=6,
        screenshot=artifacts_dir / "prioritaires.png",
    )
    # a met or missed target is written, not only coloured, on the charts
    svg_text = " ".join(page.locator(".js-plotly-plot .textpoint").all_text_contents())
    assert "atteint" in svg_text
    assert page.get_by_text("Baux signés seulement").count() == 1


def _commune_with_empty_groups(demo_db) -> tuple[str, int]:
    """A commune where some réservataire group had no lease signed in 2025, and how many such
    groups (read from the demo database, so the test follows the data)."""
    from dashboard import queries
    from dashboard.db import Database

    db = Database(demo_db)
    try:
        for insee in reversed(db.settings.insee_codes):
            with db.cursor() as cursor:
                frame = queries.run(
                    cursor,
                    "prioritaires/quotas",
                    annee_debut=2025,
                    annee_fin=2025,
                    communes=[insee],
                )
            rows = frame[frame["annee"].isna() & (frame["groupe"] != "total")]
            empty = int((rows["attributions"] == 0).sum())
            if empty:
                return insee, empty
    finally:
        db.close()
    raise AssertionError("aucune commune sans attribution pour un groupe en 2025")


def test_prioritaires_cumulated_and_one_commune(app_url, member_page, artifacts_dir, demo_db):
    # a group with no attribution reads « — aucune attribution », not 0 %
    insee, empty = _commune_with_empty_groups(demo_db)
    page = open_and_check(
        member_page,
        f"{app_url}/prioritaires?annee=2025&communes={insee}",
        "Attributions aux publics prioritaires",
        charts=6,
        screenshot=artifacts_dir / "prioritaires_montagny.png",
    )
    # the first chart: the quotas per réservataire group
    texts = page.locator(".js-plotly-plot").first.locator(".textpoint").all_text_contents()
    assert sum("aucune attribution" in t for t in texts) == empty
    # all years added up: the page redraws for the period, still without exception
    page.get_by_text("Années 2019 à 2025 cumulées").click()
    # the rerun may not have begun when the click returns: wait for what it draws
    expect(page.get_by_text("Les quatre objectifs de 2019 à 2025 (cumul)")).to_have_count(
        1, timeout=60_000
    )
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(artifacts_dir / "prioritaires_montagny_cumul.png"), full_page=True)
