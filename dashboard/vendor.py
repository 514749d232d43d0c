"""Leaflet and its plugins, served by the app itself so the map draws with no internet at all.

Many local-authority networks block CDNs and CI has no internet, so the map never loads a
script from outside. The files are taken at install time from the npm registry (`npm pack`),
checked against the integrity pinned below, and extracted under dashboard/static/vendor/
(git-ignored), which Streamlit serves at /app/static/vendor/. Nothing of them is committed.

`python -m dashboard.vendor` (run by `make install`) fetches what is missing; it does nothing,
quickly, when everything is already there.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dashboard.settings import REPO_DIR

STATIC_DIR = REPO_DIR / "dashboard" / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STAMP = VENDOR_DIR / ".installed.json"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # `npm view NAME@VERSION dist.integrity`
    folder: str  # under vendor/
    files: dict[str, str]  # path in the tarball (under package/) -> path under folder/


PACKAGES: tuple[NpmPackage, ...] = (
    NpmPackage(
        "leaflet",
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        "leaflet",
        {
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
    ),
    NpmPackage(
        "leaflet.markercluster",
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        "markercluster",
        {
            "dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "dist/MarkerCluster.css": "MarkerCluster.css",
            "dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
            "MIT-LICENCE.txt": "LICENSE",
        },
    ),
    NpmPackage(
        "leaflet.fullscreen",
        "3.0.0",
        "sha512-81wWSUXz1ZtdneR0v5eJDWXUSx+Zo5J50WXWeydG/UcILfIEAgz/iOjZSi3p00Z9MJ/FC/P5i3CgdYuEAos0yQ==",
        "fullscreen",
        {
            "Control.FullScreen.js": "Control.FullScreen.js",
            "Control.FullScreen.css": "Control.FullScreen.css",
            "icon-fullscreen.svg": "icon-fullscreen.svg",
            "LICENSE": "LICENSE",
        },
    ),
    NpmPackage(
        "jquery",  # folium's popups call $
        "3.7.1",
        "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
        "jquery",
        {"dist/jquery.min.js": "jquery.min.js", "LICENSE.txt": "LICENSE"},
    ),
)


class VendorError(RuntimeError):
    """The map's files could not be installed; the message says why, in French."""


def _manifest() -> str:
    return json.dumps([[p.name, p.version, p.integrity, p.files] for p in PACKAGES])


def missing_files() -> list[Path]:
    return [
        VENDOR_DIR / p.folder / target
        for p in PACKAGES
        for target in p.files.values()
        if not (VENDOR_DIR / p.folder / target).is_file()
    ]


def installed() -> bool:
    """True when every file is there, from the packages pinned in this version."""
    if missing_files():
        return False
    try:
        return STAMP.read_text(encoding="utf-8") == _manifest()
    except FileNotFoundError:
        return False


def _check_integrity(tarball: Path, expected: str) -> None:
    algorithm, _, digest = expected.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != digest:
        raise VendorError(
            f"{tarball.name} : empreinte inattendue ({algorithm}-{actual}), attendue {expected}. "
            "Le paquet téléchargé n'est pas celui qui a été vérifié : installation arrêtée."
        )


def _npm_pack(package: NpmPackage, folder: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError(
            "npm est introuvable : il faut Node.js et npm pour installer les fichiers de la "
            "carte (Leaflet) depuis le registre npm (paquets Debian nodejs et npm)."
        )
    spec = f"{package.name}@{package.version}"
    result = subprocess.run(
        [npm, "pack", spec, "--pack-destination", str(folder), "--json", "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise VendorError(f"npm pack {spec} a échoué : {result.stderr.strip()[-500:]}")
    filename = json.loads(result.stdout)[0]["filename"]
    return folder / filename


def _extract(package: NpmPackage, tarball: Path) -> None:
    target_dir = VENDOR_DIR / package.folder
    with tarfile.open(tarball, "r:gz") as archive:
        for source, target in package.files.items():
            member = archive.extractfile(f"package/{source}")
            if member is None:
                raise VendorError(f"{package.name} : fichier {source} absent du paquet")
            path = target_dir / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(member.read())


def install(force: bool = False) -> bool:
    """Fetches and extracts every package; returns False when there was nothing to do."""
    if installed() and not force:
        return False
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    STAMP.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for package in PACKAGES:
            tarball = _npm_pack(package, Path(tmp))
            _check_integrity(tarball, package.integrity)
            _extract(package, tarball)
    STAMP.write_text(_manifest(), encoding="utf-8")
    return True


def main() -> int:
    try:
        done = install(force="--force" in sys.argv[1:])
    except VendorError as exc:
        print(f"Fichiers de la carte : {exc}", file=sys.stderr)
        return 1
    if done:
        names = ", ".join(f"{p.name} {p.version}" for p in PACKAGES)
        print(f"Fichiers de la carte installés dans {VENDOR_DIR} ({names}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
