"""Entry point of the dashboard: `streamlit run dashboard/app.py`.

Sets the page, opens the database, draws the global filter bar and hands over to the page
chosen in the menu (dashboard/views/). Signed out, only the public pages run; a members-only
page's address shows a notice in its place (dashboard/ui/access.py).
"""

from __future__ import annotations

import streamlit as st

from dashboard.settings import REPO_DIR, SettingsError
from dashboard.ui import access, data, layout, menu, presentation, routing, style
from dashboard.ui.filters import filter_bar
from dashboard.views import PAGES

ASSETS = REPO_DIR / "dashboard" / "assets"

st.set_page_config(
    page_title="Observatoire CIL",
    page_icon=str(ASSETS / "favicon.png"),  # a local file: a Material icon is fetched online
    layout="wide",
    initial_sidebar_state="collapsed" if presentation.requested_in_url() else "expanded",
)
layout.start_run()
style.apply()


def _stop_with(message: str) -> None:
    st.title("Observatoire CIL")
    st.error(message, icon=":material/error:")
    st.stop()


try:
    access.check_configuration()  # a sign-in whose cookie anyone could sign stops everything
    settings = data.settings()
    db = data.pin_database()
except (data.DatabaseUnavailable, SettingsError) as exc:
    _stop_with(str(exc))

member = access.is_member(settings)
pages: dict[str, list] = {}
hidden: list = []
for spec in PAGES:
    # The home page is served at the root; routing answers its public name (/accueil).
    url_path = routing.HOME_INTERNAL_PATH if spec.default else spec.url_path
    if spec.public or member:
        page = st.Page(
            spec.path, title=spec.title, icon=spec.icon, url_path=url_path, default=spec.default
        )
        pages.setdefault(spec.section, []).append(page)
        if spec.default:
            home, home_path = page, spec.url_path
    else:  # the page's file never runs: a notice answers at its address, out of the menu
        hidden.append(
            st.Page(
                access.members_only_page(spec.title),
                title=spec.title,
                icon=spec.icon,
                url_path=spec.url_path,
                visibility="hidden",
            )
        )
hidden += routing.extra_pages(home, home_path, {spec.url_path for spec in PAGES})
# Streamlit's menu is hidden: ours is drawn below the filters (ui/menu.py).
navigation = st.navigation({**pages, "": hidden} if hidden else pages, position="hidden")

years = data.query("commun/annees_disponibles", premiere_annee=settings.premiere_annee)
filter_bar(years["annee"].astype(int).tolist(), settings, public=not member)
menu.draw(pages)
with st.sidebar:
    st.markdown(f"**{settings.epci_nom}**  \n{settings.plan}")
    access.account_box(settings)
if access.refused():
    access.refusal(settings)
if not member and (problem := data.publication_problem()):
    st.warning(problem, icon=":material/warning:")
presentation.switch()

sources = data.query("commun/sources")
if not sources["kind"].isin(["demandes", "attributions"]).any():
    st.info(
        "La base ne contient encore ni demandes ni attributions : importez les extraits "
        "(commande « cil import », voir le README). Les indicateurs s'afficheront ensuite.",
        icon=":material/info:",
    )
if sources["demo"].any():
    st.warning(
        "**Données de démonstration (fictives)** : ces chiffres ne décrivent aucun ménage réel.",
        icon=":material/science:",
    )

navigation.run()
