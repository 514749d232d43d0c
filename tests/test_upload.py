"""The import page's work (dashboard/ui/upload.py): an uploaded file goes through the same
atomic importer as `cil import`; a refused file leaves the database byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

from dashboard.ui.upload import import_target, import_upload, parse_date, safe_name, uploader_css
from tests.builders import write_extract

DEMANDE = {"demande_id": "D1", "date_depot": dt.date(2025, 3, 1)}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_uploaded_extract_is_imported_then_a_bad_one_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "cil.duckdb"
    monkeypatch.setenv("CIL_DB", str(db))
    assert import_target() == db
    good = write_extract(tmp_path, "demandes", [DEMANDE, {**DEMANDE, "demande_id": "D2"}])
    outcome = import_upload(
        "demandes", "demandes_2026.csv", good.read_bytes(), dt.date(2026, 1, 15)
    )
    assert outcome.ok, outcome.message
    assert "2 lignes importées" in outcome.message
    before = digest(db)
    # the same file with an impossible household size on line 3 (header is line 1)
    bad = write_extract(
        tmp_path, "demandes", [DEMANDE, {**DEMANDE, "demande_id": "D2", "taille_menage": 0}]
    )
    outcome = import_upload("demandes", "demandes_faux.csv", bad.read_bytes())
    assert not outcome.ok and outcome.refused
    assert outcome.message.startswith("Import refusé")
    assert "demandes_faux.csv, ligne 3, colonne taille_menage" in outcome.message
    assert digest(db) == before


def test_the_browsers_file_name_loses_any_folder():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\agent\\demandes.csv") == "demandes.csv"
    assert safe_name("") == "extrait"


def test_the_extraction_date_is_typed_the_french_way():
    assert parse_date(" 15/01/2026 ") == dt.date(2026, 1, 15)
    assert parse_date("2026-01-15") == dt.date(2026, 1, 15)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="jj/mm/aaaa"):
        parse_date("31/02/2026")


def test_the_file_field_speaks_french():
    css = uploader_css("fichier", ["csv", "xlsx"])
    assert 'content: "Choisir un fichier"' in css
    assert 'content: "CSV ou XLSX, ou déposez-le ici"' in css
    shown = re.findall(r'content: "([^"]*)"', css)
    assert len(shown) == 3 and not any(w in t for t in shown for w in ("Upload", "MB", "Drag"))
