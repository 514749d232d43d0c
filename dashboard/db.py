"""Read access to the database: one read-only connection per file, a pool of cursors.

DuckDB connections are not thread-safe, so each query borrows a cursor of its own from a pool
(Streamlit runs every session in its own thread). Each cursor gets the territory's reference
tables and the staging views (queries/staging/*.sql) once, when it is created.
An import replaces the file by an atomic rename: `Database.identity` changes, and the app
opens the new file while sessions still running on the old one finish on it.

The file is ATTACHed read-only to an in-memory DuckDB of its own rather than opened with
`duckdb.connect(path)`: DuckDB caches database instances by path, so a second `connect` on the
same path after the swap would hand back the instance still reading the old, replaced file.
"""

from __future__ import annotations

import contextlib
import os
import queue
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import codes, models
from dashboard.duck import execute, quoted
from dashboard.grilles import CATEGORIES_LIBELLES, PUBLICS_LIBELLES, Critere, versions
from dashboard.queries import staging_views
from dashboard.schema import SCHEMA_VERSION, current_version
from dashboard.settings import DEMO_DB, REAL_DB, Settings, get_settings

CATALOG = "cil"


class DatabaseUnavailable(Exception):
    """The database cannot be read; the message tells the user what to do, in French."""


def resolve_db_path() -> Path:
    """CIL_DB if set; else the real database once something was imported; else the demo."""
    if env := os.environ.get("CIL_DB"):
        return Path(env)
    return REAL_DB if REAL_DB.exists() else DEMO_DB


@dataclass(frozen=True)
class FileIdentity:
    path: str
    inode: int
    mtime_ns: int
    size: int


