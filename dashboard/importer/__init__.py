"""`cil import`: read, validate, then write one extract atomically.

Validation happens before the database is touched; checks that need the database (links
between extracts) run inside the write transaction on a copy. Either way a refused file leaves
the database byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import models
from dashboard.codes import LOGEMENT_ACTUEL_MUTATION
from dashboard.contract import EXTRACTS, KINDS
from dashboard.duck import execute, scalar
from dashboard.importer import identifying
from dashboard.importer.errors import ImportFailed, ImportRefused, Problem
from dashboard.importer.reader import read_extract
from dashboard.importer.rpls import prepare_rpls
from dashboard.importer.store import list_archives, write_atomically
from dashboard.importer.validate import validate
from dashboard.settings import Settings, get_settings

__all__ = ["ImportFailed", "ImportRefused", "ImportReport", "import_file", "undo_last_import"]


@dataclass
class ImportReport:
    kind: str
    file: str
    rows: int
    sha256: str
    already_imported: bool = False
    millesime: int | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already_imported:
            return (
                f"{self.file} : fichier déjà importé à l'identique ({self.kind}) ; rien n'a changé."
            )
        what = f"{self.kind} {self.millesime}" if self.millesime else self.kind
        text = f"{self.file} : {self.rows:,} lignes importées ({what}).".replace(",", "\u202f")
        return "\n".join([text, *[f"  avertissement : {w}" for w in self.warnings]])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _current_sha(db_path: Path, kind: str, millesime: int | None) -> str | None:
    if not db_path.exists():
        return None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = execute(
            con,
            """
            SELECT sha256 FROM import_log
            WHERE kind = ? AND action = 'import' AND millesime IS NOT DISTINCT FROM ?
            ORDER BY import_id DESC LIMIT 1
            """,
            [kind, millesime],
        )
    except duckdb.Error:
        return None
    finally:
        con.close()
    return rows[0][0] if rows else None


def import_file(
    kind: str,
    path: Path,
    db_path: Path,
    *,
    extraction_date: dt.date | None = None,
    millesime: int | None = None,
    demo: bool = False,
    display_name: str | None = None,
    settings: Settings | None = None,
    publish: bool = True,
    max_size_mb: int | None = None,
) -> ImportReport:
    """Validates `path` whole, then writes it into `db_path` atomically, with the publication
    for the public rebuilt in the same write (`publish=False` leaves it to a later import,
    when several extracts are loaded in a row). `max_size_mb` raises the size limit for an
    extract known to be large (a department, the country: `cil import --taille-max`)."""
    if kind not in KINDS:
        raise ImportRefused(
            [
                Problem(
                    str(path), f"type d'extrait inconnu « {kind} » (attendu : {', '.join(KINDS)})"
                )
            ]
        )
    settings = settings or get_settings()
    path = Path(path)
    name = display_name or path.name
    if not demo:  # the demo's extracts are generated here, at the scale asked (bench/)
        _check_size(kind, path, name, max_size_mb)
    raw = read_extract(path, name)
    identifying.check(raw, kind)  # before anything else: anonymised extracts only
    digest = sha256_of(path)
    if kind == "logements":
        prepared = prepare_rpls(raw, settings, millesime)
        frame, warnings, millesime = prepared.frame, prepared.warnings, prepared.millesime
        if raw.problems:
            raise ImportRefused(raw.problems[:20], total=len(raw.problems))
    else:
        validated = validate(raw, EXTRACTS[kind], extraction_date)
        frame, warnings = validated.frame, validated.warnings
        frame.insert(0, "ligne", [raw.line(i) for i in range(len(frame))])
        warnings += _content_warnings(kind, frame, settings)
        warnings += _formula_warnings(kind, frame)
    report = ImportReport(kind, name, len(frame), digest, millesime=millesime, warnings=warnings)
    if _current_sha(db_path, kind, millesime) == digest:
        report.already_imported = True
        return report

    def change(con: duckdb.DuckDBPyConnection) -> None:
        con.register("incoming", frame)
        LOADERS[kind](con, name, millesime)
        _check_links(con, kind, name)
        con.unregister("incoming")
        execute(
            con,
            """
            INSERT INTO import_log
            SELECT coalesce(max(import_id), 0) + 1, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?
            FROM import_log
            """,
            [
                kind,
                name,
                digest,
                len(frame),
                millesime,
                extraction_date,
                dt.datetime.now(),
                demo,
                "\n".join(warnings) or None,
            ],
        )
        if publish:
            publish_into(con, settings)
        else:  # the models would describe the data before this import
            models.drop(con)

    write_atomically(Path(db_path), change, label=f"avant-{kind}")
    return report


def publish_into(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Rebuilds, in the write, the models (dashboard/models.py) then the publication for the
    public (dashboard/publication.py), which reads them."""
    from dashboard import publication
    from dashboard.db import prepare_cursor

    models_into(con, settings)
    # The publication's queries run on several cursors at once, each query on one thread:
    # hundreds of small queries share the cores better than one by one, each on every thread
    # (demo: 8.1 s one by one, 4.2 s on two cursors). A cursor sees only committed data;
    # the write is on a copy of the database, thrown away if anything fails after this
    # commit, so the import stays atomic.
    execute(con, "COMMIT")
    execute(con, "BEGIN TRANSACTION")
    readers = [con.cursor() for _ in range(max(settings.fils, 1))]
    try:
        for reader in readers:
            prepare_cursor(reader, settings)
        execute(con, "SET threads = 1")
        publication.build(con, settings, readers)
    finally:
        execute(con, f"SET threads = {int(settings.fils)}")
        for reader in readers:
            reader.close()


