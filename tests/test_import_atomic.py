"""Imports are atomic: a refused file leaves the database byte for byte as it was; a new
extract replaces the previous snapshot, which stays recoverable; the log records everything."""

from __future__ import annotations

import functools
import hashlib
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard import importer
from dashboard.importer import ImportFailed, ImportRefused, undo_last_import
from dashboard.importer.store import list_archives, write_atomically
from tests.builders import write_extract

# The publication for the public is not what these tests look at (tests/test_public_secrecy.py,
# tests/test_agreement.py, tests/test_import_atomic.py::test_a_failed_publication_changes_nothing):
# built at each import, it would cost each one about 17 s.
import_file = functools.partial(importer.import_file, publish=False)


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def base(tmp_path: Path) -> Path:
    db = tmp_path / "cil.duckdb"
    first = [
        {"demande_id": "D1", "date_depot": date(2024, 1, 10)},
        {"demande_id": "D2", "date_depot": date(2024, 2, 10)},
    ]
    import_file(
        "demandes", write_extract(tmp_path, "demandes", first), db, extraction_date=date(2025, 1, 5)
    )
    return db


def test_refused_file_leaves_the_database_unchanged(base, tmp_path):
    before = checksum(base)
    bad = [{"demande_id": "D9", "date_depot": "31/13/2024"}]
    with pytest.raises(ImportRefused):
        import_file("demandes", write_extract(tmp_path, "demandes", bad), base)
    assert checksum(base) == before
    assert rows(base, "SELECT count(*) FROM demandes") == [(2,)]


def test_a_failed_publication_changes_nothing(base, tmp_path, monkeypatch):
    """The publication is built inside the import's write: when it fails, the new extract is
    not imported either (the public never reads figures older than the data)."""
    from dashboard import publication

    importer.import_file("demandes", write_extract(tmp_path, "demandes", SECOND), base)
    before = checksum(base)

    def broken(con, settings, readers=()):
        raise publication.PublicationError("deux définitions pour un même chiffre")

    monkeypatch.setattr(publication, "build", broken)
    third = [*SECOND, {"demande_id": "D9", "date_depot": date(2024, 5, 1)}]
    with pytest.raises(publication.PublicationError):
        importer.import_file("demandes", write_extract(tmp_path, "demandes", third), base)
    assert checksum(base) == before
    assert rows(base, "SELECT count(*) FROM demandes") == [(len(SECOND),)]
    assert rows(base, "SELECT count(*) FROM pub_cles") != [(0,)]


SECOND = [
    {"demande_id": "D1", "date_depot": date(2024, 1, 10)},
    {"demande_id": "D3", "date_depot": date(2024, 3, 10)},
]


def test_failure_inside_the_write_leaves_the_database_unchanged(base):
    before = checksum(base)

    def change(con):
        con.execute("DELETE FROM demandes").fetchall()
        raise RuntimeError("panne au milieu de l'écriture")

    with pytest.raises(RuntimeError):
        write_atomically(base, change, label="test")
    assert checksum(base) == before
    assert not [p for p in base.parent.iterdir() if ".import-" in p.name], "copie temporaire"


def test_new_extract_replaces_the_snapshot_and_is_logged(base, tmp_path):
    second = [{"demande_id": "D3", "date_depot": date(2025, 3, 1)}]
    path = write_extract(tmp_path, "demandes", second)
    report = import_file("demandes", path, base, extraction_date=date(2025, 4, 1))
    assert report.rows == 1 and not report.already_imported
    assert rows(base, "SELECT demande_id FROM demandes") == [("D3",)]
    log = rows(
        base,
        "SELECT import_id, kind, action, fichier, lignes, date_extraction, sha256 "
        "FROM import_log ORDER BY import_id",
    )
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in log] == [
        (1, "demandes", "import", "demandes.csv", 2, date(2025, 1, 5)),
        (2, "demandes", "import", "demandes.csv", 1, date(2025, 4, 1)),
    ]
    assert log[1][6] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_file_again_is_a_no_op(base, tmp_path):
    before = checksum(base)
    path = tmp_path / "demandes.csv"  # the file of the fixture, unchanged
    report = import_file("demandes", path, base)
    assert report.already_imported and "déjà importé" in report.summary()
    assert checksum(base) == before


