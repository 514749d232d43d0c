"""The staging specs (queries/staging/*.yml) against the staging SQL: every view and macro
the SQL creates is described, each view's or table macro's columns are exactly those its spec
names (those of the table it extends, plus its own), each scalar macro takes the arguments
its spec names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.catalogue import staging_models
from dashboard.db import Database
from dashboard.settings import QUERIES_DIR

CREATED = re.compile(
    r"CREATE\s+OR\s+REPLACE\s+TEMP\s+(VIEW|MACRO)\s+([a-z_0-9]+)\s*(\(([^)]*)\))?", re.I
)
STAGING_DIR = QUERIES_DIR / "staging"
STAGING_FILES = sorted(
    p.relative_to(STAGING_DIR).with_suffix("").as_posix() for p in STAGING_DIR.rglob("*.sql")
)


def created(file: str) -> dict[str, tuple[str, list[str]]]:
    if file.startswith("modeles/"):  # a model: one SELECT, stored as mod_<name> (models.py)
        return {"mod_" + re.sub(r"^\d+_", "", file.removeprefix("modeles/")): ("TABLE", [])}
    sql = (STAGING_DIR / f"{file}.sql").read_text(encoding="utf-8")
    out = {}
    for kind, name, _, args in CREATED.findall(sql):
        out[name] = (kind.upper(), [a.strip() for a in args.split(",")] if args else [])
    return out


@pytest.mark.parametrize("file", STAGING_FILES)
def test_every_staging_model_is_described_in_the_spec_of_its_file(file):
    assert (STAGING_DIR / f"{file}.yml").exists(), f"staging/{file}.yml manque"
    described = {n for n, m in staging_models().items() if m.file == f"staging/{file}"}
    assert described == set(created(file)), f"staging/{file}.yml"


def columns_of(cursor, relation: str) -> list[str]:
    return [d[0] for d in cursor.execute(f"SELECT * FROM {relation} LIMIT 0").description]


@pytest.fixture(scope="module")
def database(demo_db: Path):
    db = Database(demo_db)
    yield db
    db.close()


@pytest.mark.parametrize("name", sorted(staging_models()))
def test_a_staging_model_has_the_columns_or_arguments_of_its_spec(name, database):
    model = staging_models()[name]
    kind, arguments = created(model.file.removeprefix("staging/"))[name]
    with database.cursor() as cursor:
        if not model.is_table:
            assert kind == "MACRO" and not model.columns
            assert list(model.arguments) == arguments, f"{name} : arguments du spec"
            return
        if arguments:
            assert model.call.startswith(f"{name}("), f"{name} : « call » en exemple"
        relation = model.call or name
        actual = columns_of(cursor, relation)
        inherited = columns_of(cursor, model.extends) if model.extends else []
        assert len(actual) == len(set(actual))
        assert set(actual) == set(inherited) | set(model.columns), (
            f"{name} : colonnes de la vue {sorted(set(actual) - set(inherited))}, du spec "
            f"{sorted(model.columns)}"
        )
        assert not set(model.columns) & set(inherited), f"{name} : colonne déjà dans extends"
        assert all(model.columns.values()), f"{name} : colonne sans description"
