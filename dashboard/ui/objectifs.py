"""The large share-against-target figure of the pages (st.metric)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.figures.objectifs import MET, MISSED, STATUS
from dashboard.formatting import MISSING, fmt_pct
from dashboard.masking import FLAG, SECRET


def target_metric(label: str, row: pd.Series, share: str, help_text: str) -> None:
    """A large figure for the projector: the share, and under it « ✓ atteint » or
    « ✗ non atteint » with the target, in green or orange (the words carry the meaning)."""
    target = f"objectif {fmt_pct(row['objectif'])}"
    if row[FLAG + share]:
        value, delta, colour = SECRET, target, "gray"
    elif pd.isna(row[share]):
        value, delta, colour = MISSING, f"aucune attribution · {target}", "gray"
    else:
        status = row[STATUS]
        value = fmt_pct(row[share])
        delta = f"{status} · {target}"
        colour = {MET: "green", MISSED: "orange"}.get(status, "gray")
    st.metric(
        label,
        value,
        delta=delta,
        delta_color=colour,
        delta_arrow="off",
        help=help_text,
        border=True,
    )
