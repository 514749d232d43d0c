"""« Mutations » in a real browser: the twelve charts drawn, offline, a screenshot saved."""

from __future__ import annotations

import pytest

from tests.browser.pages import open_and_check

pytestmark = pytest.mark.browser


def test_mutations_page(app_url, member_page, artifacts_dir):
    page = open_and_check(
        member_page,
        f"{app_url}/mutations?annee=2025",
        "Demandes de mutation",
        charts=12,
        screenshot=artifacts_dir / "mutations.png",
    )
    assert page.get_by_text("Pourquoi demander une mutation").count() == 1
    assert page.get_by_text("Logement trop petit").count() >= 1
