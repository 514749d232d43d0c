"""Members and the public in the app: who is signed in, what they may see and do.

Sign-in is Streamlit's own OpenID Connect (`st.login`, configured in .streamlit/secrets.toml,
see the README); whether a signed-in person is a member is decided by the settings' list
(`[acces]`, dashboard/access.py). Everything else asks the three questions below:
- `is_member()`: every page, the plan editor, the import page;
- `threshold(settings)`: the public sees small counts masked, members see exact aggregates
  (never an individual row: every query aggregates);
- `exports_allowed()`: the detailed exports (CSV, Excel, images) are for members.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from dashboard.access import TRUST_WITHOUT_CLAIM, address_verified, is_allowed, sign_in_problem
from dashboard.formatting import literal
from dashboard.settings import Settings, SettingsError, get_settings


def _auth_section() -> Mapping | None:
    try:
        return st.secrets.get("auth")
    except FileNotFoundError:  # no secrets.toml: public mode only
        return None


def check_configuration() -> None:
    """Raises SettingsError (French) when sign-in is set up with a cookie secret that cannot
    protect it (the example's, short or guessable): the dashboard then stops for everyone
    rather than accept cookies anyone could sign. dashboard/server.py refuses to start too."""
    problem = sign_in_problem(_auth_section())
    if problem:
        raise SettingsError(problem)


def auth_providers() -> list[str | None]:
    """The sign-in providers of secrets.toml: [None] for a single unnamed provider ([auth]
    with client_id), the names of [auth.NAME] tables otherwise, [] when sign-in is not set up."""
    section = _auth_section()
    if not section:
        return []
    if "client_id" in section:
        return [None]
    return [name for name, value in section.items() if isinstance(value, Mapping)]


def signed_in() -> bool:
    return st.user.get("is_logged_in") is True


def signed_in_email() -> str:
    return str(st.user.get("email") or "") if signed_in() else ""


def _provider_trusted_without_claim() -> bool:
    """The signed-in person's provider is set up (secrets.toml) as one that never sends
    `email_verified`: its addresses are vouched for by the organisation."""
    section = _auth_section() or {}
    provider = st.user.get("provider") or "default"
    block = section if provider == "default" else section.get(provider)
    return isinstance(block, Mapping) and block.get(TRUST_WITHOUT_CLAIM) is True


def verified() -> bool:
    """The provider vouches for the address (`email_verified` exactly true, or a provider set
    up as never sending it): anything else fails closed."""
    return address_verified(st.user, _provider_trusted_without_claim())


def is_member(settings: Settings | None = None) -> bool:
    """Signed in, with an address the provider vouches for, in the list."""
    if not signed_in() or not verified():
        return False
    return is_allowed(signed_in_email(), (settings or get_settings()).acces)


def threshold(settings: Settings) -> int:
    """The masking threshold for the person looking: the settings' one for the public, none
    (0) for members."""
    return 0 if is_member(settings) else settings.seuil_secret


def secrecy_note(threshold: int, text: str) -> str:
    """A sentence about masking, for whoever sees masked figures; nothing for members, who
    see exact counts."""
    return text if threshold > 0 else ""


def exports_allowed() -> bool:
    return is_member()


def refused() -> bool:
    """Signed in with the identity provider but not in the members' list."""
    return signed_in() and not is_member()


def account_box(settings: Settings) -> None:
    """Sidebar: who is connected, and the button to sign in or out."""
    if signed_in():
        who = literal(signed_in_email()) or "adresse non transmise"
        label = "Membre de la CIL" if is_member(settings) else "Connexion refusée"
        st.caption(f"{label} : {who}")
        st.button("Se déconnecter", on_click=st.logout, icon=":material/logout:", key="logout")
        return
    st.caption(
        "Consultation publique : chiffres agrégés, petits effectifs masqués. Les membres de "
        "la CIL se connectent pour voir toutes les pages."
    )
    providers = auth_providers()
    if not providers:
        st.caption("Connexion des membres non configurée (voir le README, « Accès des membres »).")
    for provider in providers:
        st.button(
            "Se connecter" if len(providers) == 1 else f"Se connecter ({provider})",
            on_click=st.login,
            args=(provider,) if provider else (),
            icon=":material/login:",
            key=f"login_{provider or 'defaut'}",
            type="primary",
        )


def refusal(settings: Settings) -> None:
    """Main area, for a signed-in address that is not in the list: says why, offers to sign
    out; meanwhile the person is treated as the public."""
    email = signed_in_email()
    if not email:
        reason = "Le service de connexion n'a pas transmis d'adresse électronique"
    elif not verified():
        reason = f"L'adresse {literal(email)} n'est pas vérifiée par le service de connexion"
    else:
        reason = f"L'adresse {literal(email)} ne figure pas dans la liste des membres de la CIL"
    st.error(
        f"**Accès des membres refusé.** {reason} : vous ne voyez que les pages publiques. "
        f"Si vous êtes membre de la CIL, demandez au service qui l'anime "
        f"({settings.epci_nom_court}) d'ajouter votre adresse, puis reconnectez-vous.",
        icon=":material/block:",
    )
    st.button("Se déconnecter", on_click=st.logout, key="logout_refus", type="primary")


def members_only_page(title: str) -> Callable[[], None]:
    """Stands in, for the public, for a page reserved to members: its link can be shared, it
    says what to do and shows no figure."""

    def page() -> None:
        st.title(title)
        st.info(
            "Cette page est réservée aux membres de la CIL. Connectez-vous (barre latérale) "
            "avec votre adresse professionnelle pour la consulter.",
            icon=":material/lock:",
        )

    page.__name__ = f"reserve_{abs(hash(title))}"
    return page


def require_member() -> None:
    """Second lock at the top of a members-only page: stops the run for anyone else."""
    if not is_member():
        st.error("Cette page est réservée aux membres de la CIL.", icon=":material/lock:")
        st.stop()