def models_into(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Builds the models (dashboard/models.py) in the write, from the staging views."""
    from dashboard.db import prepare_cursor

    fingerprint = prepare_cursor(con, settings, use_models=False)
    models.build(con, settings, fingerprint)


def publish(db_path: Path, settings: Settings | None = None) -> None:
    """`cil publier`: rebuilds the publication alone (after a change of the settings)."""
    settings = settings or get_settings()
    write_atomically(
        Path(db_path), lambda con: publish_into(con, settings), label="avant-publication"
    )


# An extract of the territory weighs a few Mo; far more is the wrong file (a national
# extract) and would only exhaust memory. The RPLS file is published per region or nationally.
MAX_SIZE_MB = {"logements": 2048}
DEFAULT_MAX_SIZE_MB = 100


def _check_size(kind: str, path: Path, name: str, max_size_mb: int | None) -> None:
    if not path.is_file():
        return  # read_extract says « fichier introuvable »
    size_mb = path.stat().st_size / (1024 * 1024)
    limit = max_size_mb or MAX_SIZE_MB.get(kind, DEFAULT_MAX_SIZE_MB)
    if size_mb > limit:
        raise ImportRefused(
            [
                Problem(
                    name,
                    f"fichier trop volumineux ({size_mb:.0f} Mo, au plus {limit} Mo pour un "
                    f"extrait {kind}) : vérifiez qu'il ne couvre que le territoire (un extrait "
                    f"plus large, voulu : cil import avec --taille-max {int(size_mb) + 1})",
                )
            ]
        )


def _formula_warnings(kind: str, frame: pd.DataFrame) -> list[str]:
    """A text starting with « = » is a spreadsheet formula exported as text: kept as written
    (the exports never let a spreadsheet run it), but the user should know."""
    warnings = []
    for column in EXTRACTS[kind].columns:
        if column.type not in ("text", "id") or column.name not in frame:
            continue
        hit = frame[column.name].astype("str").str.startswith("=").fillna(False)
        if hit.any():
            lines = [str(n) for n in frame.loc[hit, "ligne"].head(10)]
            more = " …" if hit.sum() > 10 else ""
            warnings.append(
                f"colonne {column.name}, ligne{'s' if len(lines) > 1 else ''} "
                f"{', '.join(lines)}{more} : valeur commençant par « = » (une formule de "
                "tableur), gardée comme texte et jamais calculée"
            )
    return warnings


def _content_warnings(kind: str, frame: pd.DataFrame, settings: Settings) -> list[str]:
    warnings = []
    if kind == "demandes":
        known = set(settings.guichet_par_code_source)
        unknown = frame.loc[~frame["guichet"].isin(known), "guichet"]
        if len(unknown):
            listed = ", ".join(sorted(unknown.unique())[:10])
            warnings.append(
                f"{len(unknown)} demandes enregistrées par un guichet absent des paramètres "
                f"({listed}) : comptées dans « {settings.guichet_autre.nom} »"
            )
        warnings += _outside_warnings(frame, settings)
        warnings += _cotation_warnings(frame, settings)
    return warnings


def _outside_warnings(frame: pd.DataFrame, settings: Settings) -> list[str]:
    """Demands whose first wished commune is outside the territory are kept (the guichets'
    activity counts them, queries/staging/01_demandes.sql) but stay out of the demand on the
    territory: the user should know how many."""
    first = frame["communes_souhaitees"].str.split("|").str[0]
    outside = ~first.isin(settings.insee_codes)
    if not outside.any():
        return []
    own = {s for g in settings.guichets if not g.en_ligne and not g.par_defaut for s in g.codes}
    by_own = int((outside & frame["guichet"].isin(own)).sum())
    return [
        f"{int(outside.sum())} demandes souhaitent en premier une commune hors du territoire : "
        f"gardées, mais hors de la demande sur le territoire ; {by_own} d'entre elles, "
        "enregistrées par un guichet du territoire, comptent dans l'activité des guichets"
    ]


def _cotation_warnings(frame: pd.DataFrame, settings: Settings) -> list[str]:
    """Declared criteria absent from the grid of the demand's public (default version): they
    count zero points, which the user must know (a typo, or a primo-only criterion declared
    for a mutation)."""
    version = settings.grille_cotation
    grid = pd.DataFrame(
        [(c.public, c.code) for c in settings.grilles if c.version == version],
        columns=["public", "code"],
    ).assign(dans_grille=True)
    declared = frame.loc[frame["criteres_cotation"].notna()]
    public = (declared["logement_actuel"] == LOGEMENT_ACTUEL_MUTATION).map(
        {True: "mutation", False: "primo"}
    )
    pairs = (
        pd.DataFrame({"public": public, "code": declared["criteres_cotation"].str.split("|")})
        .explode("code")
        .reset_index()
        .drop_duplicates()  # a code repeated in one demand is one demand carrying it
    )
    pairs = pairs.merge(grid, on=["public", "code"], how="left")
    outside = pairs[pairs["dans_grille"].isna()]
    if outside.empty:
        return []
    counts = outside.groupby(["code", "public"]).size().sort_values(ascending=False)
    listed = " ; ".join(
        f"{code} ({public}) : {n} demande{'s' if n > 1 else ''}"
        for (code, public), n in counts.head(15).items()
    )
    more = f" ; et {len(counts) - 15} autres codes" if len(counts) > 15 else ""
    return [
        f"{outside['index'].nunique()} demandes portent un critère de cotation absent de la "
        f"grille {version} de leur public, compté 0 point : {listed}{more}"
    ]


def _replace(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    execute(con, f"DELETE FROM {table}")
    execute(con, f"INSERT INTO {table} {select}")


def _load_demandes(con: duckdb.DuckDBPyConnection, name: str, millesime: int | None) -> None:
    _replace(
        con,
        "demandes",
        """
        SELECT demande_id, date_depot, date_renouvellement, date_radiation, motif_radiation,
               guichet, commune_residence, string_split(communes_souhaitees, '|'), typologie,
               taille_menage, age_demandeur, logement_actuel, motif, quartile_1, prioritaire,
               dalo,
               CASE WHEN criteres_cotation IS NULL THEN []::VARCHAR[]
                    ELSE string_split(criteres_cotation, '|') END
        FROM incoming
        """,
    )


def _load_attributions(con: duckdb.DuckDBPyConnection, name: str, millesime: int | None) -> None:
    _replace(
        con,
        "attributions",
        """
        SELECT attribution_id, demande_id, date_attribution, date_bail, commune, typologie,
               financement, bailleur, contingent, qpv, mutation, prioritaire, dalo, quartile_1,
               relogement_anru, logement_actuel, motif, anciennete_mois, score_cotation,
               motif_sans_bail, relogement_copro_degradee
        FROM incoming
        """,
    )


def _load_commissions(con: duckdb.DuckDBPyConnection, name: str, millesime: int | None) -> None:
    _replace(
        con,
        "commissions",
        "SELECT date_commission, dossier_id, commune_souhaitee, typologie, issue FROM incoming",
    )


def _load_actions(con: duckdb.DuckDBPyConnection, name: str, millesime: int | None) -> None:
    _replace(
        con,
        "actions",
        """
        SELECT row_number() OVER (ORDER BY ligne), axe, thematique, objectif, mise_en_oeuvre,
               partenaires, statut, annee_realisation
        FROM incoming
        """,
    )


def _load_logements(con: duckdb.DuckDBPyConnection, name: str, millesime: int | None) -> None:
    execute(con, "DELETE FROM logements WHERE millesime = ?", [millesime])
    execute(
        con,
        """
        INSERT INTO logements
        SELECT millesime, ligne, depcom, libcom, adresse, codepostal, x, y, epsg, lon, lat,
               nbpiece, typologie, surfhab, construct, finan_code, financement, qpv,
               qpv_libelle, dpe, typeconst
        FROM incoming
        """,
    )


LOADERS = {
    "demandes": _load_demandes,
    "attributions": _load_attributions,
    "commissions": _load_commissions,
    "actions": _load_actions,
    "logements": _load_logements,
}


def _check_links(con: duckdb.DuckDBPyConnection, kind: str, name: str) -> None:
    """Links between extracts, checked on the copy being written (so on the data as it will
    be): an attribution's demand must exist and be filed before the attribution."""
    if kind != "attributions":
        return
    if not scalar(con, "SELECT count(*) FROM demandes"):
        return
    rows = execute(
        con,
        """
        SELECT i.ligne, i.demande_id, d.demande_id IS NULL AS absente
        FROM incoming i
        LEFT JOIN demandes d USING (demande_id)
        WHERE i.demande_id IS NOT NULL
          AND (d.demande_id IS NULL OR i.date_attribution < d.date_depot)
        ORDER BY i.ligne
        """,
    )
    if rows:
        problems = [
            Problem(
                name,
                "demande absente de l'extrait des demandes importé"
                if absent
                else "attribution antérieure au dépôt de la demande liée",
                line=line,
                column="demande_id",
                value=demande,
            )
            for line, demande, absent in rows
        ]
        raise ImportRefused(problems[:20], total=len(problems))


def undo_last_import(db_path: Path) -> str:
    """Puts back the database as it was before the last import (`cil import --annuler`)."""
    db_path = Path(db_path).resolve()
    archives = list_archives(db_path)
    if not archives:
        raise ImportFailed("Aucun import à annuler : pas d'archive pour cette base.")
    latest = archives[-1]

    def note(con: duckdb.DuckDBPyConnection) -> None:
        execute(
            con,
            """
            INSERT INTO import_log (import_id, kind, action, fichier, importe_le, avertissements)
            SELECT coalesce(max(import_id), 0) + 1, 'base', 'annulation', ?, ?, ?
            FROM import_log
            """,
            [
                latest.name,
                dt.datetime.now(),
                "base remise dans son état précédent (dernier import annulé)",
            ],
        )

    write_atomically(db_path, note, label="annulation", source=latest, archive_current=False)
    latest.unlink()
    return f"Dernier import annulé : base remise dans l'état de l'archive {latest.name}."
