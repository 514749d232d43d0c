"""The default territory is the CCVG, as the plan and the reference data describe it."""

from __future__ import annotations

import json

import pytest

from dashboard.settings import DATA_DIR, SettingsError, _load, get_settings


def test_ccvg_settings():
    s = get_settings()
    assert s.epci_siren == "246900757"
    assert [(c.insee, c.nom) for c in s.communes] == [
        ("69027", "Brignais"),
        ("69043", "Chaponost"),
        ("69133", "Millery"),
        ("69136", "Montagny"),
        ("69268", "Vourles"),
    ]
    assert {g.code: g.objectif for g in s.groupes_reservataires} == {
        "etat": 1.0,
        "collectivites": 0.25,
        "action_logement": 0.25,
        "bailleurs": 0.25,
        "autre": 0.25,
    }
    assert s.objectif_prioritaires_total == 0.425
    assert s.groupe_par_contingent == {
        "PPRIOR": "etat",
        "COLTER": "collectivites",
        "COLACT": "action_logement",
        "AUCUN": "bailleurs",
        "AUTRES": "autre",
        "PFONCT": "autre",
    }
    assert s.seuil_secret == 11
    assert s.guichet_autre.code == "AUTRE"
    dfrh = next(g for g in s.guichets if g.code == "DFRH")
    assert dfrh.adresse == "6 Rue Simone Veil 69530 BRIGNAIS"
    sans_logement = s.situations_cia[0]
    assert "HOT" in sans_logement.logement_actuel and sans_logement.motifs == ("01",)


def test_commune_outlines_match_the_settings():
    data = json.loads(get_settings().contours_file.read_text(encoding="utf-8"))
    codes = sorted(f["properties"]["code_insee"] for f in data["features"])
    assert codes == sorted(get_settings().insee_codes)
    assert (DATA_DIR / "SOURCES.md").exists()


def test_broken_settings_give_a_french_error(tmp_path):
    path = tmp_path / "territoire.toml"
    path.write_text("[epci]\nnom = 'x'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="Paramètre manquant"):
        _load(path)
    with pytest.raises(SettingsError, match="introuvable"):
        _load(tmp_path / "absent.toml")
