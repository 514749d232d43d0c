"""data/grilles_cotation.csv against the PPGDID 2026-2032's two tables, its validation, and the
README's table of criteria."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dashboard.grilles import (
    DERIVED,
    GrilleError,
    depot_pour_anciennete,
    read_grilles,
    versions,
)
from dashboard.settings import DATA_DIR, REPO_DIR, SettingsError, _load, get_settings

GRILLES = DATA_DIR / "grilles_cotation.csv"

# Written from the plan's tables, in their order (code, points, category).
PRIMO = [
    ("dalo", 40, "obligatoire"),
    ("habitat_indigne", 35, "obligatoire"),
    ("violences_couple", 35, "obligatoire"),
    ("sans_logement", 35, "obligatoire"),
    ("victime_viol", 35, "obligatoire"),
    ("traite_proxenetisme", 35, "obligatoire"),
    ("premier_quartile", 30, "obligatoire"),
    ("handicap", 30, "obligatoire"),
    ("non_decent_mineur", 30, "obligatoire"),
    ("suroccupation_mineur", 30, "obligatoire"),
    ("heberge_tiers", 30, "obligatoire"),
    ("hebergement_transition", 30, "obligatoire"),
    ("sortie_prostitution", 30, "obligatoire"),
    ("menace_expulsion", 30, "obligatoire"),
    ("chomage_longue_duree", 25, "obligatoire"),
    ("sortie_act", 25, "obligatoire"),
    ("anciennete_plus_3_ans", 25, "facultatif_local"),
    ("sous_occupation", 25, "facultatif_local"),
    ("parent_isole", 20, "facultatif_local"),
    ("logement_non_decent", 20, "facultatif_local"),
    ("taux_effort_eleve", 20, "facultatif_local"),
    ("personne_agee_inadaptee", 20, "facultatif_local"),
    ("travailleur_pauvre", 15, "facultatif_local"),
    ("logement_repris", 15, "facultatif_local"),
    ("logement_demoli", 15, "facultatif_local"),
    ("anciennete_1_3_ans", 10, "facultatif_local"),
    ("habite_epci", 10, "facultatif_local"),
    ("travaille_epci", 10, "facultatif_local"),
    ("travailleur_essentiel", 10, "facultatif_local"),
    ("jeune_moins_30_ans", 5, "facultatif_local"),
    ("eloignement_travail", 5, "facultatif_local"),
    ("assistant_familial_domicile", 5, "facultatif_local"),
]
MUTATION = [
    ("dalo", 40, "obligatoire"),
    ("violences_couple", 35, "obligatoire"),
    ("victime_viol", 35, "obligatoire"),
    ("traite_proxenetisme", 35, "obligatoire"),
    ("habitat_indigne", 35, "obligatoire"),
    ("handicap", 30, "obligatoire"),
    ("sortie_prostitution", 30, "obligatoire"),
    ("non_decent_mineur", 30, "obligatoire"),
    ("suroccupation_mineur", 30, "obligatoire"),
    ("premier_quartile", 30, "obligatoire"),
    ("chomage_longue_duree", 25, "obligatoire"),
    ("menace_expulsion", 25, "obligatoire"),
    ("logement_demoli", 25, "facultatif_local"),
    ("anciennete_plus_3_ans", 25, "facultatif_local"),
    ("sous_occupation", 25, "facultatif_local"),
    ("personne_agee_inadaptee", 20, "facultatif_local"),
    ("logement_non_decent", 20, "facultatif_local"),
    ("taux_effort_eleve", 20, "facultatif_local"),
    ("anciennete_1_3_ans", 10, "facultatif_local"),
    ("habite_epci", 10, "facultatif_local"),
    ("travaille_epci", 10, "facultatif_local"),
    ("parent_isole", 10, "facultatif_local"),
    ("travailleur_essentiel", 10, "facultatif_local"),
    ("eloignement_travail", 5, "facultatif_local"),
    ("assistant_familial_domicile", 5, "facultatif_local"),
]


def grid(public: str):
    return [c for c in read_grilles(GRILLES) if c.version == "ppgdid-2026" and c.public == public]


def test_primo_grid_is_the_plans_table():
    rows = grid("primo")
    assert len(rows) == 32  # 16 obligatoires + 16 facultatifs et locaux
    # 40 + 5×35 + 8×30 + 2×25 = 505 ; 2×25 + 4×20 + 3×15 + 4×10 + 3×5 = 230
    assert sum(c.points for c in rows) == 505 + 230
    assert [(c.code, c.points, c.categorie) for c in rows] == PRIMO


def test_mutation_grid_is_the_plans_table():
    rows = grid("mutation")
    assert len(rows) == 25  # 12 obligatoires + 13 facultatifs et locaux
    # 40 + 4×35 + 5×30 + 2×25 = 380 ; 3×25 + 3×20 + 5×10 + 2×5 = 195
    assert sum(c.points for c in rows) == 380 + 195
    assert [(c.code, c.points, c.categorie) for c in rows] == MUTATION


def test_priority_criteria_are_the_l441_1_ones():
    for public in ("primo", "mutation"):
        prioritaires = {c.code for c in grid(public) if c.prioritaire}
        obligatoires = {c.code for c in grid(public) if c.categorie == "obligatoire"}
        # the first quartile is an attribution target, not a priority criterion
        assert prioritaires == obligatoires - {"premier_quartile"}


def test_labels_are_the_plans():
    labels = {c.code: c.libelle for c in grid("primo")}
    assert labels["travailleur_essentiel"].startswith("Travailleurs essentiels : pompiers")
    assert labels["premier_quartile"] == "1er quartile de demandeurs"
    assert {c.code: c.libelle for c in grid("mutation")}["habitat_indigne"] == "Logement indigne"


def test_demo_generator_declares_only_codes_of_the_grid():
    source = (REPO_DIR / "dashboard" / "demo" / "demandes.py").read_text(encoding="utf-8")
    block = source[source.index("flags = {") : source.index("names = np.array")]
    declared = set(re.findall(r'^\s+"([a-z_0-9]+)":', block, flags=re.MULTILINE))
    codes = {c.code for c in read_grilles(GRILLES)}
    assert declared and declared <= codes


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "grilles.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "version;public;code;libelle;points;categorie;prioritaire\n"


def test_a_version_is_rows_and_both_publics_are_required(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "v1;primo;dalo;DALO;40;obligatoire;oui\nv1;mutation;dalo;DALO;30;obligatoire;oui\n",
    )
    criteres = read_grilles(path)
    assert versions(criteres) == ["v1"]
    assert [(c.public, c.points, c.ordre) for c in criteres] == [
        ("primo", 40, 1),
        ("mutation", 30, 1),
    ]
    with pytest.raises(GrilleError, match="pas de grille mutation"):
        read_grilles(write(tmp_path, HEADER + "v2;primo;dalo;DALO;40;obligatoire;oui\n"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("v1;tous;dalo;DALO;40;obligatoire;oui", "public « tous » inconnu"),
        ("v1;primo;Dalo;DALO;40;obligatoire;oui", "code « Dalo » invalide"),
        ("v1;primo;dalo;DALO;4,5;obligatoire;oui", "points « 4,5 »"),
        ("v1;primo;dalo;DALO;-5;obligatoire;oui", "points « -5 »"),
        ("v1;primo;dalo;;40;obligatoire;oui", "libellé vide"),
        ("v1;primo;dalo;DALO;40;prioritaire;oui", "catégorie « prioritaire » inconnue"),
        (
            "v1;primo;dalo;DALO;40;obligatoire;peut-être",
            "prioritaire « peut-être » : oui ou non attendu",
        ),
        ("v 1;primo;dalo;DALO;40;obligatoire;oui", "version invalide"),
    ],
)
def test_a_bad_row_is_named_by_its_line(tmp_path, row, message):
    text = HEADER + "v1;mutation;dalo;DALO;40;obligatoire;oui\n" + row + "\n"
    with pytest.raises(GrilleError, match="ligne 3 : " + re.escape(message)):
        read_grilles(write(tmp_path, text))


def test_duplicated_criterion_and_wrong_header_are_refused(tmp_path):
    text = HEADER + "v1;primo;dalo;DALO;40;obligatoire;oui\nv1;primo;dalo;DALO;30;obligatoire;oui\n"
    with pytest.raises(GrilleError, match="ligne 3 : critère en double"):
        read_grilles(write(tmp_path, text))
    with pytest.raises(GrilleError, match="colonnes attendues"):
        read_grilles(write(tmp_path, "version;public;code;points\n"))


def territory_with(tmp_path: Path, cotation: str) -> Path:
    """A copy of the territory's settings whose [cotation] section is `cotation`."""
    text = get_settings().source_file.read_text(encoding="utf-8")
    text = text[: text.index("[cotation]")] + cotation
    path = tmp_path / "territoire.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_invalid_grid_stops_the_settings_with_a_french_message(tmp_path):
    write(tmp_path, HEADER + "v1;primo;dalo;DALO;x;obligatoire;oui\n")
    path = territory_with(tmp_path, '[cotation]\ngrilles = "grilles.csv"\n')
    with pytest.raises(
        SettingsError, match=re.escape("grilles.csv : grille de cotation invalide\n  ligne 2")
    ):
        _load.__wrapped__(path)
    path = territory_with(tmp_path, f'[cotation]\ngrilles = "{GRILLES}"\ngrille = "absente"\n')
    with pytest.raises(SettingsError, match="« absente » absente des grilles"):
        _load.__wrapped__(path)


