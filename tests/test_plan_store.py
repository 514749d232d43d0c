"""Plan actions: statuses saved in the app are kept with their history, concurrent changes
are all kept, and the status in force follows the most recent of import and edit."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest

from dashboard.plan_store import ActionStore, action_key, store_path_for

ACTIONS = [
    {
        "axe": "1. Accueil",
        "thematique": "Guichet",
        "objectif": "Ouvrir des permanences",
        "mise_en_oeuvre": "Permanences dans les communes",
        "statut": "non_fait",
    },
    {
        "axe": "1. Accueil",
        "thematique": "Information",
        "objectif": "Informer",
        "mise_en_oeuvre": "Ateliers",
        "statut": "fait",
        "annee_realisation": 2026,
    },
    {
        "axe": "4. Cotation",
        "thematique": "Grille",
        "objectif": "Évaluer la grille",
        "mise_en_oeuvre": "Bilan annuel",
        "statut": "partiellement_fait",
    },
]


def test_history_keeps_every_change(tmp_path):
    store = ActionStore(tmp_path / "s.sqlite")
    store.record("k1", "partiellement_fait", "lancé", "cheffe@ccvg.fr")
    store.record("k1", "fait", "terminé", "cheffe@ccvg.fr", 2026)
    history = store.history()
    assert history["statut"].tolist() == ["partiellement_fait", "fait"]
    assert history["annee_realisation"].tolist()[1] == 2026
    with pytest.raises(ValueError, match="Statut inconnu"):
        store.record("k1", "termine")


def _write_many(path, worker: int, count: int) -> None:
    store = ActionStore(path)
    for i in range(count):
        store.record(f"k{worker}", "fait", f"{worker}-{i}")


# Other processes run in a fresh interpreter: multiprocessing's "spawn" would re-run
# whatever script is __main__ (after AppTest, the dashboard itself).
_WRITER = (
    "import sys; from dashboard.plan_store import ActionStore\n"
    "store = ActionStore(sys.argv[1])\n"
    "for i in range(int(sys.argv[3])):\n"
    "    store.record(f'k{sys.argv[2]}', 'fait', f'{sys.argv[2]}-{i}')\n"
)


def test_concurrent_changes_are_all_kept(tmp_path):
    path = tmp_path / "s.sqlite"
    ActionStore(path).history()
    processes = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(10 + w), "20"])
        for w in range(2)
    ]
    threads = [threading.Thread(target=_write_many, args=(path, w, 20)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    history = ActionStore(path).history()
    assert len(history) == 6 * 20
    assert history["changement_id"].is_unique


def test_key_is_the_same_in_python_and_sql(make_db):
    db = make_db(actions=ACTIONS)
    expected = [action_key(a["axe"], a["objectif"], a["mise_en_oeuvre"]) for a in ACTIONS]
    with db.cursor() as cursor:
        keys = [
            r[0]
            for r in cursor.execute(
                "SELECT action_cle FROM stg_actions ORDER BY action_id"
            ).fetchall()
        ]
    assert keys == expected and len(set(keys)) == 3


def test_status_in_force_and_synthesis(make_db):
    db = make_db(actions=ACTIONS)
    store = ActionStore(store_path_for(db.path))
    key0 = action_key(ACTIONS[0]["axe"], ACTIONS[0]["objectif"], ACTIONS[0]["mise_en_oeuvre"])
    key2 = action_key(ACTIONS[2]["axe"], ACTIONS[2]["objectif"], ACTIONS[2]["mise_en_oeuvre"])
    # an edit older than the import of the list does not override it
    store.record(key2, "non_fait", "ancienne saisie", when=dt.datetime(2000, 1, 1))
    # an edit after the import does
    store.record(key0, "fait", "permanences ouvertes", "cheffe", 2026)

    def run(name, **params):
        with db.cursor() as cursor:
            cursor.register("suivi_actions", store.history())
            from dashboard import queries

            return queries.run(cursor, name, **params)

    actions = run("plan/actions").set_index("action_cle")
    assert actions.loc[key0, "statut"] == "fait"
    assert actions.loc[key0, "dernier_commentaire"] == "permanences ouvertes"
    assert actions.loc[key2, "statut"] == "partiellement_fait"  # the import wins
    synthese = run("plan/synthese", annee=2026).set_index("axe")
    # axis 1: both actions now « fait », both in 2026; axis 4: one partial
    assert synthese.loc["1. Accueil", ["actions", "fait", "realisees_annee"]].tolist() == [2, 2, 2]
    assert synthese.loc["4. Cotation", ["partiellement_fait", "fait"]].tolist() == [1, 0]
    total = synthese.loc["Ensemble du plan"]
    assert total[["actions", "non_fait", "partiellement_fait", "fait"]].tolist() == [3, 0, 1, 2]
    assert total["part_fait"] == pytest.approx(2 / 3)
