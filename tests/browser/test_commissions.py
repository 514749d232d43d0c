"""« Commissions de coordination » in a real browser: per year, outcomes, communes, typologies."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_commissions_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/commissions?annee=2025",
        "Commissions de coordination",
        charts=4,
        screenshot=artifacts_dir / "commissions.png",
    )
    # commissions since 2019, as the PPGDID reports: the last row of the rhythm's table
    assert page.get_by_text("Une commission par trimestre").count() == 1
