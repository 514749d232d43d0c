"""French number and date formatting: « 1 234 », « 42,5 % », « 15/01/2026 »."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
NBSP = "\u00a0"
MISSING = "—"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_int(value: Any) -> str:
    if _missing(value):
        return MISSING
    return f"{round(float(value)):,}".replace(",", NNBSP)


def fmt_num(value: Any, decimals: int = 1) -> str:
    if _missing(value):
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def fmt_pct(value: Any, decimals: int = 1) -> str:
    """A share between 0 and 1, as a percentage."""
    if _missing(value) or math.isinf(float(value)):
        return MISSING
    return f"{fmt_num(float(value) * 100, decimals)}{NBSP}%"


def fmt_months(value: Any) -> str:
    if _missing(value):
        return MISSING
    return f"{fmt_num(value, 0 if float(value).is_integer() else 1)}{NBSP}mois"


def fmt_date(value: Any) -> str:
    if _missing(value):
        return MISSING
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp | dt.datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value: Any) -> str:
    if _missing(value):
        return MISSING
    return pd.Timestamp(value).strftime("%d/%m/%Y à %H:%M")


def fmt_delta(current: Any, previous: Any, kind: str = "int") -> str | None:
    """The change against the previous year, signed, for st.metric; None if unknown."""
    if _missing(current) or _missing(previous):
        return None
    diff = float(current) - float(previous)
    if kind == "pct":
        return f"{'+' if diff >= 0 else '-'}{fmt_num(abs(diff) * 100, 1)}{NBSP}pt"
    if kind == "num":
        return f"{'+' if diff >= 0 else '-'}{fmt_num(abs(diff), 1)}"
    return f"{'+' if diff >= 0 else '-'}{fmt_int(abs(diff))}"


FORMATTERS = {
    "int": fmt_int,
    "num": fmt_num,
    "pct": fmt_pct,
    "mois": fmt_months,
    "date": fmt_date,
    "text": lambda v: MISSING if _missing(v) else str(v),
}