def test_undo_puts_back_the_previous_snapshot(base, tmp_path):
    second = [{"demande_id": "D3", "date_depot": date(2025, 3, 1)}]
    import_file("demandes", write_extract(tmp_path, "demandes", second), base)
    # the first import created the base (nothing to archive); the second archived it
    assert len(list_archives(base)) == 1
    message = undo_last_import(base)
    assert "annulé" in message
    assert rows(base, "SELECT demande_id FROM demandes ORDER BY 1") == [("D1",), ("D2",)]
    actions = rows(base, "SELECT action FROM import_log ORDER BY import_id")
    assert actions == [("import",), ("annulation",)]


def test_undo_without_archive(tmp_path):
    with pytest.raises(ImportFailed):
        undo_last_import(tmp_path / "vide.duckdb")


def test_other_kinds_are_kept_when_one_is_replaced(base, tmp_path):
    attributions = [
        {"attribution_id": "A1", "date_attribution": date(2024, 6, 1), "demande_id": "D1"}
    ]
    import_file("attributions", write_extract(tmp_path, "attributions", attributions), base)
    import_file(
        "demandes",
        write_extract(
            tmp_path, "demandes", [{"demande_id": "D1", "date_depot": date(2024, 1, 10)}]
        ),
        base,
    )
    assert rows(base, "SELECT count(*) FROM attributions") == [(1,)]


def test_rpls_millesimes_are_kept_side_by_side(tmp_path):
    db = tmp_path / "cil.duckdb"
    header = "DEPCOM;X;Y;EPSG;NBPIECE;SURFHAB;CONSTRUCT;FINAN_CODE;QPV_CODE;DPEENERGIE\n"
    row = "69027;836000;6510000;2154;3;65,0;1990;13;2;C\n"
    (tmp_path / "rpls_2024.csv").write_text(header.replace("DEPCOM", "DEPCOM_CODE") + row * 2)
    (tmp_path / "rpls_2025.csv").write_text(header + row * 3)
    import_file("logements", tmp_path / "rpls_2024.csv", db)
    import_file("logements", tmp_path / "rpls_2025.csv", db)
    (tmp_path / "rpls_2025.csv").write_text(header + row * 4)
    import_file("logements", tmp_path / "rpls_2025.csv", db)
    assert rows(db, "SELECT millesime, count(*) FROM logements GROUP BY 1 ORDER BY 1") == [
        (2024, 2),
        (2025, 4),
    ]


def test_stale_copy_of_a_killed_import_is_cleaned(base):
    stale = base.with_name(base.name + ".import-999999.tmp")  # no such process
    stale.write_bytes(b"partial")
    write_atomically(base, lambda con: None, label="test")
    assert not stale.exists()


def test_archives_are_bounded(base, tmp_path):
    for i in range(5):
        rows_i = [{"demande_id": f"D{i}", "date_depot": date(2024, 1, 1 + i)}]
        import_file("demandes", write_extract(tmp_path, "demandes", rows_i), base)
    assert len(list_archives(base)) == 3


def test_readers_keep_the_old_file_until_they_reopen(base, tmp_path):
    reader = duckdb.connect(str(base), read_only=True)
    import_file(
        "demandes",
        write_extract(tmp_path, "demandes", [{"demande_id": "D7", "date_depot": date(2024, 5, 1)}]),
        base,
    )
    # the open connection still reads the replaced file (its inode), whole and consistent
    assert reader.execute("SELECT count(*) FROM demandes").fetchall() == [(2,)]
    reader.close()
    assert rows(base, "SELECT count(*) FROM demandes") == [(1,)]
    assert os.path.exists(base)
