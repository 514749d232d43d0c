"""The benchmark of the models against the staging views (bench/modeles.py) runs: one round
on the demo, the same queries timed both ways, and the table written (never timings)."""

from __future__ import annotations

from bench import modeles


def test_the_models_benchmark_times_the_same_queries_both_ways(demo_db):
    views = modeles.timings(demo_db, False, 2025, repeats=1)
    with_models = modeles.timings(demo_db, True, 2025, repeats=1)
    assert views.keys() == with_models.keys()
    assert {"cotation/evaluation", "accueil/chiffres_cles"} <= views.keys()
    assert all(t > 0 for t in (*views.values(), *with_models.values()))


def test_the_table_has_a_line_per_domain_and_the_total(demo_db, monkeypatch):
    monkeypatch.setitem(modeles.scales.SCALES, "essai", modeles.scales.SCALES["territoire"])
    lines = modeles.table("essai", demo_db, 2025)
    assert lines[0].startswith("## Territoire")
    assert any(line.startswith("| cotation |") for line in lines)
    assert any(line.startswith("| **toutes** |") for line in lines)
