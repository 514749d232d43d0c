"""The README documents the data contract the importer applies, and the two commands."""

from __future__ import annotations

from dashboard import readme
from dashboard.contract import EXTRACTS
from dashboard.settings import REPO_DIR, get_settings

README = (REPO_DIR / "README.md").read_text(encoding="utf-8")


def test_every_contract_column_is_documented():
    for extract in EXTRACTS.values():
        section = README.split(f"#### `{extract.kind}`")[1].split("####")[0]
        for column in extract.columns:
            assert f"| `{column.name}` |" in section, (extract.kind, column.name)


def test_two_commands_and_ci():
    assert "make run" in README and "make test" in README
    assert "make test" in (REPO_DIR / ".ci" / "run").read_text()


def test_the_tables_of_the_catalogue_are_up_to_date():
    """The definitions and the evaluation's rows of the README come from the catalogue: after
    a change of a spec, `.venv/bin/python -m dashboard.readme` rewrites them."""
    assert readme.rewrite(README, get_settings()) == README, (
        "README.md pas à jour : lancez « .venv/bin/python -m dashboard.readme »"
    )
    for key in ("demandes_actives", "prioritaires.{groupe}.taux"):
        assert f"| `{key}` |" in README
    assert "| Attributions et CIA | dont Autre |" in README


def test_the_code_map_leads_to_the_catalogue():
    organisation = README.split("## Organisation du code")[1]
    assert "[`queries/README.md`](queries/README.md)" in organisation
