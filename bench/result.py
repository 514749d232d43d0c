"""What one scale's measures gave, kept in bench/cache/ so that a report can reuse them."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser, first_visit, imports, pages, pandas_way, replay, scales


@dataclass
class ScaleResult:
    scale: scales.Scale
    build: dict
    year: int
    pages: list[pages.PageRun] = field(default_factory=list)
    replays: dict[str, replay.Replay] = field(default_factory=dict)
    pandas: list[pandas_way.Comparison] = field(default_factory=list)
    browser: list[browser.BrowserRun] = field(default_factory=list)
    memory: dict[str, float] = field(default_factory=dict)
    visits: list[first_visit.PageVisits] = field(default_factory=list)  # the floor first
    imported: imports.ImportRun | None = None  # the scale's demand extract, into a new base
    seconds: float = 0.0
    date: str = ""
    load: str = ""  # load average at the end of the scale's measures

    @staticmethod
    def saved_path(name: str) -> Path:
        return scales.CACHE / f"{name}-resultats.pkl"

    def save(self) -> None:
        self.saved_path(self.scale.name).write_bytes(pickle.dumps(self))

    @classmethod
    def load_saved(cls, name: str) -> ScaleResult | None:
        path = cls.saved_path(name)
        return pickle.loads(path.read_bytes()) if path.exists() else None
