"""Addresses that name no page answer in French: `/accueil` (the home page's own name, as in
shared links) forwards to the home page, any other unknown address shows « Page introuvable »
with a link home. Left to Streamlit, both would open its English « Page not found » dialog.

Streamlit serves the default page at the root and still reserves its `url_path`; so the home
page is registered under an internal path nobody types (HOME_INTERNAL_PATH), and its public
name becomes a hidden page that forwards to it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from urllib.parse import unquote, urlparse

import streamlit as st
from streamlit import config

HOME_INTERNAL_PATH = "_racine"


def requested_path() -> str:
    """The page name of the address the browser asked for (« » for the root), without the
    server's base path; « » when unknown (outside a browser session)."""
    url = st.context.url
    if not url:
        return ""
    path = unquote(urlparse(url).path).strip("/")
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def _not_found(home: st.Page) -> Callable[[], None]:
    def not_found() -> None:
        # The address is never written back: it is whatever the visitor typed.
        st.title("Page introuvable")
        st.markdown(
            "Cette adresse ne correspond à aucune page de l'observatoire. Les pages sont "
            "listées dans le menu de la barre latérale."
        )
        st.page_link(home, label="Aller à l'accueil", icon=":material/home:")

    return not_found


def _forwarder(home: st.Page) -> Callable[[], None]:
    def forward() -> None:
        st.switch_page(home, query_params=st.query_params.to_dict())

    return forward


def extra_pages(home: st.Page, home_path: str, known: Collection[str]) -> list[st.Page]:
    """Hidden pages that answer the address asked for when no page has it: the home page's
    public name forwards home; any other single-segment name says « Page introuvable »."""
    wanted = requested_path()
    if wanted == home_path:
        forward = _forwarder(home)
        return [st.Page(forward, title=home.title, url_path=home_path, visibility="hidden")]
    if not wanted or "/" in wanted or wanted in known or wanted == HOME_INTERNAL_PATH:
        return []  # a nested path never reaches the app (its assets do not load either)
    return [
        st.Page(_not_found(home), title="Page introuvable", url_path=wanted, visibility="hidden")
    ]
