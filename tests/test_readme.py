"""The README documents the data contract the importer applies, and the two commands."""

from __future__ import annotations

from dashboard.contract import EXTRACTS
from dashboard.settings import REPO_DIR

README = (REPO_DIR / "README.md").read_text(encoding="utf-8")


def test_every_contract_column_is_documented():
    for extract in EXTRACTS.values():
        section = README.split(f"#### `{extract.kind}`")[1].split("####")[0]
        for column in extract.columns:
            assert f"| `{column.name}` |" in section, (extract.kind, column.name)


def test_two_commands_and_ci():
    assert "make run" in README and "make test" in README
    assert "make test" in (REPO_DIR / ".ci" / "run").read_text()
