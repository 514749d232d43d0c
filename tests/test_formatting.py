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


def test_one_rule_per_kind():
    from dashboard.formatting import fmt

    assert fmt(1988, "year") == "1988"  # never « 1 988 »
    assert fmt(1234, "count") == f"1{NNBSP}234"
    assert fmt(0.5, "share") == f"50,0{NBSP}%"
    assert fmt(15.5, "ratio") == "15,5"
    assert fmt(6, "months") == f"6{NBSP}mois"
    assert fmt(40, "points") == f"40{NBSP}points"
    assert fmt(12.5, "euros") == f"12,50{NBSP}€"
    assert fmt(None, "year") == "—"


def test_evolutions_carry_their_unit():
    assert fmt_delta(30, 24, "months") == f"+6{NBSP}mois"
    assert fmt_delta(50, 60, "points") == f"-10{NBSP}points"
    assert fmt_delta(16.8, 15.5, "ratio") == "+1,3"
    assert fmt_delta(0.40, 0.45, "share") == f"-5,0{NBSP}pt"


# -- texts from the data, shown by Markdown (issue 16) ----------------------------------------


def test_plain_text_leaves_no_markdown_to_interpret():
    from dashboard.formatting import WORD_JOINER, plain_text

    hostile = "actions [Se connecter](https://x.example) ![p](http://y/p.png) <b>x</b> $x$ :red[a]"
    escaped = plain_text(hostile)
    for char in "[]()!<>$:":
        assert char not in escaped.replace(f"\\{char}", "")  # each one escaped
    # bare addresses are broken by an invisible character, what a reader sees is unchanged
    assert WORD_JOINER in plain_text("www.x.example") and WORD_JOINER in plain_text("a@b.fr")
    assert plain_text("fichier.csv").replace("\\", "") == "fichier.csv"
    assert plain_text("ligne 1\n# titre") == "ligne 1 \\# titre"
    assert plain_text(None) == ""


def test_literal_and_chart_text():
    from dashboard.formatting import chart_text, literal

    assert literal("nom@ccvg.fr") == "`nom@ccvg.fr`"
    assert literal("a`b") == "`` a`b ``"
    assert chart_text('<a href="https://x">Axe</a> & co') == (
        '&lt;a href="https://x"&gt;Axe&lt;/a&gt; &amp; co'
    )
