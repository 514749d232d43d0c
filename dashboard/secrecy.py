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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

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
    while True:
        if _close_single_lines(values, constraints, status):
            continue
        pinned = determined(values, constraints, status, threshold)
        if not pinned or not any(_protect(k, values, constraints, status) for k in pinned):
            return status


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
    values: Mapping[Key, float], constraints: Sequence[Constraint], status: dict[Key, str]
) -> bool:
    """Hides a second cell in every exact line that hides exactly one: the quick, usual case."""
    added = False
    for constraint in constraints:
        if not constraint.exact:
            continue
        if sum(k in status for k in constraint.cells) == 1:
            cell = _candidate(constraint, values, status)
            if cell is not None:
                status[cell] = SECONDARY
                added = True
    return added


def _protect(
    cell: Key,
    values: Mapping[Key, float],
    constraints: Sequence[Constraint],
    status: dict[Key, str],
) -> bool:
    """Hides one more cell near `cell`: in the line around it that hides the fewest, or, when
    every cell of its lines is hidden or zero, in the lines of the hidden cells around it
    (nearest first)."""
    seen_cells, seen_lines = {cell}, set()
    frontier = [cell]
    while frontier:
        lines = sorted(
            {
                i
                for i, c in enumerate(constraints)
                if i not in seen_lines and any(k in c.cells for k in frontier)
            },
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
    constraints: Sequence[Constraint],
    status: Mapping[Key, str],
    threshold: int,
) -> dict[Key, tuple[float, float]]:
    """The smallest and largest value each hidden cell can take, for someone who sees the rest
    of the set (linear programming, one connected group of hidden cells at a time)."""
    out: dict[Key, tuple[float, float]] = {}
    for group, lines in _components(constraints, status):
        index = {k: i for i, k in enumerate(group)}
        a_eq, b_eq, a_ub, b_ub = [], [], [], []
        for line in lines:
            row = np.zeros(len(group))
            known = 0.0
            for sign, key in ((1.0, line.total), *((-1.0, p) for p in line.parts)):
                if key in index:
                    row[index[key]] += sign
                else:
                    known += sign * values[key]
            # total - Σ parts = 0 (exact) or >= 0 (partial), the shown cells moved right
            if line.exact:
                a_eq.append(row)
                b_eq.append(-known)
            else:
                a_ub.append(-row)
                b_ub.append(known)
        box = [_domain(status[k], threshold) for k in group]
        if not lines:  # nothing links these cells to anything shown: their own range
            out.update(zip(group, box, strict=True))
            continue
        for key, i in index.items():
            objective = np.zeros(len(group))
            objective[i] = 1.0
            low = _optimum(objective, a_eq, b_eq, a_ub, b_ub, box)
            high = _optimum(-objective, a_eq, b_eq, a_ub, b_ub, box)
            out[key] = (values[key] if low is None else low, values[key] if high is None else -high)
    return out


def _optimum(objective, a_eq, b_eq, a_ub, b_ub, box) -> float | None:
    result = linprog(
        objective,
        A_eq=np.array(a_eq) if a_eq else None,
        b_eq=np.array(b_eq) if b_eq else None,
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=np.array(b_ub) if b_ub else None,
        bounds=box,
        method="highs",
    )
    return float(result.fun) if result.status == 0 else None


def determined(
    values: Mapping[Key, float],
    constraints: Sequence[Constraint],
    status: Mapping[Key, str],
    threshold: int,
) -> list[Key]:
    """The hidden cells whose value the rest of the set pins down."""
    pinned = []
    for key, (low, high) in bounds(values, constraints, status, threshold).items():
        if np.floor(high + 1e-6) - np.ceil(low - 1e-6) < 1:
            pinned.append(key)
    return sorted(pinned, key=str)


def _components(
    constraints: Sequence[Constraint], status: Mapping[Key, str]
) -> Iterable[tuple[list[Key], list[Constraint]]]:
    """Groups of hidden cells linked by a line, each with the lines that touch it."""
    parent: dict[Key, Key] = {k: k for k in status}

    def root(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    touching = [c for c in constraints if any(k in status for k in c.cells)]
    for line in touching:
        hidden = [k for k in line.cells if k in status]
        for other in hidden[1:]:
            parent[root(other)] = root(hidden[0])
    groups: dict[Key, list[Key]] = {}
    for k in status:
        groups.setdefault(root(k), []).append(k)
    lines: dict[Key, list[Constraint]] = {}
    for line in touching:
        first = next(k for k in line.cells if k in status)
        lines.setdefault(root(first), []).append(line)
    for r, group in groups.items():
        yield group, lines.get(r, [])
