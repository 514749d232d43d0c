"""Secondary suppression (dashboard/secrecy.py), tried as an attacker would.

The attacker sees every shown cell of a table with its margins, knows that a cell shown
« < 11 » holds 1 to 10 and that a cell shown « secret » holds at least 11, and searches for
every table that fits. The search here is a plain backtracking over integers, written
independently of the linear programming the module uses: a masked cell is safe only if two
different values of it fit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.secrecy import PRIMARY, SECONDARY, Constraint, suppress

T = 11


def table(cells: list[list[int]]) -> tuple[dict, list[Constraint]]:
    """A table with row totals, column totals and the grand total, and its sums."""
    rows, cols = len(cells), len(cells[0])
    values = {(r, c): cells[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        values[(r, "*")] = sum(cells[r])
    for c in range(cols):
        values[("*", c)] = sum(cells[r][c] for r in range(rows))
    values[("*", "*")] = sum(map(sum, cells))
    constraints = [Constraint((r, "*"), tuple((r, c) for c in range(cols))) for r in range(rows)]
    constraints += [Constraint(("*", c), tuple((r, c) for r in range(rows))) for c in range(cols)]
    constraints.append(Constraint(("*", "*"), tuple(("*", c) for c in range(cols))))
    constraints.append(Constraint(("*", "*"), tuple((r, "*") for r in range(rows))))
    return values, constraints


def alternatives(values, constraints, status, cell) -> bool:
    """Whether a table other than the true one, with another value in `cell`, fits what the
    attacker sees: a depth-first search over integers, each branch narrowed by the lines (a
    line's unknowns must be able to reach its sum), written apart from the module's solver."""
    top = 2 * sum(values.values()) + T  # no upper bound is known to the attacker
    lines = [[(1, c.total)] + [(-1, p) for p in c.parts] for c in constraints]

    def narrow(box: dict) -> dict | None:
        """Tightens each unknown's range from every line until nothing moves."""
        box = dict(box)
        changed = True
        while changed:
            changed = False
            for line in lines:
                for sign, key in line:
                    if key not in box:
                        continue
                    # sign·key = -(Σ of the others' signed values): bound it from their ranges
                    low = high = 0
                    for s2, k2 in line:
                        if k2 == key and s2 == sign:
                            continue
                        lo2, hi2 = box.get(k2, (values[k2], values[k2]))
                        low += min(s2 * lo2, s2 * hi2)
                        high += max(s2 * lo2, s2 * hi2)
                    lo, hi = sorted((-high * sign, -low * sign))
                    old = box[key]
                    new = (max(old[0], lo), min(old[1], hi))
                    if new[0] > new[1]:
                        return None
                    if new != old:
                        box[key] = new
                        changed = True
        return box

    def solvable(box: dict | None) -> bool:
        box = narrow(box) if box is not None else None
        if box is None:
            return False
        open_cells = [k for k, (lo, hi) in box.items() if lo < hi]
        if not open_cells:
            return True
        key = min(open_cells, key=lambda k: box[k][1] - box[k][0])
        lo, hi = box[key]
        return any(solvable({**box, key: (v, v)}) for v in range(lo, hi + 1))

    start = {k: (1, T - 1) if s == PRIMARY else (T, top) for k, s in status.items()}
    lo, hi = start[cell]
    others = sorted(range(lo, hi + 1), key=lambda v: abs(v - values[cell]))
    return any(solvable({**start, cell: (v, v)}) for v in others if v != values[cell])


small_tables = st.integers(2, 4).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 12), st.integers(1, 4), st.integers(11, 25)),
                min_size=cols,
                max_size=cols,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=100, deadline=None)
@given(small_tables)
def test_no_masked_cell_is_determined(cells):
    values, constraints = table(cells)
    status = suppress(values, constraints, T)
    for key, value in values.items():
        if 0 < value < T:
            assert status.get(key) == PRIMARY  # every small count is hidden
    for key in status:
        assert alternatives(values, constraints, status, key), (cells, status, key)


def test_a_single_small_cell_takes_a_second_one_with_it():
    values, constraints = table([[20, 5], [30, 40]])
    status = suppress(values, constraints, T)
    # (0, 1) = 5 is small; its row and its column would give it back: both get a second cell
    assert status[(0, 1)] == PRIMARY
    assert sum(s == SECONDARY for s in status.values()) >= 2
    assert (0, "*") in status or (0, 0) in status


def test_two_ones_in_a_line_are_not_enough():
    # 1 + 1 = 2: two hidden cells, but a total of 2 leaves a single possibility
    values = {"total": 2, "a": 1, "b": 1, "c": 0}
    constraints = [Constraint("total", ("a", "b", "c"))]
    status = suppress(values, constraints, T)
    for key in status:
        assert alternatives(values, constraints, status, key)


def test_one_and_eleven_are_not_enough():
    # 1 (« < 11 ») + 11 (« secret ») = 12: the secret one is at least 11, so the small one is 1
    values = {"total": 112, "a": 1, "b": 11, "c": 100}
    constraints = [Constraint("total", ("a", "b", "c"))]
    status = suppress(values, constraints, T)
    assert "b" in status
    for key in status:
        assert alternatives(values, constraints, status, key)


def test_nothing_small_nothing_hidden():
    values, constraints = table([[12, 0], [30, 40]])
    assert suppress(values, constraints, T) == {}


def test_the_brute_force_attacker_finds_a_plain_leak():
    # the attacker's search is itself tested: a lone hidden cell in a line is found out
    values, constraints = table([[20, 5], [30, 40]])
    assert not alternatives(values, constraints, {(0, 1): PRIMARY}, (0, 1))
