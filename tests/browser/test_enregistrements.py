"""« Enregistrements » in a real browser: the six charts drawn, the two notions named."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_enregistrements_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/enregistrements?annee=2025",
        "Enregistrements de demandes",
        charts=6,
        screenshot=artifacts_dir / "enregistrements.png",
    )
    assert page.get_by_text("La file active au 31 décembre").count() == 1
    assert page.get_by_text("Guichet enregistreur de la CCVG").count() >= 1
    assert page.get_by_text("Activité des guichets", exact=True).count() >= 1
    assert page.get_by_text("Demande sur le territoire", exact=True).count() >= 1
