"""Statistical secrecy over a whole set of published counts: primary and secondary suppression.

A count strictly between 0 and the threshold is hidden (primary suppression). Hiding it is not
enough when the set also shows a total it belongs to: the total minus the other cells gives it
back. So wherever a total equals the sum of its parts (a commune total and its typologies, the
territory and its communes, one total broken down two ways), a second cell is hidden
(secondary suppression), and the set is then audited as an attacker would: knowing every shown
count, that a count shown « < 11 » lies between 1 and 10 and that a count shown « secret » is at
least 11, can a hidden count be deduced? Linear programming bounds each hidden count; while one
is pinned to a single value, another cell of one of its lines is hidden.

What this guarantees: no hidden count is determined by the shown counts and the sums declared
(each keeps at least two possible values). What it does not: it knows only the sums it is told
(dashboard/publication.py derives them from the catalogue's dimensions); ranges may be narrow
(« between 1 and 3 »); and figures outside the publication (an earlier release, a member's
export) are not taken into account.
"""

from __future__ import annotations

import heapq
import itertools
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import highspy
import numpy as np

Key = Hashable
PRIMARY = "primaire"  # a small count: shown « < 11 »
SECONDARY = "secondaire"  # hidden so that a small one cannot be deduced: shown « secret »
_UNBOUNDED = 10**9


@dataclass(frozen=True)
class Constraint:
    """`total` = the sum of `parts` (exact), or at least that sum (a partial breakdown)."""

    total: Key
    parts: tuple[Key, ...]
    exact: bool = True

    @property
    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def primary(values: Mapping[Key, float], threshold: int) -> dict[Key, str]:
    return {k: PRIMARY for k, v in values.items() if 0 < v < threshold}


def suppress(
    values: Mapping[Key, float], constraints: Sequence[Constraint], threshold: int
) -> dict[Key, str]:
    """The hidden cells of the set and why (PRIMARY or SECONDARY)."""
    status = primary(values, threshold)
    if not status or threshold <= 1:
        return status
    constraints = [c for c in constraints if all(k in values for k in c.cells)]
    lines_of: dict[Key, list[int]] = {}  # each cell's lines, found once for every search
    for i, c in enumerate(constraints):
        for k in c.cells:
            lines_of.setdefault(k, []).append(i)
    cache: dict = {}
    linked = _Linked(constraints, lines_of)
    hidden = _HiddenPerLine(constraints, lines_of)
    while True:
        if _close_single_lines(values, constraints, status, lines_of, hidden):
            continue
        pinned = determined(values, status, threshold, linked, cache)
        if not pinned or not any(
            _protect(k, values, constraints, status, lines_of) for k in pinned
        ):
            return status


class _HiddenPerLine:
    """How many hidden cells each line holds, kept up to date as cells are hidden (they are
    never shown again): the exact lines hiding exactly one are the ones to close. Counting
    them afresh at each pass was most of the time of a pass."""

    def __init__(self, constraints: Sequence[Constraint], lines_of: Mapping[Key, Sequence[int]]):
        self.constraints = constraints
        self.lines_of = lines_of
        self.count = [0] * len(constraints)
        self.single: set[int] = set()  # exact lines hiding exactly one cell
        self.counted = 0  # cells of `status` counted so far (a dict keeps their order)

    def catch_up(self, status: Mapping[Key, str]) -> None:
        for cell in itertools.islice(status, self.counted, None):
            self.hide(cell)
        self.counted = len(status)

    def hide(self, cell: Key) -> None:
        for i in self.lines_of.get(cell, ()):
            self.count[i] += 1
            if self.count[i] == 1 and self.constraints[i].exact:
                self.single.add(i)
            else:
                self.single.discard(i)


def _candidate(
    constraint: Constraint, values: Mapping[Key, float], status: Mapping[Key, str]
) -> Key | None:
    """The cell to hide next in a line: its smallest shown part above zero (a zero says
    nothing), else its total."""
    shown = [k for k in constraint.parts if k not in status and values[k] > 0]
    if shown:
        return min(shown, key=lambda k: (values[k], str(k)))
    if constraint.total not in status and values[constraint.total] > 0:
        return constraint.total
    return None


