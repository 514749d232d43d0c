"""Import of the RPLS open-data file, on a few rows written here in the real published format.

The expected WGS84 positions are computed in this file with the Lambert-93 formulas of the
EPSG guidance note 7-2 (Lambert Conic Conformal, 2SP), independently of pyproj, which the
importer uses.
"""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import pytest

from dashboard.importer import ImportRefused, import_file

# GRS80 ellipsoid (RGF93, which Lambert-93 is defined on; RGF93 and WGS84 agree within a few cm).
A = 6_378_137.0
F = 1 / 298.257222101
E = math.sqrt(2 * F - F * F)


def lambert93(lon: float, lat: float) -> tuple[float, float]:
    """(lon, lat) in degrees -> Lambert-93 (X, Y) in metres."""

    def m(phi: float) -> float:
        return math.cos(phi) / math.sqrt(1 - (E * math.sin(phi)) ** 2)

    def t(phi: float) -> float:
        es = E * math.sin(phi)
        return math.tan(math.pi / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (E / 2)

    phi1, phi2, phi_f = math.radians(44), math.radians(49), math.radians(46.5)
    n = (math.log(m(phi1)) - math.log(m(phi2))) / (math.log(t(phi1)) - math.log(t(phi2)))
    big_f = m(phi1) / (n * t(phi1) ** n)
    r_f = A * big_f * t(phi_f) ** n
    r = A * big_f * t(math.radians(lat)) ** n
    theta = n * (math.radians(lon) - math.radians(3))
    return 700_000 + r * math.sin(theta), 6_600_000 + r_f - r * math.cos(theta)


def metres_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    dy = (lat2 - lat1) * 111_320
    dx = (lon2 - lon1) * 111_320 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def test_the_reference_formula_is_right_at_the_projection_origin():
    # By definition of Lambert-93, (3° E, 46.5° N) is at (700 000, 6 600 000).
    x, y = lambert93(3.0, 46.5)
    assert x == pytest.approx(700_000, abs=1e-6)
    assert y == pytest.approx(6_600_000, abs=1e-6)


# Two places of the territory, in WGS84 (near the town halls of Brignais and Millery).
BRIGNAIS = (4.75400, 45.67400)
MILLERY = (4.78300, 45.63200)

HEADER_2025 = (
    "REG_CODE;DEP_CODE;EPCI_CODE;DEPCOM;LIBCOM;CODEPOSTAL;NUMVOIE;INDREP;TYPVOIE;NOMVOIE;"
    "NBPIECE;SURFHAB;CONSTRUCT;FINAN_CODE;FINAN_LIBELLE;QPV_CODE;QPV_LIBELLE;DPEENERGIE;"
    "DPESERRE;TYPECONST_CODE;EPSG;X;Y"
)


def _xy(point: tuple[float, float]) -> str:
    x, y = lambert93(*point)
    return f"{x:.2f};{y:.2f}"


def write_2025(folder: Path) -> Path:
    """Millésime 2025 as the DiDo export gives it: UTF-8 with BOM, `;`, strings quoted,
    DEPCOM and LIBCOM."""
    b = _xy(BRIGNAIS)
    m = _xy(MILLERY)
    lines = [
        HEADER_2025,
        # line 2-3: two dwellings at the same address in Brignais, in the QPV
        f'"84";"69";"246900757";"69027";"BRIGNAIS";"69530";"12";"";"RUE";"DES TILLEULS";'
        f'3;"65,5";1972;"13";"PLUS";"1";"Les Pérouses";"D";"E";"C";"2154";{b}',
        f'"84";"69";"246900757";"69027";"BRIGNAIS";"69530";"12";"";"RUE";"DES TILLEULS";'
        f'2;"48,0";1972;"52";"HLM/O";"1";"Les Pérouses";"F";"F";"C";"2154";{b}',
        # line 4: no coordinates (kept, listed)
        '"84";"69";"246900757";"69043";"CHAPONOST";"69630";"3";"B";"AV";"DE VERDUN";'
        '4;"81,2";2015;"10";"PLAI";"2";"";"";"";"I";"";;',
        # line 5: a commune outside the territory (Saint-Genis-Laval): ignored, counted
        f'"84";"69";"200046977";"69204";"SAINT-GENIS-LAVAL";"69230";"1";"";"RUE";"X";'
        f'3;"60,0";1990;"13";"PLUS";"2";"";"C";"C";"C";"2154";{b}',
        # line 6: Millery, an unknown financing code and an implausible surface
        f'"84";"69";"246900757";"69133";"MILLERY";"69390";"5";"";"CHE";"DU PLATEAU";'
        f'7;"2,0";2008;"77";"?";"2";"";"B";"B";"I";"2154";{m}',
    ]
    path = folder / "RPLS_2025-01_69.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    return path


def write_2024(folder: Path) -> Path:
    """Millésime 2024: DEPCOM_CODE and DEPCOM_LIBELLE, an older file in ISO-8859-1."""
    b = _xy(BRIGNAIS)
    lines = [
        "DEPCOM_CODE;DEPCOM_LIBELLE;NUMVOIE;TYPVOIE;NOMVOIE;NBPIECE;SURFHAB;CONSTRUCT;"
        "FINAN_CODE;QPV_CODE;DPEENERGIE;EPSG;X;Y",
        f"69027;BRIGNAIS;12;RUE;DES TILLEULS;3;65.5;1972;13;1;D;2154;{b}",
        "69133;MILLERY;1;CHE;DES PRÉS;1;30;1999;14;2;;2154;;",
    ]
    path = folder / "rpls_2024.csv"
    path.write_bytes("\n".join(lines).encode("latin-1"))
    return path


@pytest.fixture
def imported(tmp_path):
    db = tmp_path / "rpls.duckdb"
    report_2025 = import_file("logements", write_2025(tmp_path), db, millesime=2025, publish=False)
    report_2024 = import_file(
        "logements", write_2024(tmp_path), db, publish=False
    )  # millésime: the name
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT * FROM logements ORDER BY millesime, ligne").df()
    con.close()
    return report_2025, report_2024, rows


def test_rows_of_the_territory_are_kept_one_snapshot_per_millesime(imported):
    report_2025, report_2024, rows = imported
    assert report_2025.millesime == 2025 and report_2024.millesime == 2024
    y2025 = rows[rows["millesime"] == 2025]
    y2024 = rows[rows["millesime"] == 2024]
    # 5 data rows, Saint-Genis-Laval ignored
    assert y2025["ligne"].tolist() == [2, 3, 4, 6]
    assert y2025["depcom"].tolist() == ["69027", "69027", "69043", "69133"]
    assert y2024["depcom"].tolist() == ["69027", "69133"]
    assert y2024["libcom"].tolist() == ["BRIGNAIS", "MILLERY"]
    assert y2024["adresse"].tolist() == ["12 RUE DES TILLEULS", "1 CHE DES PRÉS"]
    assert "1 lignes hors des communes du territoire ignorées" in report_2025.warnings


def test_lambert93_is_reprojected_to_wgs84_within_a_metre(imported):
    _, _, rows = imported
    placed = rows[rows["lon"].notna()]
    expected = {"69027": BRIGNAIS, "69133": MILLERY}
    assert len(placed) == 4  # two in Brignais 2025, Millery 2025, Brignais 2024
    for row in placed.itertuples():
        lon, lat = expected[row.depcom]
        assert metres_between(row.lon, row.lat, lon, lat) < 1.0, row


def test_rows_without_coordinates_are_kept_and_listed(imported):
    report_2025, report_2024, rows = imported
    chaponost = rows[(rows["millesime"] == 2025) & (rows["depcom"] == "69043")]
    assert len(chaponost) == 1 and chaponost["lon"].isna().all()
    assert any(
        w.startswith("1 logements sans coordonnées utilisables") and w.endswith("lignes 4")
        for w in report_2025.warnings
    ), report_2025.warnings
    assert any(w.endswith("lignes 3") for w in report_2024.warnings if "sans coordonnées" in w)


def test_codes_are_grouped_and_implausible_values_reported(imported):
    report_2025, _, rows = imported
    y2025 = rows[rows["millesime"] == 2025].set_index("ligne")
    # FINAN_CODE 13 -> PLUS, 52 (HLM/O) -> PLUS, 10 -> PLAI, 77 (unknown) -> autre
    assert y2025["financement"].to_dict() == {2: "PLUS", 3: "PLUS", 4: "PLAI", 6: "autre"}
    assert y2025["qpv"].to_dict() == {2: True, 3: True, 4: False, 6: False}
    assert y2025["typologie"].to_dict() == {2: "T3", 3: "T2", 4: "T4", 6: "T6P"}
    assert y2025.loc[2, "surfhab"] == pytest.approx(65.5)  # decimal comma
    assert y2025["dpe"].fillna("-").to_dict() == {2: "D", 3: "F", 4: "-", 6: "B"}
    assert y2025.loc[3, "construct"] == 1972
    # the 2 m² surface is blanked, the row kept, and both problems are reported with the line
    assert math.isnan(y2025.loc[6, "surfhab"])
    assert any("SURFHAB" in w and w.endswith("lignes 6") for w in report_2025.warnings)
    assert any("financement RPLS inconnu (77)" in w for w in report_2025.warnings)


def import_rows(tmp_path, name: str, lines: list[str]):
    """Imports a small RPLS file; returns the report and the imported rows."""
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "rpls.duckdb"
    report = import_file("logements", path, db, publish=False)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT lon, lat, financement FROM logements").df()
    con.close()
    return report, rows


def test_without_epsg_column_lambert93_is_assumed(tmp_path):
    x, y = lambert93(*BRIGNAIS)
    report, rows = import_rows(
        tmp_path,
        "rpls_2019.csv",
        [
            "DEPCOM_CODE;X;Y;NBPIECE;SURFHAB;CONSTRUCT;FINAN;QPV;DPEENERGIE",
            f"69027;{x:.1f};{y:.1f};2;45;1980;12;2;C",
        ],
    )
    assert any("EPSG absente" in w for w in report.warnings)
    (row,) = rows.to_dict("records")
    assert metres_between(row["lon"], row["lat"], *BRIGNAIS) < 1.0
    assert row["financement"] == "PLUS"


def test_coordinates_far_from_the_territory_are_not_used(tmp_path):
    # Brignais' code but a point in Paris: a geocoding error, kept without position
    x, y = lambert93(2.3522, 48.8566)
    report, rows = import_rows(
        tmp_path,
        "rpls_2025.csv",
        [
            "DEPCOM;EPSG;X;Y;NBPIECE;SURFHAB;CONSTRUCT;FINAN_CODE;QPV_CODE;DPEENERGIE",
            f"69027;2154;{x:.1f};{y:.1f};2;45;1980;12;2;C",
        ],
    )
    assert any("plus de 5 km du territoire" in w for w in report.warnings)
    assert len(rows) == 1 and rows["lon"].isna().all()


def test_a_file_without_the_commune_column_is_refused(tmp_path):
    path = tmp_path / "rpls_2025.csv"
    path.write_text(
        "X;Y;EPSG;NBPIECE;SURFHAB;CONSTRUCT;FINAN_CODE;QPV_CODE;DPEENERGIE\n1;2;2154;2;45;1980;12;2;C\n"
    )
    with pytest.raises(ImportRefused, match="DEPCOM ou DEPCOM_CODE"):
        import_file("logements", path, tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_a_file_with_no_row_of_the_territory_is_refused(tmp_path):
    path = tmp_path / "rpls_2025.csv"
    path.write_text(
        "DEPCOM;EPSG;X;Y;NBPIECE;SURFHAB;CONSTRUCT;FINAN_CODE;QPV_CODE;DPEENERGIE\n"
        "75056;2154;652000;6862000;2;45;1980;12;2;C\n"
    )
    with pytest.raises(ImportRefused, match="aucun logement du territoire"):
        import_file("logements", path, tmp_path / "x.duckdb")
