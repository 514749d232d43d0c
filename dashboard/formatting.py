"""French number and date formatting: « 1 234 », « 42,5 % », « 15/01/2026 ».

One rule from the kind of a value (the `format` of a column in the catalogue, queries/*.yml):
count, share, ratio, months, year, points, euros, date, text. Years never get a thousands
separator; an evolution carries the unit of its value (« +2,0 pt », « +6 mois »)."""

from __future__ import annotations

import datetime as dt
import math
import re
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


def fmt_year(value: Any) -> str:
    if _missing(value):
        return MISSING
    return str(round(float(value)))


def fmt_points(value: Any) -> str:
    if _missing(value):
        return MISSING
    number = float(value)
    unit = "point" if abs(number) < 2 else "points"  # French: 0 point, 1,5 point, 2 points
    return f"{fmt_num(number, 0 if number.is_integer() else 1)}{NBSP}{unit}"


def fmt_euros(value: Any) -> str:
    if _missing(value):
        return MISSING
    number = float(value)
    return f"{fmt_num(number, 0 if number.is_integer() else 2)}{NBSP}€"


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


# The kinds of the catalogue, and the older short names still used by some pages.
KINDS = ("count", "share", "ratio", "months", "year", "points", "euros", "date", "text")
ALIASES = {"int": "count", "pct": "share", "num": "ratio", "mois": "months"}


def kind_of(kind: str) -> str:
    """The catalogue's name of a kind (`int` → `count`); an unknown kind is an error."""
    canonical = ALIASES.get(kind, kind)
    if canonical not in KINDS:
        raise ValueError(f"format inconnu : {kind!r} (attendu : {', '.join(KINDS)})")
    return canonical


def fmt_delta(current: Any, previous: Any, kind: str = "count") -> str | None:
    """The change against an earlier value, signed and in the unit of the value (a share
    changes in points of percentage), for st.metric and tables; None if unknown."""
    if _missing(current) or _missing(previous):
        return None
    kind = kind_of(kind)
    diff = float(current) - float(previous)
    sign = "+" if diff >= 0 else "-"
    if kind == "share":
        return f"{sign}{fmt_num(abs(diff) * 100, 1)}{NBSP}pt"
    if kind == "months":
        return f"{sign}{fmt_months(abs(diff))}"
    if kind == "points":
        return f"{sign}{fmt_points(abs(diff))}"
    if kind == "euros":
        return f"{sign}{fmt_euros(abs(diff))}"
    if kind == "ratio":
        return f"{sign}{fmt_num(abs(diff), 1)}"
    return f"{sign}{fmt_int(abs(diff))}"


def _text(value: Any) -> str:
    return MISSING if _missing(value) else str(value)


_BY_KIND = {
    "count": fmt_int,
    "share": fmt_pct,
    "ratio": fmt_num,
    "months": fmt_months,
    "year": fmt_year,
    "points": fmt_points,
    "euros": fmt_euros,
    "date": fmt_date,
    "text": _text,
}
FORMATTERS = {**_BY_KIND, **{alias: _BY_KIND[kind] for alias, kind in ALIASES.items()}}


def fmt(value: Any, kind: str) -> str:
    """`value` in French, by the kind of its column."""
    return _BY_KIND[kind_of(kind)](value)


# Every ASCII punctuation character can be backslash-escaped in Markdown (CommonMark), and
# Streamlit's Markdown adds its own syntax on some of them (`$` for formulas, `:` for icons and
# colours, `~`): escaping them all leaves nothing to interpret, whatever the text holds.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"(?i)www\.|:/|@")
WORD_JOINER = "\u2060"


def plain_text(value: Any) -> str:
    """A text from the data or a file name, to be shown by st.markdown, st.caption, st.info…
    exactly as written: links, images, emphasis, HTML tags and formulas are escaped, so that
    a file named `[Se connecter](https://…)` is shown as these characters, never as a link.
    Line breaks become spaces (a new line could start a list or a heading)."""
    if _missing(value):
        return ""
    text = " ".join(str(value).split())
    # Bare addresses (www., http://, name@domain) become links after parsing, escapes or not:
    # an invisible word joiner breaks them.
    text = _AUTOLINK.sub(lambda m: m[0][:-1] + WORD_JOINER + m[0][-1], text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def chart_text(value: Any) -> str:
    """A text from the data for a plotly label: plotly draws `<a href>`, `<b>`, `<br>` found in
    any text, so `<`, `>` and `&` are written as entities (plotly shows them as characters)."""
    if _missing(value):
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def literal(value: Any) -> str:
    """A short text from outside (an e-mail address, an identifier) as a Markdown code span:
    shown exactly as written, copyable as is, never a link (plain_text breaks bare links
    with an invisible character instead, which a copied address would carry)."""
    if _missing(value):
        return ""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"