def _close_single_lines(
    values: Mapping[Key, float],
    constraints: Sequence[Constraint],
    status: dict[Key, str],
    lines_of: Mapping[Key, Sequence[int]],
    hidden: _HiddenPerLine,
) -> bool:
    """Hides a second cell in every exact line that hides exactly one: the quick, usual case.
    The lines are taken in their order, as a pass over all of them would, but only those
    hiding one cell are visited (the others have nothing to close)."""
    hidden.catch_up(status)
    pending = sorted(hidden.single)  # a sorted list is a heap
    visited: set[int] = set()
    added = False
    while pending:
        i = heapq.heappop(pending)
        if i in visited:
            continue
        visited.add(i)
        if i not in hidden.single:
            continue
        cell = _candidate(constraints[i], values, status)
        if cell is not None:
            status[cell] = SECONDARY
            hidden.hide(cell)
            hidden.counted += 1
            added = True
            # its later lines may now hide one cell (earlier ones wait for the next pass)
            for j in lines_of.get(cell, ()):
                if j > i and j not in visited and j in hidden.single:
                    heapq.heappush(pending, j)
    return added


def _protect(
    cell: Key,
    values: Mapping[Key, float],
    constraints: Sequence[Constraint],
    status: dict[Key, str],
    lines_of: Mapping[Key, Sequence[int]],
) -> bool:
    """Hides one more cell near `cell`: in the line around it that hides the fewest, or, when
    every cell of its lines is hidden or zero, in the lines of the hidden cells around it
    (nearest first). `lines_of`: the lines of each cell."""
    seen_cells, seen_lines = {cell}, set()
    frontier = [cell]
    while frontier:
        lines = sorted(
            {i for k in frontier for i in lines_of.get(k, ()) if i not in seen_lines},
            key=lambda i: (
                not constraints[i].exact,
                sum(k in status for k in constraints[i].cells),
            ),
        )
        for i in lines:
            candidate = _candidate(constraints[i], values, status)
            if candidate is not None:
                status[candidate] = SECONDARY
                return True
        seen_lines.update(lines)
        frontier = [
            k for i in lines for k in constraints[i].cells if k in status and k not in seen_cells
        ]
        seen_cells.update(frontier)
    return False


def _domain(status: str, threshold: int) -> tuple[float, float]:
    return (1, threshold - 1) if status == PRIMARY else (threshold, _UNBOUNDED)


def bounds(
    values: Mapping[Key, float],
    status: Mapping[Key, str],
    threshold: int,
    linked: _Linked,
    cache: dict | None = None,
) -> dict[Key, tuple[float, float]]:
    """The range of values each hidden cell can take, for someone who sees the rest of the set:
    linear programming over each connected group of hidden cells (a group with a single line
    is solved by hand). The range is exact for every cell it pins or nearly pins; for a cell
    already seen to take two integer values, it may be only part of the true range (see
    `_linear_programs`). `cache` keeps the groups that did not change since the last call."""
    out: dict[Key, tuple[float, float]] = {}
    for group, lines in linked.components(status):
        signature = frozenset((k, status[k]) for k in group)
        if cache is not None and signature in cache:
            out.update(cache[signature])
            continue
        box = {k: _domain(status[k], threshold) for k in group}
        if not lines:  # nothing links these cells to anything shown: their own range
            found = box
        elif len(lines) == 1:
            found = _one_line(lines[0], values, box)
        else:
            found = _linear_programs(group, lines, values, box)
        if cache is not None:
            cache[signature] = found
        out.update(found)
    return out


def _signed(line: Constraint) -> list[tuple[float, Key]]:
    """total - Σ parts = 0 (exact) or >= 0 (partial)."""
    return [(1.0, line.total), *((-1.0, p) for p in line.parts)]


def _one_line(
    line: Constraint, values: Mapping[Key, float], box: Mapping[Key, tuple[float, float]]
) -> dict[Key, tuple[float, float]]:
    """Exact ranges for the hidden cells of a single line (integer ranges add up to a range)."""
    terms = _signed(line)
    known = sum(sign * values[k] for sign, k in terms if k not in box)
    hidden = [(sign, k) for sign, k in terms if k in box]
    spans = {k: sorted((sign * box[k][0], sign * box[k][1])) for sign, k in hidden}
    out = {}
    for sign, key in hidden:
        others_low = sum(spans[k][0] for _, k in hidden if k != key)
        others_high = sum(spans[k][1] for _, k in hidden if k != key)
        # known + sign·key + others = 0 (exact) or >= 0 (partial)
        upper = -known - others_low if line.exact else _UNBOUNDED
        lower = -known - others_high
        if sign < 0:
            lower, upper = -upper, -lower
        own = box[key]
        out[key] = (max(own[0], lower), min(own[1], upper))
    return out


