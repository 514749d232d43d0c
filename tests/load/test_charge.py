"""Short form of the load test (tests/load/charge.py): a few browser sessions walk the pages
while an import replaces the demand extract; no error, and every page shows the old data or
the new, never a mix. The long form (30 sessions, 2 minutes) is run by hand, see README."""

from __future__ import annotations

import pytest

from tests.load.charge import Load, Result, report, run_load


def test_the_check_tells_a_mix_from_old_and_new():
    """Without a browser: loads before the swap give the old fingerprint, after it the new;
    a load showing neither is a mix."""
    result = Result(sessions=1, duration_s=10, import_start=10.0, import_end=12.0)
    result.loads = [
        Load(0, "page", "accueil", 2025, 1.0, 2.0, "ancien"),
        Load(0, "page", "accueil", 2025, 13.0, 14.0, "nouveau"),
        Load(0, "année", "accueil", 2025, 9.0, 12.5, "nouveau"),  # overlapped the swap
        Load(0, "année", "accueil", 2025, 11.0, 12.5, "ancien"),
        Load(0, "page", "accueil", 2025, 11.0, 11.5, "moitié ancien, moitié nouveau"),
    ]
    assert result.check_versions() == {
        "ancienne": 2,
        "nouvelle": 2,
        "mélange": 1,
        "non vérifiable": 0,
    }
    assert result.changed_pages == ["accueil"]


@pytest.mark.browser
@pytest.mark.serial  # times pages and imports: alone on the machine
def test_sessions_during_an_import_see_old_or_new_data_never_a_mix(artifacts_dir):
    result = run_load(sessions=3, duration=25)
    text = report(result)
    (artifacts_dir / "charge_courte.md").write_text(text, encoding="utf-8")
    assert not result.import_error, result.import_error
    assert result.errors() == [], text
    versions = result.check_versions()
    assert versions["mélange"] == 0, [(m.page, m.year, m.fingerprint) for m in result.mixed]
    assert versions["non vérifiable"] == 0, text
    # both sides of the swap were seen, and the new extract changes what pages show
    assert versions["ancienne"] > 0 and versions["nouvelle"] > 0, text
    assert "accueil" in result.changed_pages or result.changed_pages, text
