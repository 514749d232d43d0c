"""`cil`: the command line of the Observatoire CIL (import, demo database, indicators, score)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from dashboard.contract import KINDS

EXIT_REFUSED = 2
EXIT_FAILED = 3


def _date(text: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date invalide « {text} » (attendu JJ/MM/AAAA)")


def _default_db() -> Path:
    from dashboard.db import resolve_db_path

    return resolve_db_path()


def cmd_import(args: argparse.Namespace) -> int:
    from dashboard.importer import ImportFailed, ImportRefused, import_file, undo_last_import
    from dashboard.settings import REAL_DB

    db = args.db or REAL_DB
    try:
        if args.annuler:
            print(undo_last_import(db))
            return 0
        if not args.kind or not args.file:
            print(
                "Précisez le type d'extrait et le fichier : cil import demandes demandes.csv",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        report = import_file(
            args.kind,
            Path(args.file),
            db,
            extraction_date=args.date_extraction,
            millesime=args.millesime,
            max_size_mb=args.taille_max,
        )
    except ImportRefused as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_REFUSED
    except ImportFailed as exc:
        print(f"Import impossible : {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(report.summary())
    print(f"Base : {Path(db).resolve()}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from dashboard.demo import build_demo
    from dashboard.importer import ImportFailed, ImportRefused
    from dashboard.settings import DEMO_DB

    try:
        build_demo(
            args.db or DEMO_DB,
            scale=args.echelle,
            seed=args.graine,
            folder=args.dossier,
            scale_attributions=args.echelle_attributions,
            scale_parc=args.echelle_parc,
        )
    except (ImportRefused, ImportFailed) as exc:  # a bug in the generator, not user input
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_indicateurs(args: argparse.Namespace) -> int:
    from dashboard.db import Database, DatabaseUnavailable
    from dashboard.indicators import compute_indicators, to_csv_rows

    try:
        database = Database(args.db or _default_db())
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    communes = [args.commune] if args.commune else None
    try:
        values = compute_indicators(
            database, args.annee, communes, public=args.public, definitions=args.definitions
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        database.close()
    if args.format == "json":
        print(json.dumps(values, ensure_ascii=False, indent=2, default=str))
    else:
        print("indicateur;valeur")
        for key, value in to_csv_rows(values):
            print(f"{key};{value}")
    return 0


def cmd_rapport(args: argparse.Namespace) -> int:
    from dashboard.db import Database, DatabaseUnavailable
    from dashboard.exports import ImageExportUnavailable
    from dashboard.publication import NotPublished
    from dashboard.report import build_report

    try:
        database = Database(args.db or _default_db())
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    out = args.out or Path(f"bilan_annuel_{args.annee}.{args.format}")

    def progress(fraction: float, message: str) -> None:
        print(f"[{int(fraction * 100):3d} %] {message}", file=sys.stderr)

    try:
        data = build_report(database, args.annee, args.format, progress)
    except (ImageExportUnavailable, NotPublished) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    finally:
        database.close()
    out.write_bytes(data)
    print(f"Rapport écrit : {out.resolve()}")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """The score of a profile in a grid, with the detail of its points (no database needed)."""
    import duckdb

    from dashboard import queries
    from dashboard.db import prepare_cursor
    from dashboard.formatting import fmt_date
    from dashboard.grilles import PUBLICS, SENIORITY, versions
    from dashboard.schema import apply_migrations
    from dashboard.settings import SettingsError, get_settings

    try:
        settings = get_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    grille = args.grille or settings.grille_cotation
    if grille not in versions(settings.grilles):
        print(
            f"Grille inconnue « {grille} » (grilles : {', '.join(versions(settings.grilles))})",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    jour = args.date_reference or dt.date.today()
    if args.date_depot and args.date_depot > jour:
        print("La date de dépôt est postérieure à la date de référence.", file=sys.stderr)
        return EXIT_REFUSED
    criteres = [c.strip().lower() for c in args.criteres.replace(",", "|").split("|") if c.strip()]
    if any(c in SENIORITY for c in criteres):
        print(
            "Note : l'ancienneté est calculée à partir de --date-depot et --date-reference ; "
            "les codes d'ancienneté donnés dans --criteres sont ignorés.",
            file=sys.stderr,
        )
    con = duckdb.connect()  # an empty database with the schema: the same SQL as the pages
    try:
        apply_migrations(con)
        prepare_cursor(con, settings)
        profile = {
            "grille": grille,
            "public": args.public,
            "criteres": criteres,
            "date_depot": args.date_depot,
            "jour": jour,
        }
        detail = queries.run(con, "cotation/profil", **profile)
        note = queries.run(con, "cotation/note", **profile).iloc[0]
    finally:
        con.close()
    rows = detail.to_dict("records")
    total = int(note["total"])
    prioritaire = bool(note["profil_prioritaire"])
    outside = [r["code"] for r in rows if not r["dans_grille"]]
    if outside:
        print(
            f"Attention : absent de la grille {grille} {args.public} (0 point) : "
            + ", ".join(outside),
            file=sys.stderr,
        )
    if args.format == "json":
        values = {
            "grille": grille,
            "public": args.public,
            "date_reference": jour.isoformat(),
            "date_depot": args.date_depot.isoformat() if args.date_depot else None,
            "score": total,
            "prioritaire": prioritaire,
            "criteres": [
                {"code": r["code"], "libelle": r["libelle"], "points": int(r["points"])}
                for r in rows
            ],
        }
        print(json.dumps(values, ensure_ascii=False, indent=2))
        return 0
    print(
        f"Note : {total} point{'s' if total > 1 else ''} — grille {grille}, "
        f"{PUBLICS[args.public].lower()}, au {fmt_date(jour)}"
    )
    width = max([len(r["code"]) for r in rows] + [4])
    for r in rows:
        label = r["libelle"] if r["dans_grille"] else f"absent de la grille {args.public}"
        if r["derive"] and args.date_depot:
            label += f" (dépôt le {fmt_date(args.date_depot)})"
        print(f"  {int(r['points']):>4}  {r['code']:<{width}}  {label}")
    if not rows:
        print("  (aucun critère)")
    print(
        "Profil prioritaire (critère de l'article L441-1 du CCH ou DALO) : "
        + ("oui" if prioritaire else "non")
    )
    return 0


def cmd_migrer(args: argparse.Namespace) -> int:
    from dashboard.importer import ImportFailed, publish
    from dashboard.importer.store import write_atomically

    db = Path(args.db or _default_db())
    if not db.exists():
        print(f"Base introuvable : {db}", file=sys.stderr)
        return EXIT_FAILED
    try:
        write_atomically(db, lambda con: None, label="avant-migration")
        publish(db)
    except ImportFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    print(f"Base à jour : {db}")
    return 0


def cmd_publier(args: argparse.Namespace) -> int:
    from dashboard.importer import ImportFailed, publish

    db = Path(args.db or _default_db())
    if not db.exists():
        print(f"Base introuvable : {db}", file=sys.stderr)
        return EXIT_FAILED
    try:
        publish(db)
    except ImportFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    print(f"Chiffres publics préparés : {db}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cil",
        description=(
            "Observatoire CIL : import des extraits, base de démonstration, indicateurs, "
            "note de cotation."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "import",
        help="importer un extrait (demandes, attributions, logements, commissions, actions)",
    )
    p.add_argument(
        "kind",
        nargs="?",
        choices=KINDS,
        metavar="TYPE",
        help="type d'extrait : " + ", ".join(KINDS),
    )
    p.add_argument("file", nargs="?", metavar="FICHIER", help="fichier CSV ou XLSX")
    p.add_argument("--db", type=Path, help="base à écrire (défaut : data/cil.duckdb)")
    p.add_argument(
        "--date-extraction",
        type=_date,
        metavar="JJ/MM/AAAA",
        help="date d'extraction des données (journal des imports)",
    )
    p.add_argument("--millesime", type=int, help="millésime RPLS (défaut : lu dans le nom)")
    p.add_argument(
        "--taille-max",
        type=int,
        metavar="MO",
        help="taille maximale de l'extrait en Mo (défaut : 100, RPLS 2048), pour un extrait "
        "voulu plus large que le territoire (département, national)",
    )
    p.add_argument(
        "--annuler",
        action="store_true",
        help="annuler le dernier import (remettre la base dans son état précédent)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("demo", help="construire la base de démonstration (données fictives)")
    p.add_argument("--db", type=Path, help="base à écrire (défaut : data/demo.duckdb)")
    p.add_argument(
        "--echelle",
        type=float,
        default=1.0,
        help="multiplie les volumes (1 = le territoire ; 1000 ≈ national)",
    )
    p.add_argument(
        "--echelle-attributions",
        type=float,
        help="facteur pour les attributions seules (par défaut celui de --echelle)",
    )
    p.add_argument(
        "--echelle-parc",
        type=float,
        help="facteur pour le parc RPLS seul (par défaut celui de --echelle)",
    )
    p.add_argument("--graine", type=int, default=2026, help="graine aléatoire (reproductible)")
    p.add_argument("--dossier", type=Path, help="dossier où écrire les extraits CSV")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("indicateurs", help="afficher les chiffres clés d'une année")
    p.add_argument("--db", type=Path, help="base à lire (défaut : data/cil.duckdb ou la démo)")
    p.add_argument("--annee", type=int, required=True)
    p.add_argument("--commune", help="code INSEE d'une commune du territoire")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument(
        "--public",
        action="store_true",
        help="les chiffres publiés (petits effectifs masqués, comme la consultation publique)",
    )
    p.add_argument(
        "--definitions",
        action="store_true",
        help="ajouter la définition de chaque indicateur (clé « definitions »)",
    )
    p.set_defaults(func=cmd_indicateurs)

    p = sub.add_parser("rapport", help="produire le bilan annuel (PDF, HTML ou XLSX)")
    p.add_argument("--db", type=Path, help="base à lire (défaut : data/cil.duckdb ou la démo)")
    p.add_argument("--annee", type=int, required=True)
    p.add_argument("--format", choices=["pdf", "html", "xlsx"], default="pdf")
    p.add_argument("--out", type=Path, help="fichier à écrire (défaut : bilan_annuel_AAAA.ext)")
    p.set_defaults(func=cmd_rapport)
    p = sub.add_parser(
        "score",
        help="calculer la note de cotation d'un profil, avec le détail de ses points",
    )
    p.add_argument("--grille", help="version de la grille (défaut : celle des paramètres)")
    p.add_argument("--public", choices=["primo", "mutation"], required=True)
    p.add_argument(
        "--criteres",
        default="",
        metavar="A|B|C",
        help="codes des critères, séparés par | (voir le README, « Cotation »)",
    )
    p.add_argument(
        "--date-depot", type=_date, metavar="JJ/MM/AAAA", help="date de dépôt (ancienneté)"
    )
    p.add_argument(
        "--date-reference",
        type=_date,
        metavar="JJ/MM/AAAA",
        help="date à laquelle la note est calculée (défaut : aujourd'hui)",
    )
    p.add_argument("--format", choices=["texte", "json"], default="texte")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("migrer", help="mettre une base au format de cette version")
    p.add_argument("--db", type=Path)
    p.set_defaults(func=cmd_migrer)

    p = sub.add_parser(
        "publier",
        help="préparer les chiffres publics (après un changement des paramètres du territoire)",
    )
    p.add_argument("--db", type=Path, help="base (défaut : celle du tableau de bord)")
    p.set_defaults(func=cmd_publier)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
