"""Mid-term evaluation of the plan: the key indicators of a baseline year and of a later year
side by side, with the change and the target, and their trajectory over the years.

The indicators are those of `cil indicateurs` (one definition, one SQL file each); this module
only says which ones the evaluation follows, how to name them and against which target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import exports
from dashboard.db import Database
from dashboard.indicators import compute_indicators


@dataclass(frozen=True)
class Followed:
    key: str  # dotted path in the output of `cil indicateurs`
    label: str
    theme: str
    fmt: str  # int, pct, num, mois
    target_key: str | None = None  # dotted path of the target in the same output
    base_key: str | None = None  # the count a share is computed on (for secrecy)
    higher_is_better: bool | None = None


FOLLOWED: list[Followed] = [
    Followed(
        "demandes_actives",
        "Demandes actives au 31/12",
        "Demande",
        "int",
        base_key="demandes_actives",
    ),
    Followed(
        "enregistrements",
        "Demandes enregistrées dans l'année",
        "Demande",
        "int",
        base_key="enregistrements",
    ),
    Followed(
        "part_mutation_demandes_actives",
        "Part des mutations dans la demande active",
        "Demande",
        "pct",
        base_key="demandes_actives",
    ),
    Followed(
        "taux_pression",
        "Pression (demandes actives par attribution)",
        "Demande",
        "num",
        base_key="attributions",
        higher_is_better=False,
    ),
    Followed(
        "part_mutation_attributions",
        "Part des mutations parmi les attributions",
        "Demande",
        "pct",
        base_key="attributions",
    ),
    Followed(
        "delai_attente_moyen_mois",
        "Délai d'attente moyen (mois)",
        "Demande",
        "mois",
        base_key="attributions",
        higher_is_better=False,
    ),
    Followed(
        "delai_attente_median_mois",
        "Délai d'attente médian (mois)",
        "Demande",
        "mois",
        base_key="attributions",
        higher_is_better=False,
    ),
    Followed(
        "attributions",
        "Attributions dans l'année",
        "Attributions et CIA",
        "int",
        base_key="attributions",
        higher_is_better=True,
    ),
    Followed(
        "prioritaires.total.taux",
        "Attributions aux ménages prioritaires (tous réservataires)",
        "Attributions et CIA",
        "pct",
        "prioritaires.total.objectif",
        "prioritaires.total.attributions",
        True,
    ),
    Followed(
        "prioritaires.etat.taux",
        "dont contingent de l'État",
        "Attributions et CIA",
        "pct",
        "prioritaires.etat.objectif",
        "prioritaires.etat.attributions",
        True,
    ),
    Followed(
        "prioritaires.collectivites.taux",
        "dont collectivités",
        "Attributions et CIA",
        "pct",
        "prioritaires.collectivites.objectif",
        "prioritaires.collectivites.attributions",
        True,
    ),
    Followed(
        "prioritaires.action_logement.taux",
        "dont Action Logement",
        "Attributions et CIA",
        "pct",
        "prioritaires.action_logement.objectif",
        "prioritaires.action_logement.attributions",
        True,
    ),
    Followed(
        "prioritaires.bailleurs.taux",
        "dont bailleurs",
        "Attributions et CIA",
        "pct",
        "prioritaires.bailleurs.objectif",
        "prioritaires.bailleurs.attributions",
        True,
    ),
    Followed(
        "part_situations_cia_parmi_prioritaires",
        "Trois situations locales parmi les attributions prioritaires",
        "Attributions et CIA",
        "pct",
        "_objectifs.situations_cia",
        "prioritaires.total.prioritaires",
        True,
    ),
    Followed(
        "part_q1_hors_qpv",
        "Premier quartile parmi les attributions hors QPV",
        "Attributions et CIA",
        "pct",
        "_objectifs.q1_hors_qpv",
        None,
        True,
    ),
    Followed(
        "commissions.dossiers",
        "Dossiers examinés en commission de coordination",
        "Attributions et CIA",
        "int",
    ),
    # The plan evaluates its cotation grid on three levels.
    Followed(
        "cotation_evaluation.part_prioritaires_decile",
        "Pertinence : ménages prioritaires ou DALO parmi les 10 % de demandes les mieux notées",
        "Cotation (trois niveaux d'évaluation)",
        "pct",
        base_key="cotation_evaluation.demandes_decile",
        higher_is_better=True,
    ),
    Followed(
        "cotation_evaluation.part_prioritaires_file",
        "… à comparer à leur part dans toute la file active",
        "Cotation (trois niveaux d'évaluation)",
        "pct",
        base_key="demandes_actives",
    ),
    Followed(
        "cotation_evaluation.part_quart",
        "Objectifs CIA : attributions aux demandes du quart supérieur des notes",
        "Cotation (trois niveaux d'évaluation)",
        "pct",
        base_key="cotation_evaluation.attributions_notees",
        higher_is_better=True,
    ),
    Followed(
        "cotation_evaluation.part_file_quart",
        "… à comparer à la part de la file active dans ce quart (tirage au hasard)",
        "Cotation (trois niveaux d'évaluation)",
        "pct",
        base_key="demandes_actives",
    ),
    Followed(
        "delai_attente_median_mois",
        "Fluidité : délai d'attente médian des ménages logés (mois)",
        "Cotation (trois niveaux d'évaluation)",
        "mois",
        base_key="attributions",
        higher_is_better=False,
    ),
    Followed("parc.logements", "Logements sociaux (RPLS)", "Parc social", "int"),
    Followed(
        "parc.part_dpe_f_g",
        "Part des logements classés F ou G (DPE)",
        "Parc social",
        "pct",
        higher_is_better=False,
    ),
]


def lookup(values: dict[str, Any], key: str) -> Any:
    current: Any = values
    for part in key.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def indicators_by_year(
    database: Database, years: list[int], communes: list[str] | None = None
) -> dict[int, dict[str, Any]]:
    settings = database.settings
    out = {}
    for year in years:
        values = compute_indicators(database, year, communes)
        values["_objectifs"] = {
            "situations_cia": settings.objectif_situations_cia,
            "q1_hors_qpv": settings.objectif_q1_hors_qpv,
        }
        out[year] = values
    return out


def comparison(
    values: dict[int, dict[str, Any]], baseline: int, latest: int, threshold: int
) -> pd.DataFrame:
    """One row per followed indicator: baseline, latest, change, target, attainment.

    A value computed on fewer than `threshold` cases is hidden (secrecy), and so is its
    change. Attainment: « atteint » when the latest value meets the target."""
    rows = []
    for item in FOLLOWED:
        row: dict[str, Any] = {"theme": item.theme, "indicateur": item.label, "format": item.fmt}
        for name, year in (("reference", baseline), ("derniere", latest)):
            value = lookup(values[year], item.key)
            base = lookup(values[year], item.base_key) if item.base_key else None
            hidden = base is not None and 0 < base < threshold
            row[name] = None if hidden else value
            row[f"_masque_{name}"] = bool(hidden)
        row["evolution"] = (
            row["derniere"] - row["reference"]
            if row["derniere"] is not None and row["reference"] is not None
            else None
        )
        row["_masque_evolution"] = row["_masque_reference"] or row["_masque_derniere"]
        target = lookup(values[latest], item.target_key) if item.target_key else None
        row["objectif"] = target
        row["atteinte"] = _attainment(row["derniere"], target, item.higher_is_better)
        rows.append(row)
    return pd.DataFrame(rows)


def _attainment(value: Any, target: Any, higher_is_better: bool | None) -> str:
    if target is None:
        return ""
    if value is None:
        return "—"
    met = value >= target - 1e-9 if higher_is_better is not False else value <= target + 1e-9
    return "✓ atteint" if met else "✗ non atteint"


def trajectory(values: dict[int, dict[str, Any]], keys: list[str]) -> pd.DataFrame:
    """Long table year × indicator, for the evolution charts."""
    labels = {f.key: f.label for f in FOLLOWED}
    return pd.DataFrame(
        [
            {"annee": year, "indicateur": labels.get(key, key), "valeur": lookup(v, key)}
            for year, v in sorted(values.items())
            for key in keys
        ]
    )


def default_years(available: list[int], plan_start: int) -> tuple[int, int]:
    """Baseline: the year before the plan started if the data reaches beyond it, else three
    years before the latest year (a mid-term review looks three years back)."""
    latest = available[-1]
    baseline = plan_start - 1 if plan_start - 1 < latest else latest - 3
    return (baseline if baseline in available else available[0]), latest


def comparison_text(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """The comparison in French words, each row in its own unit (the evolution of a share is
    in points)."""
    from dashboard.formatting import FORMATTERS, NBSP, fmt_delta

    def cell(row: pd.Series, column: str) -> str:
        if row[f"_masque_{column}"]:
            return f"< {threshold} cas"
        return FORMATTERS[row["format"]](row[column])

    out = pd.DataFrame(
        {
            "theme": frame["theme"],
            "indicateur": frame["indicateur"],
            "reference": [cell(r, "reference") for _, r in frame.iterrows()],
            "derniere": [cell(r, "derniere") for _, r in frame.iterrows()],
            "evolution": [
                "secret"
                if r["_masque_evolution"]
                else (fmt_delta(r["derniere"], r["reference"], r["format"]) or "—")
                for _, r in frame.iterrows()
            ],
            "objectif": [
                ""
                if pd.isna(r["objectif"]) or r["objectif"] is None
                else FORMATTERS[r["format"]](r["objectif"])
                for _, r in frame.iterrows()
            ],
            "atteinte": frame["atteinte"],
        }
    )
    out["evolution"] = out["evolution"].str.replace(NBSP + "pt", NBSP + "point", regex=False)
    return out


def comparison_labels(baseline: int, latest: int) -> dict[str, str]:
    """The headings of the comparison's columns (page, report and their exports)."""
    return {
        "theme": "Thème",
        "indicateur": "Indicateur",
        "reference": str(baseline),
        "derniere": str(latest),
        "evolution": "Évolution",
        "objectif": "Objectif",
        "atteinte": f"Objectif en {latest}",
    }


def comparison_export(
    frame: pd.DataFrame, threshold: int, labels: dict[str, str]
) -> exports.ExportTable:
    """The comparison for CSV and XLSX: each row's values are numbers in the row's own kind
    (count, share, months…), its change signed (a share's in points), hidden values as
    « < 11 » or « secret »."""
    per_row = dict.fromkeys(("reference", "derniere", "evolution", "objectif"), exports.BY_ROW)
    columns = [c for c in frame.columns if c in labels or c.startswith("_masque_")]
    return exports.export_frame(
        frame[[*columns, "format"]],
        per_row,
        threshold,
        labels,
        row_kind="format",
        signed=["evolution"],
    )
