"""Chart builders as the meeting room reads them: a hidden figure keeps its place and says
why, the projector's copy enlarges every text, small counts tick by units."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.bars import grouped_value_bars
from dashboard.figures.charts import FONT_SIZE, bar, box, enlarge
from dashboard.figures.cotation import criteria_shares, tranche_bars
from dashboard.formatting import fmt_pct
from dashboard.masking import FLAG
from dashboard.ui.layout import wider_than_the_page


def test_a_hidden_band_reads_its_marker_instead_of_drawing_nothing():
    long = pd.DataFrame(
        {
            "indicateur": ["0 à 19 points", "20 à 39 points", "100 points et plus"],
            "nombre": [math.nan, 19, math.nan],
            "cache": ["< 11", "", "secret"],
        }
    )
    fig = tranche_bars(long, "Demandes par tranche", "#000091", "Demandes")
    assert list(fig.data[0].text) == ["< 11", "19", "secret"]
    assert list(fig.data[0].y) == [0, 19, 0]
    assert "100 points<br>et plus" in list(fig.data[0].x)  # wrapped, never slanted or cut


def test_a_hidden_share_of_a_pair_reads_secret():
    frame = pd.DataFrame(
        {
            "public_libelle": ["Primo-demandeurs", "Ensemble"],
            "part_quart": [math.nan, 0.25],
            FLAG + "part_quart": [True, False],
            "part_file_quart": [0.264, 0.26],
        }
    )
    fig = grouped_value_bars(
        frame,
        "public_libelle",
        {"part_quart": ("Attributions", "#18753C"), "part_file_quart": ("Référence", "#929292")},
        "Attributions au quart supérieur",
    )
    observed, reference = fig.data
    assert list(observed.text) == ["secret", fmt_pct(0.25)]
    assert list(reference.text) == [fmt_pct(0.264), fmt_pct(0.26)]


def test_criteria_keep_their_whole_wording_and_say_when_hidden():
    long_name = (
        "Personnes exposées à des situations d'habitat indigne ou de locaux impropres à "
        "l'habitation"
    )
    frame = pd.DataFrame(
        {
            "libelle": [long_name, "Logement indigne"],
            "part_demandes": [0.12, math.nan],
            FLAG + "part_demandes": [False, True],
        }
    )
    fig = criteria_shares(frame, "part_demandes", "Part des demandes", "#000091")
    labels = list(fig.data[0].y)
    assert labels[0].replace("<br>", " ") == long_name and "…" not in labels[0]
    assert list(fig.data[0].text)[1] == "secret"


def _boxes(medians: list[float], groups: list[str], categories: list[str]) -> pd.DataFrame:
    rows = pd.DataFrame({"public_libelle": categories, "population": groups, "mediane": medians})
    for quantile, shift in (("p10", -30), ("q1", -10), ("q3", 10), ("p90", 30)):
        rows[quantile] = rows["mediane"] + shift
    return rows


def test_a_wholly_hidden_series_of_boxes_keeps_its_legend_entry_saying_secret():
    frame = _boxes(
        [math.nan, math.nan, 40.0, 45.0],
        ["Ménages logés", "Ménages logés", "File active", "File active"],
        ["Primo", "Mutation", "Primo", "Mutation"],
    )
    fig = box(frame, "public_libelle", "Notes", color="population")
    assert [t.name for t in fig.data] == ["Ménages logés : secret", "File active"]
    assert all(t.showlegend for t in fig.data)
    assert not fig.layout.annotations
    # the legend-only trace comes first: the axis must stay one of categories, not numbers
    assert fig.layout.xaxis.type == "category"


def test_a_hidden_box_reads_secret_in_its_place():
    frame = _boxes(
        [math.nan, 50.0, 40.0, 45.0],
        ["Ménages logés", "Ménages logés", "File active", "File active"],
        ["Primo", "Mutation", "Primo", "Mutation"],
    )
    fig = box(frame, "public_libelle", "Notes", color="population")
    assert [t.name for t in fig.data] == ["Ménages logés", "File active"]
    assert [(a.x, a.text) for a in fig.layout.annotations] == [("Primo", "secret")]
    assert list(fig.layout.xaxis.categoryarray) == ["Primo", "Mutation"]  # the frame's order


def test_the_projector_copy_enlarges_ticks_axis_titles_and_legend():
    fig = bar(
        pd.DataFrame({"commune": ["Brignais", "Millery"], "n": [120, 40]}),
        "commune",
        "n",
        "Demandes",
        x_title="Commune",
        y_title="Demandes",
    )
    big = enlarge(fig, 1.5, chars=50)
    assert big.layout.xaxis.tickfont.size == FONT_SIZE * 1.5
    assert big.layout.yaxis.title.font.size == FONT_SIZE * 1.5
    assert big.layout.legend.font.size == FONT_SIZE * 1.5
    assert fig.layout.xaxis.tickfont.size is None  # the page's own copy is left as it was


def test_a_few_units_tick_by_one():
    few = bar(pd.DataFrame({"axe": ["1", "2"], "n": [4, 3]}), "axe", "n", "Actions")
    many = bar(pd.DataFrame({"axe": ["1", "2"], "n": [400, 300]}), "axe", "n", "Demandes")
    assert few.layout.yaxis.dtick == 1
    assert many.layout.yaxis.dtick is None
    assert isinstance(few, go.Figure)


def test_a_table_wider_than_the_page_is_told():
    narrow = pd.DataFrame({"Commune": ["Brignais"], "Demandes": ["1 091"]})
    wide = pd.DataFrame(
        {f"Attributions aux ménages prioritaires n° {i}": ["1 091"] for i in range(6)}
    )
    assert not wider_than_the_page(narrow)
    assert wider_than_the_page(wide)


def test_a_change_of_zero_gets_no_arrow():
    from dashboard.ui.show import unchanged

    assert unchanged("+0") and unchanged("+0,0\u202fpt") and unchanged("0\u00a0mois")
    assert not unchanged("+0,4\u202fpt") and not unchanged("-69") and not unchanged(None)
