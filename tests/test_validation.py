"""One test per validation rule of the data contract: each bad value is refused with a French
message naming the file, the line, the column, the value and the rule."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import importer
from dashboard.importer import ImportRefused
from tests.builders import DEFAULTS, write_extract

# The publication for the public is not what these tests look at (tests/test_public_secrecy.py,
# tests/test_agreement.py, tests/test_import_atomic.py::test_a_failed_publication_changes_nothing):
# built at each import, it would cost each one about 17 s.
import_file = functools.partial(importer.import_file, publish=False)

GOOD_DEMANDE = {"demande_id": "D1", "date_depot": "15/03/2024"}
GOOD_ATTRIBUTION = {"attribution_id": "A1", "date_attribution": "01/06/2025"}


def refused(tmp_path: Path, kind: str, rows: list[dict], **kwargs) -> ImportRefused:
    path = write_extract(tmp_path, kind, rows)
    with pytest.raises(ImportRefused) as caught:
        import_file(kind, path, tmp_path / "base.duckdb", **kwargs)
    assert not (tmp_path / "base.duckdb").exists(), "a refused file must not create the base"
    return caught.value


def only_problem(error: ImportRefused):
    assert error.total == 1, error.message()
    return error.problems[0]


def write_raw(tmp_path: Path, text: str, name: str = "demandes.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def demandes_text(rows: list[dict], sep: str = ";") -> str:
    frame = pd.DataFrame([{**DEFAULTS["demandes"], **r} for r in rows])
    return frame.to_csv(sep=sep, index=False)


# --- values ----------------------------------------------------------------------------------


def test_impossible_date_is_named_with_line_column_and_value(tmp_path):
    rows = [GOOD_DEMANDE, {"demande_id": "D2", "date_depot": "31/02/2024"}]
    problem = only_problem(refused(tmp_path, "demandes", rows))
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "demandes.csv",
        3,
        "date_depot",
        "31/02/2024",
    )
    assert "date invalide" in problem.rule
    assert str(problem).startswith(
        "demandes.csv, ligne 3, colonne date_depot, valeur « 31/02/2024 »"
    )


def test_date_in_the_future_of_the_extraction_is_refused(tmp_path):
    rows = [{"demande_id": "D1", "date_depot": "02/02/2026"}]
    problem = only_problem(refused(tmp_path, "demandes", rows, extraction_date=date(2026, 1, 15)))
    assert problem.column == "date_depot" and "période plausible" in problem.rule


def test_unknown_code_lists_the_allowed_ones(tmp_path):
    problem = only_problem(refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "typologie": "T9"}]))
    assert problem.column == "typologie" and problem.value == "T9"
    assert "code inconnu" in problem.rule and "T6P" in problem.rule


def test_invalid_insee_code(tmp_path):
    problem = only_problem(
        refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "commune_residence": "6902"}])
    )
    assert problem.column == "commune_residence" and "INSEE" in problem.rule


def test_invalid_wished_communes_list(tmp_path):
    problem = only_problem(
        refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "communes_souhaitees": "69027;69043"}])
    )
    assert problem.column == "communes_souhaitees"


@pytest.mark.parametrize("size", [0, 25, -1])
def test_household_size_out_of_bounds(tmp_path, size):
    problem = only_problem(refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "taille_menage": size}]))
    assert problem.column == "taille_menage" and "bornes" in problem.rule


def test_integer_expected(tmp_path):
    problem = only_problem(
        refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "taille_menage": "deux"}])
    )
    assert problem.rule == "nombre entier attendu"


def test_yes_no_expected(tmp_path):
    problem = only_problem(refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "dalo": "peut-être"}]))
    assert problem.column == "dalo" and "oui/non" in problem.rule


def test_mandatory_value_missing(tmp_path):
    problem = only_problem(refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "guichet": ""}]))
    assert problem.column == "guichet" and problem.rule == "valeur obligatoire manquante"


def test_duplicate_ids_are_both_reported(tmp_path):
    rows = [GOOD_DEMANDE, {**GOOD_DEMANDE}]
    error = refused(tmp_path, "demandes", rows)
    assert [p.line for p in error.problems] == [2, 3]
    assert all("double" in p.rule for p in error.problems)


def test_radiation_before_filing(tmp_path):
    rows = [{**GOOD_DEMANDE, "date_radiation": "01/01/2024", "motif_radiation": "RADABA"}]
    problem = only_problem(refused(tmp_path, "demandes", rows))
    assert problem.column == "date_radiation" and "antérieure au dépôt" in problem.rule


def test_radiated_on_the_filing_day_is_accepted(tmp_path):
    rows = [{**GOOD_DEMANDE, "date_radiation": "15/03/2024", "motif_radiation": "RADABA"}]
    path = write_extract(tmp_path, "demandes", rows)
    assert import_file("demandes", path, tmp_path / "base.duckdb").rows == 1


def test_radiation_without_motive_and_motive_without_radiation(tmp_path):
    rows = [
        {**GOOD_DEMANDE, "date_radiation": "01/05/2024"},
        {"demande_id": "D2", "date_depot": "15/03/2024", "motif_radiation": "RADATT"},
    ]
    error = refused(tmp_path, "demandes", rows)
    assert [(p.line, p.column) for p in error.problems] == [
        (2, "motif_radiation"),
        (3, "motif_radiation"),
    ]
    assert "manquant" in error.problems[0].rule and "sans date" in error.problems[1].rule


def test_renewal_before_filing(tmp_path):
    rows = [{**GOOD_DEMANDE, "date_renouvellement": "01/03/2024"}]
    assert only_problem(refused(tmp_path, "demandes", rows)).column == "date_renouvellement"


def test_lease_before_the_attribution_decision(tmp_path):
    rows = [{**GOOD_ATTRIBUTION, "date_bail": "01/05/2025"}]
    problem = only_problem(refused(tmp_path, "attributions", rows))
    assert problem.column == "date_bail" and "avant la décision" in problem.rule


def test_identifier_with_spaces(tmp_path):
    problem = only_problem(refused(tmp_path, "demandes", [{**GOOD_DEMANDE, "demande_id": "D 1"}]))
    assert problem.column == "demande_id" and "identifiant invalide" in problem.rule


def test_at_most_twenty_problems_are_listed_with_the_total(tmp_path):
    rows = [{"demande_id": f"D{i}", "date_depot": "32/01/2024"} for i in range(30)]
    error = refused(tmp_path, "demandes", rows)
    assert error.total == 30 and len(error.problems) == 20
    assert "30 erreurs (les 20 premières ci-dessous)" in error.message()
    assert "La base n'a pas été modifiée" in error.message()


# --- structure -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "column", ["nom", "Prénom", "date_naissance", "Téléphone", "courriel", "NIR", "numero_unique"]
)
def test_identifying_column_refuses_the_whole_file(tmp_path, column):
    error = refused(tmp_path, "demandes", [{**GOOD_DEMANDE, column: "x"}])
    problem = only_problem(error)
    assert problem.column == column and "identifiant une personne" in problem.rule


def test_missing_mandatory_column(tmp_path):
    frame = pd.DataFrame([{**DEFAULTS["demandes"], **GOOD_DEMANDE}]).drop(columns="typologie")
    path = tmp_path / "demandes.csv"
    frame.to_csv(path, sep=";", index=False)
    with pytest.raises(ImportRefused) as caught:
        import_file("demandes", path, tmp_path / "base.duckdb")
    problem = only_problem(caught.value)
    assert problem.column == "typologie" and "absente" in problem.rule


def test_duplicated_column_after_normalisation(tmp_path):
    text = demandes_text([GOOD_DEMANDE]).replace("typologie", "Typologie", 1)
    header, body = text.split("\n", 1)
    path = write_raw(tmp_path, header + ";TYPOLOGIE\n" + body.replace("\n", ";T3\n", 1))
    with pytest.raises(ImportRefused) as caught:
        import_file("demandes", path, tmp_path / "base.duckdb")
    assert "colonne en double" in caught.value.problems[0].rule


def test_header_only_and_empty_file(tmp_path):
    header = demandes_text([GOOD_DEMANDE]).split("\n")[0] + "\n"
    for text, expected in ((header, "aucune ligne"), ("", "fichier vide")):
        path = write_raw(tmp_path, text)
        with pytest.raises(ImportRefused) as caught:
            import_file("demandes", path, tmp_path / "base.duckdb")
        assert expected in caught.value.problems[0].rule


def test_wrong_number_of_fields_names_the_line(tmp_path):
    text = demandes_text([GOOD_DEMANDE, {"demande_id": "D2", "date_depot": "16/03/2024"}])
    lines = text.split("\n")
    lines[2] = lines[2] + ";en trop"
    path = write_raw(tmp_path, "\n".join(lines))
    with pytest.raises(ImportRefused) as caught:
        import_file("demandes", path, tmp_path / "base.duckdb")
    problem = caught.value.problems[0]
    assert problem.line == 3 and "champs au lieu de" in problem.rule


# --- what the contract accepts ---------------------------------------------------------------


def test_headers_match_ignoring_case_accents_and_spaces(tmp_path):
    text = demandes_text([GOOD_DEMANDE])
    text = text.replace("date_depot", "Date Dépôt").replace(
        "communes_souhaitees", "Communes souhaitées"
    )
    path = write_raw(tmp_path, text)
    assert import_file("demandes", path, tmp_path / "base.duckdb").rows == 1


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_separators(tmp_path, sep):
    path = write_raw(tmp_path, demandes_text([GOOD_DEMANDE], sep=sep))
    assert import_file("demandes", path, tmp_path / "base.duckdb").rows == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path, encoding, run_query):
    rows = [{**GOOD_ATTRIBUTION, "bailleur": "Société d'HLM Rhône-Alpes Évolution"}]
    frame = pd.DataFrame([{**DEFAULTS["attributions"], **r} for r in rows])
    path = tmp_path / "attributions.csv"
    frame.to_csv(path, sep=";", index=False, encoding=encoding)
    import_file("attributions", path, tmp_path / "base.duckdb")
    import duckdb

    con = duckdb.connect(str(tmp_path / "base.duckdb"), read_only=True)
    assert con.execute("SELECT bailleur FROM attributions").fetchall() == [
        ("Société d'HLM Rhône-Alpes Évolution",)
    ]
    con.close()


def test_iso_dates_decimal_comma_and_codes_in_any_case(tmp_path):
    import duckdb

    demandes = [
        {
            "demande_id": "D1",
            "date_depot": "2024-03-15",
            "motif": "9",
            "typologie": "t3",
            "prioritaire": "OUI",
            "criteres_cotation": "Parent_Isole | habite_epci",
        }
    ]
    import_file("demandes", write_extract(tmp_path, "demandes", demandes), tmp_path / "b.duckdb")
    attributions = [
        {**GOOD_ATTRIBUTION, "demande_id": "D1", "score_cotation": "12,5", "financement": "plus"}
    ]
    import_file(
        "attributions", write_extract(tmp_path, "attributions", attributions), tmp_path / "b.duckdb"
    )
    con = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True)
    assert con.execute(
        "SELECT date_depot, motif, typologie, prioritaire, criteres_cotation FROM demandes"
    ).fetchall() == [(date(2024, 3, 15), "09", "T3", True, ["parent_isole", "habite_epci"])]
    assert con.execute("SELECT score_cotation, financement FROM attributions").fetchall() == [
        (12.5, "PLUS")
    ]
    con.close()


def test_unknown_guichet_and_extra_columns_give_warnings(tmp_path):
    rows = [{**GOOD_DEMANDE, "guichet": "0690123", "remarque": "x"}]
    report = import_file(
        "demandes", write_extract(tmp_path, "demandes", rows), tmp_path / "b.duckdb"
    )
    assert any("0690123" in w and "Autres guichets" in w for w in report.warnings)
    assert any("colonnes ignorées" in w and "remarque" in w for w in report.warnings)


def test_xlsx_with_excel_dates(tmp_path, run_query):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    columns = list({**DEFAULTS["demandes"], **GOOD_DEMANDE})
    sheet.append(columns)
    values = {
        **DEFAULTS["demandes"],
        "demande_id": "D1",
        "date_depot": date(2024, 3, 15),
        "taille_menage": 3,
    }
    sheet.append([values[c] if values[c] != "" else None for c in columns])
    workbook.save(tmp_path / "demandes.xlsx")
    report = import_file("demandes", tmp_path / "demandes.xlsx", tmp_path / "b.duckdb")
    assert report.rows == 1


def test_xlsx_error_names_the_sheet_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    columns = list({**DEFAULTS["demandes"], **GOOD_DEMANDE})
    sheet.append(columns)
    sheet.append([None] * len(columns))  # a blank row is skipped, numbering is kept
    bad = {**DEFAULTS["demandes"], "demande_id": "D1", "date_depot": "pas une date"}
    sheet.append([bad[c] if bad[c] != "" else None for c in columns])
    workbook.save(tmp_path / "demandes.xlsx")
    with pytest.raises(ImportRefused) as caught:
        import_file("demandes", tmp_path / "demandes.xlsx", tmp_path / "b.duckdb")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, "date_depot")


# --- links between extracts ------------------------------------------------------------------


def test_attribution_of_an_unknown_demand_is_refused(tmp_path):
    base = tmp_path / "b.duckdb"
    import_file("demandes", write_extract(tmp_path, "demandes", [GOOD_DEMANDE]), base)
    before = base.read_bytes()
    rows = [
        {**GOOD_ATTRIBUTION, "demande_id": "D1"},
        {"attribution_id": "A2", "date_attribution": "01/07/2025", "demande_id": "D404"},
    ]
    with pytest.raises(ImportRefused) as caught:
        import_file("attributions", write_extract(tmp_path, "attributions", rows), base)
    problem = only_problem(caught.value)
    assert (problem.line, problem.column, problem.value) == (3, "demande_id", "D404")
    assert base.read_bytes() == before


def test_attribution_before_the_demand_was_filed(tmp_path):
    base = tmp_path / "b.duckdb"
    import_file("demandes", write_extract(tmp_path, "demandes", [GOOD_DEMANDE]), base)
    rows = [{"attribution_id": "A1", "date_attribution": "01/01/2024", "demande_id": "D1"}]
    with pytest.raises(ImportRefused) as caught:
        import_file("attributions", write_extract(tmp_path, "attributions", rows), base)
    assert "antérieure au dépôt" in only_problem(caught.value).rule
