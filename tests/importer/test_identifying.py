"""Identifying data refused by pattern (dashboard/importer/identifying.py): headers in many
spellings, and values of kept columns. The files themselves are in the corpus
(tests/corpus/cases.py); here, the rules one by one, and what they must not refuse."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.contract import EXTRACTS, RPLS_COLUMNS, RPLS_OPTIONAL
from dashboard.importer import reader
from dashboard.importer.errors import ImportRefused
from dashboard.importer.identifying import VALUE_PATTERNS, check, identifying_kind
from tests.corpus.cases import IDENTIFYING_SPELLINGS, LEGITIMATE_EXTRA, xlsx_bomb

# fmt: off
MORE_SPELLINGS = [
    "Nom", "Prénom", "PRENOM", "nom_de_famille", "Nom d'usage", "surname", "FIRSTNAME",
    "Date de naissance", "date_naissance", "birth_date", "dob", "Née le", "Téléphone",
    "telephone_mobile", "Tél", "GSM", "courriel", "E_MAIL", "Mail du demandeur", "NIR",
    "numero_securite_sociale", "Numéro unique", "numero_unique_regional", "NUR", "Adresse",
    "adresse_postale", "Adresse du demandeur", "adresse_logement_attribue",
]
# fmt: on


@pytest.mark.parametrize("header", IDENTIFYING_SPELLINGS + MORE_SPELLINGS)
def test_identifying_headers_in_their_many_spellings(header):
    assert identifying_kind(header) is not None


def test_the_spellings_are_at_least_thirty():
    assert len(set(IDENTIFYING_SPELLINGS + MORE_SPELLINGS)) >= 30


CONTRACT_HEADERS = [c.name for e in EXTRACTS.values() for c in e.columns] + [
    h for alternatives in {**RPLS_COLUMNS, **RPLS_OPTIONAL}.values() for h in alternatives
]


@pytest.mark.parametrize(
    "header",
    CONTRACT_HEADERS
    + LEGITIMATE_EXTRA
    + ["nombre_pieces", "nomenclature", "Nom du bailleur", "nom_residence", "commentaire"],
)
def test_contract_columns_and_harmless_names_are_not_identifying(header):
    assert identifying_kind(header) is None


def test_a_dwellings_address_is_not_an_applicants_in_the_rpls_file():
    assert identifying_kind("ADRESSE", "logements") is None
    assert identifying_kind("ADRESSE", "attributions") is not None
    assert identifying_kind("NOM", "logements") is not None  # a name stays a name


def _matches(what: str, value: str) -> bool:
    return re.search(VALUE_PATTERNS[what], value) is not None


EMAIL, PHONE, NIR = VALUE_PATTERNS


@pytest.mark.parametrize(
    "what, value",
    [
        (EMAIL, "jean.dupont@exemple.fr"),
        (EMAIL, "Contact : m.martin+cil@mairie-brignais.fr"),
        (PHONE, "0612345678"),
        (PHONE, "06 12 34 56 78"),
        (PHONE, "04.78.05.12.34"),
        (PHONE, "+33 6 12 34 56 78"),
        (NIR, "1850578006048"),
        (NIR, "2 85 05 78 006 048 22"),
        (NIR, "185052A00604822"),
    ],
)
def test_identifying_values(what, value):
    assert _matches(what, value)


@pytest.mark.parametrize(
    "value",
    [
        "D123456",
        "69027|69136",
        "15/03/2024",
        "2024-03-15",
        "842123.45",
        "6519876.12",
        "69530",
        "Mairie de Brignais",
        "sans_logement|parent_isole",
        "1250",
        "A-2025-000123",
    ],
)
def test_ordinary_values_are_not_identifying(value):
    assert not any(_matches(what, value) for what in VALUE_PATTERNS)


def test_an_xlsx_bomb_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    """A 1.4 Mo workbook of 5 million cells ran past 300 s at 1.8 Go in openpyxl on main: it
    is now refused from the archive's directory and the sheet's own tags, never parsed."""
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("le classeur a été ouvert par openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    path = tmp_path / "demandes.xlsx"
    xlsx_bomb(60_000, 20, None)(path)
    assert path.stat().st_size < 5 << 20
    with pytest.raises(reader.ImportRefused, match="classeur trop grand"):
        reader.read_extract(path)


def test_every_row_carrying_an_identifying_value_is_counted_and_the_first_lines_named():
    """The same telephone on three rows, an e-mail on one, empty cells between: each pattern
    names its lines (file lines: the header is line 1) and counts all its rows."""
    phone, email = "06\xa012\xa034\xa056\xa078", "jean.dupont@exemple.fr"
    values = [phone, None, email, phone, "D123456", None, phone]
    raw = reader.RawTable(
        file="demandes.csv",
        frame=pd.DataFrame({"demande_id": values}, dtype=object),
        headers=["demande_id"],
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        check(raw, "demandes")
    messages = {p.rule: p.line for p in refused.value.problems}
    assert messages == {
        "valeur ressemblant à un numéro de téléphone (lignes 2, 5, 8 ; 3 en tout) : une "
        "donnée identifiante, le fichier est refusé en entier": 2,
        "valeur ressemblant à une adresse électronique (ligne 4 ; 1 en tout) : une donnée "
        "identifiante, le fichier est refusé en entier": 4,
    }


# The e-mail pattern as first written: a long run of letters with no @ made it quadratic.
_PLAIN_EMAIL = r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"


@given(st.text(alphabet="ab.@-+ 'x9é", max_size=40))
@settings(max_examples=2000, deadline=None)
def test_the_linear_email_pattern_finds_what_the_plain_one_found(text: str):
    pattern = VALUE_PATTERNS["une adresse électronique"]
    assert bool(re.search(pattern, text)) == bool(re.search(_PLAIN_EMAIL, text))


def test_a_long_value_without_at_sign_is_not_an_email():
    pattern = VALUE_PATTERNS["une adresse électronique"]
    assert re.search(pattern, "x" * 200_000) is None
    assert re.search(pattern, "x" * 200_000 + "@exemple.fr") is not None
