"""The territory's commune outlines as a GeoDataFrame (geopandas), for the maps and the RPLS
import's check that each residence lies in its own commune.

The outlines are a GeoJSON file in WGS84 (property `code_insee`), simplified: a border may be
off by some tens of metres, hence the tolerance of the check."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

WGS84 = "EPSG:4326"
# A dwelling this close to its commune's (simplified) outline is taken as inside it.
TOLERANCE_METRES = 100.0


@lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    if frame.crs is None:  # GeoJSON is WGS84 by definition
        frame = frame.set_crs(WGS84)
    return frame.to_crs(WGS84)


def communes_frame(path: Path) -> gpd.GeoDataFrame:
    """The outlines, one row per commune (code_insee, nom, geometry), in WGS84."""
    return _read(Path(path), Path(path).stat().st_mtime_ns).copy()


def metric_crs(communes: gpd.GeoDataFrame) -> object:
    """A projection in metres that keeps the territory's shape (its UTM zone)."""
    return communes.estimate_utm_crs()


def outside_their_commune(
    points: pd.DataFrame, communes: gpd.GeoDataFrame, tolerance: float = TOLERANCE_METRES
) -> pd.Series:
    """For rows with lon, lat (WGS84) and depcom: True where the point lies farther than
    `tolerance` metres from its commune's outline. Rows without coordinates, or whose
    commune has no outline, are not judged (False)."""
    crs = metric_crs(communes)
    outlines = communes.set_index("code_insee").to_crs(crs).geometry
    located = points["lon"].notna() & points["lat"].notna() & points["depcom"].isin(outlines.index)
    out = pd.Series(False, index=points.index)
    if not located.any():
        return out
    chosen = points[located]
    where = gpd.GeoSeries(gpd.points_from_xy(chosen["lon"], chosen["lat"]), crs=WGS84).to_crs(crs)
    own = outlines.loc[chosen["depcom"]].reset_index(drop=True)
    distance = where.reset_index(drop=True).distance(own, align=False)
    out.loc[chosen.index] = (distance > tolerance).to_numpy()
    return out
