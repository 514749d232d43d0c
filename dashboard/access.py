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


# -- sign-in that fails closed --------------------------------------------------------------

# The provider setting (in the [auth] or [auth.NAME] block of secrets.toml) for a provider that
# never sends `email_verified` and whose organisation vouches for its addresses.
TRUST_WITHOUT_CLAIM = "accepter_sans_email_verified"
EXAMPLE_COOKIE_SECRET = "À REMPLACER"  # the value of .streamlit/secrets.toml.example
MIN_SECRET_LENGTH = 32
# zxcvbn's estimate of the guesses needed (log10): 30 is about 100 bits, what 32 random
# characters give; a repeated word, a keyboard row or a sequence gives far less.
MIN_SECRET_GUESSES_LOG10 = 30
GENERATE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


def address_verified(claims: Mapping[str, Any], trusted_without_claim: bool = False) -> bool:
    """The provider vouches for the address: `email_verified` is exactly the boolean True (a
    string "false", a 0 or a "true" is not), or the claim is absent and the provider is set up
    as one that never sends it."""
    if "email_verified" not in claims or claims.get("email_verified") is None:
        return trusted_without_claim
    return claims["email_verified"] is True


def cookie_secret_problem(secret: object) -> str | None:
    """Why `secret` cannot sign the sign-in cookie (French), or None when it can: anyone who
    knows or guesses it forges a member's cookie without signing in."""
    how = f"Générez-en un avec : {GENERATE_SECRET}"
    if not isinstance(secret, str) or not secret.strip():
        return f"cookie_secret est absent ou vide. {how}"
    if secret.strip() == EXAMPLE_COOKIE_SECRET:
        return f"cookie_secret est encore la valeur du modèle (« {EXAMPLE_COOKIE_SECRET} »). {how}"
    if len(secret) < MIN_SECRET_LENGTH:
        return (
            f"cookie_secret est trop court ({len(secret)} caractères, au moins "
            f"{MIN_SECRET_LENGTH}). {how}"
        )
    from zxcvbn import zxcvbn  # imported here: only the start-up check needs it

    if zxcvbn(secret[:100])["guesses_log10"] < MIN_SECRET_GUESSES_LOG10:
        return (
            "cookie_secret est trop facile à deviner (mot répété, suite de caractères ou "
            f"phrase courante). {how}"
        )
    return None


def sign_in_problem(auth: Mapping[str, Any] | None) -> str | None:
    """The French message that stops the dashboard when sign-in is set up (an [auth] section)
    with a cookie secret that cannot protect it; None when sign-in is off or sound."""
    if not auth:
        return None
    problem = cookie_secret_problem(auth.get("cookie_secret"))
    if problem is None:
        return None
    return (
        "Connexion des membres mal configurée (.streamlit/secrets.toml, section [auth]) : "
        f"{problem} Le tableau de bord ne démarre pas tant que ce secret n'est pas remplacé."
    )