def _linear_programs(
    group: Sequence[Key],
    lines: Sequence[Constraint],
    values: Mapping[Key, float],
    box: Mapping[Key, tuple[float, float]],
) -> dict[Key, tuple[float, float]]:
    solver = _solver()
    solver.clearModel()
    index = {k: i for i, k in enumerate(group)}
    size = len(group)
    solver.addVars(
        size,
        np.array([box[k][0] for k in group], dtype=float),
        np.array([box[k][1] for k in group], dtype=float),
    )
    for line in lines:
        known = 0.0
        coefficients: dict[int, float] = {}
        for sign, key in _signed(line):
            if key in index:
                coefficients[index[key]] = coefficients.get(index[key], 0.0) + sign
            else:
                known += sign * values[key]
        columns = np.array(list(coefficients), dtype=np.int32)
        weights = np.array(list(coefficients.values()), dtype=float)
        upper = -known if line.exact else highspy.kHighsInf
        solver.addRow(-known, upper, len(columns), columns, weights)
    out = {}
    every = np.arange(size, dtype=np.int32)
    # Every optimum is a point the attacker cannot rule out: the values each cell takes across
    # them are part of its range. Once they already hold two integers, the cell is not pinned
    # and its own two programs are skipped (the range kept is then only part of the true one,
    # which is all `determined` needs); a cell that could still be pinned is always solved.
    seen_low = np.full(size, np.inf)
    seen_high = np.full(size, -np.inf)
    for key, i in index.items():
        if np.floor(seen_high[i] + 1e-6) - np.ceil(seen_low[i] - 1e-6) >= 1:
            out[key] = (float(seen_low[i]), float(seen_high[i]))
            continue
        costs = np.zeros(size)
        costs[i] = 1.0
        solver.changeColsCost(size, every, costs)
        found = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            solver.changeObjectiveSense(sense)
            solver.run()
            optimal = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
            found.append(solver.getInfo().objective_function_value if optimal else values[key])
            if optimal:
                point = np.asarray(solver.getSolution().col_value, dtype=float)
                np.minimum(seen_low, point, out=seen_low)
                np.maximum(seen_high, point, out=seen_high)
        out[key] = (found[0], found[1])
    return out


@lru_cache(maxsize=1)
def _solver() -> highspy.Highs:
    # HiGHS prints a banner on the process's standard output (not Python's) when created.
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as quiet:
            os.dup2(quiet.fileno(), 1)
            solver = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    solver.setOptionValue("output_flag", False)
    return solver


def determined(
    values: Mapping[Key, float],
    status: Mapping[Key, str],
    threshold: int,
    linked: _Linked,
    cache: dict | None = None,
) -> list[Key]:
    """The hidden cells whose value the rest of the set pins down."""
    pinned = []
    found = bounds(values, status, threshold, linked, cache)
    for key, (low, high) in found.items():
        if np.floor(high + 1e-6) - np.ceil(low - 1e-6) < 1:
            pinned.append(key)
    return sorted(pinned, key=str)


class _Linked:
    """The hidden cells in groups linked by a line, each group with the lines that touch it.
    Kept from one round of the audit to the next: cells are only ever added to the hidden
    set, so groups only merge, and each new cell's lines are looked at once."""

    def __init__(
        self, constraints: Sequence[Constraint], lines_of: Mapping[Key, Sequence[int]]
    ) -> None:
        self.constraints = constraints
        self.lines_of = lines_of
        self.parent: dict[Key, Key] = {}
        self.anchor: dict[int, Key] = {}  # line touching a hidden cell -> one of those cells

    def _root(self, k: Key) -> Key:
        parent = self.parent
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def _add(self, cell: Key) -> None:
        self.parent[cell] = cell
        for i in self.lines_of.get(cell, ()):
            if i in self.anchor:
                self.parent[self._root(cell)] = self._root(self.anchor[i])
            else:
                self.anchor[i] = cell

    def components(self, status: Mapping[Key, str]) -> Iterable[tuple[list[Key], list[Constraint]]]:
        """The groups of the hidden cells of `status` (in its order), each with its lines
        (in their order)."""
        for k in status:
            if k not in self.parent:
                self._add(k)
        groups: dict[Key, list[Key]] = {}
        for k in status:
            groups.setdefault(self._root(k), []).append(k)
        lines: dict[Key, list[Constraint]] = {}
        for i in sorted(self.anchor):
            lines.setdefault(self._root(self.anchor[i]), []).append(self.constraints[i])
        for r, group in groups.items():
            yield group, lines.get(r, [])
