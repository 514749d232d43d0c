"""The plan's progress: actions per axis and status, for the page and the report alike."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.charts import bar, wrap
from dashboard.formatting import chart_text
from dashboard.reshape import long_counts
from dashboard.results import Result

# One colour per status, on the page and in the report (the word says it too).
STATUS_COLOURS = {"fait": "#18753C", "partiellement_fait": "#E4794A", "non_fait": "#929292"}


def progress_by_axis(synthese: Result, height: int = 420) -> go.Figure:
    """Stacked bars, one per axis of queries/plan/synthese (its total row left out)."""
    axes = synthese.where(est_total=False)
    long = long_counts(axes, "axe", list(STATUS_COLOURS))
    # an imported text: never HTML in the chart; on two lines, the bars keep the width
    long["axe"] = long["axe"].map(lambda text: wrap(chart_text(text), 40))
    return bar(
        long,
        "axe",
        "nombre",
        synthese.title("par_axe"),
        color="indicateur",
        colors={synthese.label(c): colour for c, colour in STATUS_COLOURS.items()},
        horizontal=True,
        x_title=synthese.label("axe"),
        y_title="Nombre d'actions",
        height=height,
    )
