from datetime import date

from dashboard.formatting import fmt_date, fmt_delta, fmt_int, fmt_months, fmt_num, fmt_pct

NNBSP, NBSP = "\u202f", "\u00a0"


def test_french_numbers():
    assert fmt_int(1234567) == f"1{NNBSP}234{NNBSP}567"
    assert fmt_num(3.14159, 2) == "3,14"
    assert fmt_num(12345.5) == f"12{NNBSP}345,5"
    assert fmt_pct(0.425) == f"42,5{NBSP}%"
    assert fmt_months(24) == f"24{NBSP}mois"
    assert fmt_int(None) == fmt_pct(float("nan")) == "—"


def test_dates_and_deltas():
    assert fmt_date(date(2026, 1, 5)) == "05/01/2026"
    assert fmt_delta(10, 12) == "-2"  # a plain minus: st.metric shows it going down
    assert fmt_delta(0.45, 0.40, "pct") == f"+5,0{NBSP}pt"
    assert fmt_delta(5, None) is None
