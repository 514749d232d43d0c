"""The corpus of bad files (tests/corpus/cases.py): each one refused with a French message
naming the file (and the line and column when there are some), the database byte for byte
unchanged; or accepted, with a warning where the user must know something."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard import importer
from dashboard.importer import ImportRefused
from tests.builders import write_extract
from tests.corpus.cases import CASES, Case, write_case

# The publication for the public is not what these tests look at (tests/test_public_secrecy.py,
# tests/test_agreement.py, tests/test_import_atomic.py::test_a_failed_publication_changes_nothing):
# built at each import, it would cost each one about 17 s.
import_file = functools.partial(importer.import_file, publish=False)

TABLES = ("demandes", "attributions", "commissions", "actions", "logements")


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="session")
def corpus_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demands D1 to D3, attribution A1 (of D1), one commission, one action, RPLS 2025."""
    folder = tmp_path_factory.mktemp("corpus_base")
    db = folder / "cil.duckdb"
    extraction = dt.date(2026, 1, 15)
    extracts = {
        "demandes": [
            {"demande_id": f"D{i}", "date_depot": dt.date(2024, i, 10)} for i in (1, 2, 3)
        ],
        "attributions": [
            {"attribution_id": "A1", "demande_id": "D1", "date_attribution": dt.date(2025, 3, 1)}
        ],
        "commissions": [
            {
                "date_commission": dt.date(2025, 5, 12),
                "dossier_id": "K1",
                "issue": "proposition",
            }
        ],
        "actions": [
            {
                "axe": "Axe 1",
                "thematique": "Accueil",
                "objectif": "Informer",
                "mise_en_oeuvre": "Guide",
                "statut": "fait",
            }
        ],
    }
    for kind, rows in extracts.items():
        import_file(kind, write_extract(folder, kind, rows), db, extraction_date=extraction)
    rpls = folder / "rpls_2025.csv"
    write_extract(folder, "logements", [{}]).rename(rpls)
    import_file("logements", rpls, db)
    return db


@pytest.fixture
def base(corpus_base: Path, tmp_path: Path) -> Path:
    db = tmp_path / "base" / "cil.duckdb"
    db.parent.mkdir()
    shutil.copyfile(corpus_base, db)
    return db


def test_the_corpus_covers_at_least_forty_bad_files():
    bad = [c for c in CASES if c.outcome != "accepted"]
    assert len(bad) >= 40, len(bad)
    assert len({c.file for c in CASES}) == len(CASES), "noms de fichiers en double"


@pytest.fixture
def written(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """The case's file, deleted after the test (pytest keeps temporary folders: the 200 Mo
    file must not stay on the disk)."""
    path = write_case(request.param, tmp_path)
    yield path
    path.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("case", "written"), [(c, c) for c in CASES], ids=[c.file for c in CASES], indirect=["written"]
)
def test_corpus_file(case: Case, written: Path, base: Path):
    path = written
    before = file_checksum(base)
    counts = table_counts(base)
    if case.outcome == "refused":
        with pytest.raises(ImportRefused) as caught:
            import_file(case.kind, path, base, extraction_date=dt.date(2026, 1, 15))
        message = caught.value.message()
        assert message.startswith("Import refusé"), message
        assert case.file in message, message
        for fragment in case.expect:
            assert fragment in message, f"« {fragment} » absent de :\n{message}"
        assert file_checksum(base) == before, "la base a changé"
        assert not list(base.parent.glob("*.tmp*")), "copie temporaire restée"
        return
    report = import_file(case.kind, path, base, extraction_date=dt.date(2026, 1, 15))
    warnings = "\n".join(report.warnings)
    if case.outcome == "warned":
        for fragment in case.expect:
            assert fragment in warnings, f"« {fragment} » absent de :\n{warnings}"
    else:
        assert not [w for w in report.warnings if "ignorées" in w], warnings
    after = table_counts(base)
    # only the imported kind changed; the other extracts are kept as they were
    assert {t: n for t, n in after.items() if t != case.kind} == {
        t: n for t, n in counts.items() if t != case.kind
    }
    assert after[case.kind] >= 1


def test_hostile_text_is_stored_as_it_was_written(base: Path, tmp_path: Path):
    case = next(c for c in CASES if c.file == "attributions_sql.csv")
    import_file(case.kind, write_case(case, tmp_path), base)
    html = next(c for c in CASES if c.file == "attributions_html.csv")
    import_file(html.kind, write_case(html, tmp_path), base)
    con = duckdb.connect(str(base), read_only=True)
    try:
        assert con.execute("SELECT bailleur FROM attributions").fetchall() == [
            ("<script>alert('x')</script><b>Bailleur</b>",)
        ]
        assert con.execute("SELECT count(*) FROM demandes").fetchone() == (3,)
    finally:
        con.close()
