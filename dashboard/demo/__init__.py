"""`cil demo`: fictitious extracts in the contract's CSV format, imported like real ones.

The files are written to a folder (kept, so a user can open them as examples of the format),
then go through `cil import`, the same path as real extracts. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.demo.attributions import generate_attributions
from dashboard.demo.demandes import EXTRACTION, generate_demandes
from dashboard.demo.parc import generate_rpls, outside_rows, previous_millesime
from dashboard.demo.plan import generate_actions, generate_commissions
from dashboard.importer import ImportReport, import_file
from dashboard.settings import Settings, get_settings

DEMANDES_COLUMNS = [
    "demande_id",
    "date_depot",
    "date_renouvellement",
    "date_radiation",
    "motif_radiation",
    "guichet",
    "commune_residence",
    "communes_souhaitees",
    "typologie",
    "taille_menage",
    "age_demandeur",
    "logement_actuel",
    "motif",
    "quartile_1",
    "prioritaire",
    "dalo",
    "criteres_cotation",
]


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """The contract's usual French export: `;`, UTF-8 with BOM, dates JJ/MM/AAAA, oui/non."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%d/%m/%Y")
        elif pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: "oui", False: "non"})
    out.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def write_extracts(
    folder: Path,
    scale: float = 1.0,
    seed: int = 2026,
    settings: Settings | None = None,
    scale_attributions: float | None = None,
    scale_parc: float | None = None,
) -> dict[str, list[Path]]:
    """`scale` multiplies every count; the attributions and the RPLS stock may have their own
    factor, because a department or the country does not have the CCVG's ratios (the CCVG
    has more active demands than social dwellings, France about half as many)."""
    settings = settings or get_settings()
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    demandes = generate_demandes(rng, settings, scale)
    attributions = generate_attributions(rng, demandes, scale_attributions or scale)
    for column in ("date_depot", "date_radiation", "date_renouvellement"):
        demandes[column] = pd.to_datetime(demandes[column])
    for column in ("date_attribution", "date_bail"):
        attributions[column] = pd.to_datetime(attributions[column])
    rpls = generate_rpls(rng, settings, scale_parc or scale)
    commissions = generate_commissions(rng, scale)
    commissions["date_commission"] = pd.to_datetime(commissions["date_commission"])
    files = {
        "demandes": [_write_csv(demandes[DEMANDES_COLUMNS], folder / "demandes.csv")],
        "attributions": [_write_csv(attributions, folder / "attributions.csv")],
        "commissions": [_write_csv(commissions, folder / "commissions.csv")],
        "actions": [_write_csv(generate_actions(), folder / "actions.csv")],
        "logements": [],
    }
    rpls_2024 = previous_millesime(rpls)
    rpls_2024.to_csv(folder / "rpls_2024.csv", sep=";", index=False, encoding="utf-8-sig")
    pd.concat([rpls, outside_rows(rpls)]).to_csv(
        folder / "rpls_2025.csv", sep=";", index=False, encoding="utf-8-sig"
    )
    files["logements"] = [folder / "rpls_2024.csv", folder / "rpls_2025.csv"]
    return files


def build_demo(
    db_path: Path,
    scale: float = 1.0,
    seed: int = 2026,
    folder: Path | None = None,
    progress: Callable[[str], None] = print,
    scale_attributions: float | None = None,
    scale_parc: float | None = None,
) -> list[ImportReport]:
    """Writes the demo extracts and imports them into a fresh database at `db_path`."""
    settings = get_settings()
    db_path = Path(db_path).resolve()
    folder = folder or db_path.with_name(f"{db_path.stem}_extraits")
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    files = write_extracts(folder, scale, seed, settings, scale_attributions, scale_parc)
    progress(
        f"Extraits de démonstration écrits dans {folder} ({time.perf_counter() - started:.1f} s)."
    )
    build = db_path.with_name(db_path.name + ".demo-build")
    build.unlink(missing_ok=True)
    extraction = dt.date.fromisoformat(str(EXTRACTION))
    reports = []
    order = [
        (kind, path)
        for kind in ("demandes", "attributions", "commissions", "actions", "logements")
        for path in files[kind]
    ]
    try:
        for i, (kind, path) in enumerate(order):
            report = import_file(
                kind,
                path,
                build,
                extraction_date=extraction,
                demo=True,
                settings=settings,
                publish=i == len(order) - 1,  # the publication once, with every extract in
            )
            progress(report.summary())
            reports.append(report)
        os.replace(build, db_path)
    finally:
        build.unlink(missing_ok=True)
        shutil.rmtree(build.parent / "archives" / build.stem, ignore_errors=True)
        build.with_name(build.name + ".lock").unlink(missing_ok=True)
    progress(f"Base de démonstration prête : {db_path} ({time.perf_counter() - started:.1f} s).")
    return reports
