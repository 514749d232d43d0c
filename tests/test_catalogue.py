"""The catalogue (queries/*.yml) against its queries: one spec beside each SQL file, its
columns those the query returns, its parameters bound, one key per figure."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard import queries
from dashboard.catalogue import _PLACEHOLDER, entries, published_keys, staging_models
from dashboard.publication import _TOKENS
from dashboard.settings import QUERIES_DIR, REPO_DIR

SQL = sorted(
    p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for p in QUERIES_DIR.rglob("*.sql")
)


@pytest.mark.parametrize("name", SQL)
def test_every_query_has_its_spec(name):
    if name.startswith("staging/"):  # views and macros: tests/test_staging_specs.py
        assert any(m.file == name for m in staging_models().values()), f"{name}.yml manque"
        return
    assert name in entries(), f"queries/{name}.yml manque"


def test_every_spec_has_its_query():
    for name in entries():
        assert (QUERIES_DIR / f"{name}.sql").exists(), f"queries/{name}.yml sans requête"


@pytest.mark.parametrize("name", sorted(entries()))
def test_spec_is_tested_and_bound(name):
    entry = entries()[name]
    if not entry.staging:
        assert entry.fixtures, f"{name}.yml : aucune fixture (chiffres attendus à la main)"
    wanted = queries.parameters_of(name)
    for fixture in entry.fixtures:
        assert wanted <= set(fixture.params), f"{fixture.name} : paramètres manquants"
    if entry.publication is not None or any(c.publishes for c in entry.columns.values()):
        assert wanted <= set(entry.params), f"{name}.yml : « params » incomplet"
    for token in entry.params.values():
        tokens = token if isinstance(token, list) else [token]
        for t in tokens:
            assert not isinstance(t, str) or t in _TOKENS or not t.isidentifier(), (
                f"{name}.yml : jeton inconnu « {t} »"
            )
    known = set(wanted) | {"annee_precedente"}
    if {"annee_debut", "annee_fin"} <= wanted:
        known.add("periode")  # « 2025 » or « 2019-2025 » (catalogue.fill)
    texts = [entry.title, *entry.titles.values()]
    texts += [c.label for c in entry.columns.values()] + [c.short for c in entry.columns.values()]
    for text in texts:
        for placeholder in _PLACEHOLDER.findall(text):
            assert placeholder in known, (
                f"{name}.yml : « {{{placeholder}}} » n'est pas un paramètre"
            )
    for column in entry.counts:
        if entry.publication is not None:
            assert entry.columns[column].measure, f"{name}.{column} : « measure » manquant"


def test_one_figure_one_key():
    keys = published_keys()  # raises when a key is published twice
    assert "demandes_actives" in keys and "taux_pression" in keys


# --- pages and report sections are declarations --------------------------------------------
DECLARATIVE = sorted(
    [
        *(REPO_DIR / "dashboard" / "views").glob("*.py"),
        *(REPO_DIR / "dashboard/report/sections").glob("*.py"),
    ]
)
FORBIDDEN_CALLS = {"mask", "mask_targets", "definition", "key_figure", "display", "export_frame"}
FORBIDDEN_KEYWORDS = {"labels", "formats", "shares", "counts"}


def _short(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", DECLARATIVE, ids=_short)
def test_pages_and_sections_type_no_label_nor_masking(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in FORBIDDEN_CALLS:
                problems.append(f"ligne {node.lineno} : appel à {name}()")
            for keyword in node.keywords:
                if keyword.arg in FORBIDDEN_KEYWORDS:
                    problems.append(f"ligne {node.lineno} : {keyword.arg}= tapé dans la page")
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    problems.append(f"ligne {node.lineno} : aide tapée dans la page")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.search(r"Définition|_masque_|_secondaire_", node.value)
        ):
            problems.append(f"ligne {node.lineno} : {node.value[:40]!r}")
    assert not problems, problems
