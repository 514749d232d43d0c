"""« Attributions » in a real browser: public (one year, masked, the réservataires beside their
priorities, the commissions' rhythm) and for members (the bailleurs' annual report)."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_attributions_page_for_the_public(app_url, offline_page, artifacts_dir):
    page = open_and_check(
        offline_page,
        f"{app_url}/attributions?annee=2025",
        "Attributions de logements sociaux",
        charts=6,
        screenshot=artifacts_dir / "attributions_public.png",
    )
    assert page.get_by_text("Les réservataires et leurs priorités").count() == 1
    assert page.get_by_text("Commissions de coordination : une par trimestre").count() == 1
    assert page.get_by_text("Bilan des attributions par bailleur").count() == 0


def test_attributions_page_for_members(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/attributions?annee=2025",
        "Attributions de logements sociaux",
        charts=6,
        screenshot=artifacts_dir / "attributions.png",
    )
    assert page.get_by_text("Bilan des attributions par bailleur").count() == 1
