"""Small counts (1 to threshold - 1) are hidden with the shares computed from them."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.masking import FLAG, display, mask


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "commune": ["Brignais", "Millery", "Vourles", "Montagny"],
            "attributions": [40, 10, 11, 0],
            "prioritaires": [12, 3, 11, 0],
        }
    ).assign(part=lambda f: f["prioritaires"] / f["attributions"])


def test_counts_below_threshold_are_hidden_with_their_shares():
    masked = mask(
        frame(),
        ["attributions", "prioritaires"],
        {"part": ["prioritaires", "attributions"]},
        threshold=11,
    )
    # 10 and 3 are below 11; 11 and 0 are shown; 0 points at no household
    assert masked[FLAG + "attributions"].tolist() == [False, True, False, False]
    assert masked[FLAG + "prioritaires"].tolist() == [False, True, False, False]
    assert masked[FLAG + "part"].tolist() == [False, True, False, False]
    assert masked["attributions"].isna().tolist() == [False, True, False, False]
    assert masked.loc[0, "part"] == 12 / 40


def test_a_share_is_hidden_when_its_numerator_alone_is_small():
    data = pd.DataFrame({"n": [100], "k": [4]}).assign(part=lambda f: f["k"] / f["n"])
    masked = mask(data, ["n", "k"], {"part": ["k", "n"]}, threshold=11)
    assert masked[FLAG + "part"].tolist() == [True]


def test_display_writes_secret_labels_in_french():
    masked = mask(
        frame(),
        ["attributions", "prioritaires"],
        {"part": ["prioritaires", "attributions"]},
        threshold=11,
    )
    shown = display(
        masked,
        {"attributions": "int", "prioritaires": "int", "part": "pct"},
        11,
        {"attributions": "Attributions"},
    )
    assert shown["Attributions"].tolist() == ["40", "< 11", "11", "0"]
    assert shown["part"].tolist() == ["30,0\u00a0%", "secret", "100,0\u00a0%", "—"]
    assert not any(c.startswith(FLAG) for c in shown.columns)


def test_threshold_zero_hides_nothing():
    masked = mask(frame(), ["attributions"], threshold=0)
    assert not masked[FLAG + "attributions"].any()


def test_two_columns_under_one_heading_are_refused():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(ValueError, match="même intitulé"):
        display(frame, {}, 11, {"a": "Part", "b": "Part"})
