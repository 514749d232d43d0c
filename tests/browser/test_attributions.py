"""« Attributions » in a real browser: the six breakdowns drawn."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_attributions_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/attributions?annee=2025",
        "Attributions de logements sociaux",
        charts=6,
        screenshot=artifacts_dir / "attributions.png",
    )
    assert page.get_by_text("Bilan des attributions par bailleur").count() == 1