def test_the_last_version_is_the_default_when_none_is_named(tmp_path):
    write(
        tmp_path,
        HEADER
        + "ancienne;primo;dalo;DALO;40;obligatoire;oui\n"
        + "ancienne;mutation;dalo;DALO;40;obligatoire;oui\n"
        + "nouvelle;primo;dalo;DALO;50;obligatoire;oui\n"
        + "nouvelle;mutation;dalo;DALO;50;obligatoire;oui\n",
    )
    settings = _load.__wrapped__(territory_with(tmp_path, '[cotation]\ngrilles = "grilles.csv"\n'))
    assert settings.grille_cotation == "nouvelle"


def test_settings_name_the_default_grid():
    assert get_settings().grille_cotation == "ppgdid-2026"


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("moins_1_an", dt.date(2025, 12, 31)),
        ("1_3_ans", dt.date(2023, 12, 31)),
        ("plus_3_ans", dt.date(2021, 12, 31)),
    ],
)
def test_simulator_seniority_band_gives_a_filing_date(band, expected):
    assert depot_pour_anciennete(band, dt.date(2025, 12, 31)) == expected


def test_simulator_seniority_from_29_february():
    assert depot_pour_anciennete("1_3_ans", dt.date(2024, 2, 29)) == dt.date(2022, 2, 28)


def readme_table() -> dict[str, tuple[str, str, str]]:
    text = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Les critères de la grille `ppgdid-2026`") :]
    rows = re.findall(
        r"^\| `([a-z0-9_]+)` \| [^|]+ \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", section, re.M
    )
    return {
        code: (primo.strip(), mutation.strip(), origin.strip())
        for code, primo, mutation, origin in rows
    }


def test_readme_documents_every_criterion_code():
    table = readme_table()
    primo = {c.code: c.points for c in grid("primo")}
    mutation = {c.code: c.points for c in grid("mutation")}
    assert set(table) == set(primo) | set(mutation)
    for code, (p, m, origin) in table.items():
        assert p == str(primo.get(code, "—")), code
        assert m == str(mutation.get(code, "—")), code
        assert origin.startswith("dérivé") == (code in DERIVED), code
