"""Key-figure cards of a masked row: the value (or « < 11 » / « secret » when secrecy hid it)
and its change against the previous year's row when both are shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formatting import fmt_delta, fmt_int, fmt_months, fmt_num, fmt_pct
from dashboard.masking import FLAG, SECRET, masked_label

FORMATS = {"int": fmt_int, "pct": fmt_pct, "num": fmt_num, "mois": fmt_months}


def key_figure(
    current: pd.Series,
    previous: pd.Series | None,
    column: str,
    label: str,
    kind: str,
    help_text: str,
    threshold: int,
) -> None:
    """One st.metric for `column` of a row masked by `masking.mask` (kind: int, pct, num, mois)."""
    hidden = bool(current[FLAG + column])
    if hidden:
        value = masked_label(threshold) if kind == "int" else SECRET
    else:
        value = FORMATS[kind](current[column])
    delta = None
    if previous is not None and not hidden and not previous[FLAG + column]:
        delta = fmt_delta(current[column], previous[column], "num" if kind == "mois" else kind)
    st.metric(label, value, delta=delta, delta_color="off", help=help_text, border=True)
