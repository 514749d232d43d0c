"""Who is a member of the CIL: the list of allowed e-mail addresses and domains of the settings
(`[acces]` in data/territoire.toml). Pure logic, no Streamlit: the sign-in itself (OpenID
Connect) is Streamlit's, see dashboard/ui/access.py.

An address is allowed when it is in `adresses`, or when its domain (the part after « @ ») is
exactly one of `domaines`: `ccvg.fr` allows `nom@ccvg.fr`, never `nom@autre-ccvg.fr` nor
`nom@ccvg.fr.example.com` nor a sub-domain (list `services.ccvg.fr` to allow it). Comparison
ignores case and surrounding spaces. Anything that is not a plain address is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# One « @ », no space, a dot in the domain: enough to refuse what is not an address; the
# identity provider vouches for the rest.
_ADDRESS = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@dataclass(frozen=True)
class AccessList:
    """The members' addresses and domains, normalised (lower case, no spaces)."""

    adresses: frozenset[str] = frozenset()
    domaines: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.adresses and not self.domaines


def normalise(address: str) -> str:
    return address.strip().lower()


def parse_access(raw: Mapping[str, Any]) -> AccessList:
    """Reads the `[acces]` table; raises ValueError (French) on a malformed entry, so that a
    typo in the list is seen at start-up rather than silently letting no one in."""
    adresses = _strings(raw.get("adresses", []), "adresses")
    domaines = _strings(raw.get("domaines", []), "domaines")
    for address in adresses:
        if not _ADDRESS.match(address):
            raise ValueError(f"[acces] adresses : « {address} » n'est pas une adresse électronique")
    for domain in domaines:
        if not _DOMAIN.match(domain):
            raise ValueError(
                f"[acces] domaines : « {domain} » n'est pas un nom de domaine "
                "(écrire par exemple « ccvg.fr », sans « @ » ni « * »)"
            )
    return AccessList(frozenset(adresses), frozenset(domaines))


def _strings(values: Any, key: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"[acces] {key} doit être une liste de textes")
    return [normalise(v) for v in values if v.strip()]


def is_allowed(email: str | None, rules: AccessList) -> bool:
    """True when `email` is a plain address listed, or whose domain is listed."""
    if not email or not isinstance(email, str):
        return False
    address = normalise(email)
    match = _ADDRESS.match(address)
    if match is None:
        return False
    return address in rules.adresses or match.group(1) in rules.domaines
