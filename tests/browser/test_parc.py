"""The « Parc social » page in a real browser, offline: the map's outlines, residences and
clusters are drawn by Leaflet served by the app itself, and nothing is requested outside."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def map_frame(page):
    page.locator("iframe").first.wait_for()
    for _ in range(100):
        frames = [f for f in page.frames if "streamlit_folium" in f.url]
        if frames:
            return frames[0]
        page.wait_for_timeout(100)
    raise AssertionError("la carte (streamlit-folium) n'est pas dans la page")


def test_parc_page_map_is_drawn_offline(app_url, offline_page, artifacts_dir):
    page = offline_page.open(f"{app_url}/parc?annee=2025")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0
    frame = map_frame(page)
    # Leaflet ran: the five commune outlines and the residences are SVG paths, the clusters
    # are marker icons showing a number of dwellings
    frame.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    frame.wait_for_selector(".leaflet-marker-icon.marker-cluster", timeout=30_000)
    residences = frame.locator('path.leaflet-interactive[stroke="#FFFFFF"]')  # white rims
    outlines = frame.locator('path.leaflet-interactive:not([stroke="#FFFFFF"])')
    assert outlines.count() == 5
    assert residences.count() > 0
    clusters = frame.locator(".leaflet-marker-icon.marker-cluster").all_inner_texts()
    assert clusters and all(text.strip().replace("\u202f", "").isdigit() for text in clusters)
    assert frame.locator(".cil-legende").inner_text().startswith("Logements sociaux")
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert frame.locator(".leaflet-control-layers").count() == 1
    assert frame.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert frame.get_by_text("Brignais").count() >= 1  # commune names on the map
    page.locator("iframe").first.screenshot(path=str(artifacts_dir / "parc_carte.png"))
    # a residence's card opens on a real click (one away from the legend, bottom right)
    iframe = page.locator("iframe").first.bounding_box()
    target = next(
        r
        for r in residences.all()
        if (box := r.bounding_box())
        and box["x"] + box["width"] / 2 - iframe["x"] < 0.55 * iframe["width"]
    )
    target.click(force=True)
    frame.wait_for_selector(".leaflet-popup-content", timeout=10_000)
    card = frame.locator(".leaflet-popup-content").inner_text()
    assert "Logements" in card and "Typologies" in card and "Financement" in card
    page.wait_for_timeout(600)  # the card fades in
    page.locator("iframe").first.screenshot(path=str(artifacts_dir / "parc_carte_fiche.png"))
    frame.locator(".leaflet-popup-close-button").click()
    page.set_viewport_size({"width": 1600, "height": 4400})
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts_dir / "parc.png"), full_page=True)
    assert offline_page.external == [], offline_page.external