def file_identity(path: Path) -> FileIdentity:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatabaseUnavailable(
            f"Base de données introuvable : {path}. Lancez « make run » (qui construit la base "
            "de démonstration) ou importez vos extraits avec « cil import »."
        ) from None
    return FileIdentity(str(path.resolve()), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def reference_frames(settings: Settings) -> dict[str, pd.DataFrame]:
    """The settings as small tables the SQL joins to."""
    communes = pd.DataFrame(
        [
            {
                "insee": c.insee,
                "nom": c.nom,
                "population": c.population,
                "couleur": c.couleur,
                "ordre": i,
            }
            for i, c in enumerate(settings.communes)
        ]
    )
    guichets = pd.DataFrame(
        [
            {
                "code_source": source,
                "guichet": g.code,
                "guichet_nom": g.nom,
                "en_ligne": g.en_ligne,
                "par_defaut": g.par_defaut,
                "couleur": g.couleur,
                "ordre": i,
            }
            for i, g in enumerate(settings.guichets)
            for source in g.codes
        ]
    )
    groupes = pd.DataFrame(
        [
            {
                "contingent": c,
                "groupe": g.code,
                "groupe_nom": g.nom,
                "objectif": g.objectif,
                "priorites": g.priorites,
                "ordre": i,
            }
            for i, g in enumerate(settings.groupes_reservataires)
            for c in g.contingents
        ]
    )
    situations = pd.DataFrame(
        [
            {
                "situation": s.code,
                "situation_nom": s.nom,
                "critere": critere,
                "valeur": valeur,
                "ordre": i,
            }
            for i, s in enumerate(settings.situations_cia)
            for critere, valeurs in (("logement_actuel", s.logement_actuel), ("motif", s.motifs))
            for valeur in valeurs
        ],
        columns=["situation", "situation_nom", "critere", "valeur", "ordre"],
    )
    typologies = pd.DataFrame(
        [
            {
                "typologie": t,
                "typologie_groupe": g,
                "ordre_groupe": codes.ORDRE_GROUPES_TYPOLOGIE.index(g),
            }
            for t, g in codes.GROUPES_TYPOLOGIE.items()
        ]
    )
    parametres = pd.DataFrame(
        [
            {
                "seuil_secret": settings.seuil_secret,
                "objectif_prioritaires_total": settings.objectif_prioritaires_total,
                "objectif_situations_cia": settings.objectif_situations_cia,
                "objectif_q1_hors_qpv": settings.objectif_q1_hors_qpv,
                "objectif_hors_q1_en_qpv": settings.objectif_hors_q1_en_qpv,
                "commissions_par_trimestre": settings.commissions_par_trimestre,
                "delai_anormalement_long_mois": settings.delai_anormalement_long_mois,
            }
        ]
    )
    labels = pd.DataFrame(
        [
            {"liste": liste, "code": code, "libelle": libelle}
            for liste, table in (
                ("logement_actuel", codes.LOGEMENT_ACTUEL),
                ("motif", codes.MOTIFS_DEMANDE),
                ("motif_radiation", codes.MOTIFS_RADIATION),
                ("contingent", codes.CONTINGENTS),
                ("financement", codes.FINANCEMENTS),
                ("issue_commission", codes.ISSUES_COMMISSION),
                ("motif_sans_bail", codes.MOTIFS_SANS_BAIL),
                ("statut_action", codes.STATUTS_ACTION),
                ("categorie_cotation", CATEGORIES_LIBELLES),
                ("public_cotation", PUBLICS_LIBELLES),
            )
            for code, libelle in table.items()
        ]
    )
    grilles = pd.DataFrame(
        [
            {**asdict(c), "version_ordre": versions(settings.grilles).index(c.version)}
            for c in settings.grilles
        ],
        columns=[*(f.name for f in fields(Critere)), "version_ordre"],
    )
    return {
        "ref_communes": communes,
        "ref_guichets": guichets,
        "ref_groupes": groupes,
        "ref_situations_cia": situations,
        "ref_typologies": typologies,
        "ref_parametres": parametres,
        "ref_libelles": labels,
        "ref_grilles": grilles,
    }


def prepare_cursor(
    cursor: duckdb.DuckDBPyConnection, settings: Settings, use_models: bool = True
) -> str:
    """Reference tables, staging views, then the models built at import where they are up
    to date (dashboard/models.py). Returns the fingerprint the models are checked against."""
    # Copied into temporary tables rather than registered: the staging views join them in
    # every query, and a DuckDB table is scanned faster than a pandas frame (the benchmark,
    # bench/, measured 20 to 45 % less CPU per page at the territory's scale).
    frames = reference_frames(settings)
    for name, frame in frames.items():
        cursor.register("_reference", frame)
        execute(cursor, f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _reference")
        cursor.unregister("_reference")
    for sql in staging_views():
        execute(cursor, sql)
    fingerprint = models.digest(frames)
    if use_models and models.current(cursor, fingerprint):
        models.use(cursor)
    return fingerprint


class Database:
    """A database file opened read-only, with a pool of prepared cursors."""

    def __init__(
        self, path: Path, settings: Settings | None = None, use_models: bool = True
    ) -> None:
        self.path = Path(path)
        self.settings = settings or get_settings()
        self.use_models = use_models  # False: the staging views even where models are current
        # An import may swap the file between the stat and the ATTACH: retry until the file
        # attached is the one whose identity we hold.
        for _attempt in range(5):
            identity = file_identity(self.path)
            self._attach()
            self.identity = file_identity(self.path)
            if self.identity == identity:
                break
            self._con.close()
        self._check_schema()
        self._pool: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()

    def _attach(self) -> None:
        self._con = duckdb.connect(":memory:", config=self.settings.duckdb_config())
        try:
            execute(self._con, f"ATTACH {quoted(str(self.path))} AS {CATALOG} (READ_ONLY)")
            execute(self._con, f"USE {CATALOG}")
        except duckdb.IOException as exc:
            self._con.close()
            if "lock" in str(exc).lower():
                raise DatabaseUnavailable(
                    "La base de données est verrouillée par un autre programme (un import en "
                    "cours d'écriture ?). Réessayez dans un instant."
                ) from None
            raise DatabaseUnavailable(f"Base de données illisible : {exc}") from None
        except duckdb.Error as exc:
            self._con.close()
            raise DatabaseUnavailable(f"Base de données illisible ({self.path}) : {exc}") from None

    def _check_schema(self) -> None:
        try:
            version = current_version(self._con)
        except duckdb.Error as exc:
            self._con.close()
            raise DatabaseUnavailable(f"Base de données illisible ({self.path}) : {exc}") from None
        if version < SCHEMA_VERSION:
            self._con.close()
            raise DatabaseUnavailable(
                f"La base {self.path.name} est d'un format plus ancien (version {version}, "
                f"attendue {SCHEMA_VERSION}). Mettez-la à jour avec « cil migrer --db "
                f"{self.path} » ; elle l'est aussi au prochain import."
            )
        if version > SCHEMA_VERSION:
            self._con.close()
            raise DatabaseUnavailable(
                f"La base {self.path.name} a été écrite par une version plus récente de "
                f"l'observatoire (format {version}, cette version lit le format "
                f"{SCHEMA_VERSION}) : mettez l'application à jour."
            )

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            cur = self._pool.get_nowait()
        except queue.Empty:
            cur = self._con.cursor()
            execute(cur, f"USE {CATALOG}")  # a cursor starts on the in-memory catalog
            prepare_cursor(cur, self.settings, self.use_models)
        try:
            yield cur
        finally:
            self._pool.put(cur)

    def close(self) -> None:
        self._con.close()
