"""The corpus of bad input files: each case writes one file and says what the importer must do.

Files are generated (small and readable here, rather than committed as opaque bytes); the
200 Mo file is written at test time in a temporary folder only. `python -m tests.corpus.cases
DOSSIER` writes the whole corpus into DOSSIER to open the files by hand.

Every case imports into a base that already holds demands D1 to D3, attribution A1, a
commission, an action and the RPLS 2025 stock (see `tests/test_corpus.py`).
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openpyxl import Workbook

from tests.builders import DEFAULTS

Outcome = Literal["refused", "warned", "accepted"]

# -- good content, from which each case departs ---------------------------------------------

DEMANDES_HEADER = ["demande_id", "date_depot", *DEFAULTS["demandes"]]
ATTRIBUTIONS_HEADER = ["attribution_id", "date_attribution", *DEFAULTS["attributions"]]
RPLS_HEADER = list(DEFAULTS["logements"])
COMMISSIONS_HEADER = ["date_commission", "dossier_id", "commune_souhaitee", "typologie", "issue"]
ACTIONS_HEADER = [
    "axe",
    "thematique",
    "objectif",
    "mise_en_oeuvre",
    "partenaires",
    "statut",
    "annee_realisation",
]


def demande(demande_id: str = "D10", **changes: object) -> dict[str, str]:
    row = {"demande_id": demande_id, "date_depot": "15/03/2024", **DEFAULTS["demandes"]}
    row.update(changes)
    return {k: str(v) for k, v in row.items()}


def attribution(attribution_id: str = "A10", **changes: object) -> dict[str, str]:
    row = {
        "attribution_id": attribution_id,
        "date_attribution": "01/06/2025",
        **DEFAULTS["attributions"],
    }
    row.update(changes)
    return {k: str(v) for k, v in row.items()}


def logement(**changes: object) -> dict[str, str]:
    row = {**DEFAULTS["logements"], **changes}
    return {k: str(v) for k, v in row.items()}


def commission(**changes: object) -> dict[str, str]:
    row = {
        "date_commission": "12/05/2025",
        "dossier_id": "K10",
        "commune_souhaitee": "69027",
        "typologie": "T2",
        "issue": "proposition",
        **changes,
    }
    return {k: str(v) for k, v in row.items()}


def action(**changes: object) -> dict[str, str]:
    row = {
        "axe": "Axe 1",
        "thematique": "Accueil",
        "objectif": "Informer les demandeurs",
        "mise_en_oeuvre": "Guide des guichets",
        "partenaires": "CCVG",
        "statut": "fait",
        "annee_realisation": "2025",
        **changes,
    }
    return {k: str(v) for k, v in row.items()}


def csv_text(
    header: list[str], rows: list[dict[str, str]], sep: str = ";", newline: str = "\n"
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=newline)
    writer.writerow(header)
    writer.writerows([row.get(c, "") for c in header] for row in rows)
    return out.getvalue()


def good_demandes(n: int = 3) -> list[dict[str, str]]:
    return [demande(f"D{10 + i}") for i in range(n)]


# -- writers -----------------------------------------------------------------------------------

Writer = Callable[[Path], None]


def text(content: str, encoding: str = "utf-8") -> Writer:
    return lambda path: path.write_bytes(content.encode(encoding))


def raw_bytes(content: bytes) -> Writer:
    return lambda path: path.write_bytes(content)


def demandes_with(*rows: dict[str, str], header: list[str] | None = None, sep: str = ";"):
    return text(csv_text(header or DEMANDES_HEADER, list(rows), sep=sep))


def attributions_with(*rows: dict[str, str]) -> Writer:
    return text(csv_text(ATTRIBUTIONS_HEADER, list(rows)))


def xlsx(sheets: dict[str, list[list[object]]], merge: str | None = None) -> Writer:
    def write(path: Path) -> None:
        book = Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
            if merge:
                sheet.merge_cells(merge)
        book.save(path)

    return write


def demandes_table(rows: list[dict[str, str]]) -> list[list[object]]:
    return [DEMANDES_HEADER, *[[r[c] for c in DEMANDES_HEADER] for r in rows]]


def truncated_xlsx(path: Path) -> None:
    xlsx({"demandes": demandes_table(good_demandes())})(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("demandes.csv", csv_text(DEMANDES_HEADER, good_demandes()))


def big_file(size_mb: int) -> Writer:
    """A demands file of `size_mb` Mo (the same good row repeated, a new id each time)."""

    def write(path: Path) -> None:
        line = csv_text(DEMANDES_HEADER, [demande("X")]).splitlines()[1]
        rest = line[len("X") :]
        target = size_mb * 1024 * 1024
        with path.open("w", encoding="utf-8") as fh:
            fh.write(";".join(DEMANDES_HEADER) + "\n")
            written, i = 0, 0
            block = []
            while written < target:
                row = f"G{i}{rest}\n"
                block.append(row)
                written += len(row)
                i += 1
                if len(block) == 10_000:
                    fh.write("".join(block))
                    block = []
            fh.write("".join(block))

    return write


def xlsx_bomb(rows: int, columns: int, declared: str | None) -> Writer:
    """A workbook written by hand (openpyxl would take minutes): `rows` rows of `columns` tiny
    cells, with the dimension `declared` (or none). Small on disk, huge once parsed."""

    def write(path: Path) -> None:
        letters = [chr(65 + i % 26) for i in range(columns)]
        row = "".join(f'<c r="{c}1"><v>1</v></c>' for c in letters)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", XLSX_CONTENT_TYPES)
            archive.writestr("_rels/.rels", XLSX_RELS)
            archive.writestr("xl/workbook.xml", XLSX_WORKBOOK)
            archive.writestr("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS)
            with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
                dimension = f'<dimension ref="{declared}"/>' if declared else ""
                sheet.write(f'<worksheet xmlns="{XLSX_NS}">{dimension}<sheetData>'.encode())
                block = "".join(f'<row r="{i}">{row}</row>' for i in range(1, 1001)).encode()
                for _ in range(rows // 1000):
                    sheet.write(block)
                sheet.write(b"</sheetData></worksheet>")

    return write


def xlsx_unzipped(size_mb: int) -> Writer:
    """A workbook whose sheet unzips to `size_mb` Mo (spaces compress a thousandfold)."""

    def write(path: Path) -> None:
        xlsx_bomb(0, 1, None)(path)
        with (
            zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
            archive.open("xl/worksheets/sheet2.xml", "w") as sheet,
        ):
            for _ in range(size_mb):
                sheet.write(b" " * (1 << 20))

    return write


XLSX_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
XLSX_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
XLSX_WORKBOOK = (
    f'<?xml version="1.0"?><workbook xmlns="{XLSX_NS}" xmlns:r="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships"><sheets><sheet name="demandes" sheetId="1" '
    'r:id="rId1"/></sheets></workbook>'
)
XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def long_line(size_mb: int) -> Writer:
    """Good demands, then one line whose third field is `size_mb` Mo long."""

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            fh.write(GOOD_CSV)
            fh.write("D99;15/03/2024;")
            for _ in range(size_mb):
                fh.write("x" * (1 << 20))
            fh.write(";;;CCVG\n")

    return write


def wide_header(columns: int) -> Writer:
    return lambda path: path.write_text(
        ";".join(f"c{i}" for i in range(columns)) + "\n1;2\n", encoding="utf-8"
    )


# Spellings of identifying columns seen in real exports (issue 16: the first ten passed as
# « colonnes ignorées » on main).
# fmt: off
IDENTIFYING_SPELLINGS = [
    "né le", "Née le", "first_name", "firstName", "mél", "e-mail", "Adresse électronique",
    "n° sécu", "N° de sécurité sociale", "numéro_sécurité_sociale", "NSS", "Tél. portable",
    "tel_fixe", "Portable", "numtel", "numéro_unique_départemental", "num_unique", "NUD", "NUU",
    "numero_sne", "Nom du demandeur", "NOM", "nom_usage", "Nom de naissance", "nomdemandeur",
    "prenoms", "Prénom du conjoint", "last_name", "Date de naissance du demandeur",
    "DateNaissance", "dt naiss.", "DDN", "adresse_demandeur", "Adresse du domicile", "rue",
    "N° INSEE",
]
# fmt: on
# Columns that must not be taken for identifying ones (ignored, with the usual warning).
LEGITIMATE_EXTRA = ["Nom de la commune", "adresse_guichet", "Numéro de demande", "code_insee"]


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "_".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


# -- the cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str  # the file name, which the message must name
    kind: str
    write: Writer
    outcome: Outcome
    expect: tuple[str, ...] = ()  # fragments of the French message (or warning)
    why: str = ""


GOOD_CSV = csv_text(DEMANDES_HEADER, good_demandes())
_ID = "demande_id"


def _cut_after(text_: str, char: str) -> bytes:
    """The UTF-8 bytes of `text_`, cut in the middle of the first `char` (two bytes)."""
    data = text_.encode()
    return data[: data.index(char.encode()) + 1]


def _swap(text_: str, old: str, new: str) -> str:
    assert old in text_, old
    return text_.replace(old, new, 1)


CASES: list[Case] = [
    # --- encodings and byte order marks ---
    Case(
        "demandes_encodage_mixte.csv",
        "demandes",
        raw_bytes(
            csv_text(DEMANDES_HEADER, [demande(guichet="Mairie de Brignais é")]).encode()
            + csv_text(DEMANDES_HEADER, [demande("D11", guichet="Mairie de Millery é")])
            .splitlines()[1]
            .encode("cp1252")
            + b"\n"
        ),
        "refused",
        ("encodage mixte", "UTF-8"),
        "une ligne en UTF-8, la suivante en Windows-1252 (deux fichiers collés)",
    ),
    Case(
        "demandes_binaire.csv",
        "demandes",
        raw_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
        "refused",
        ("binaire",),
        "une image renommée en .csv",
    ),
    Case(
        "demandes_utf32.csv",
        "demandes",
        text(GOOD_CSV, "utf-32"),
        "refused",
        ("UTF-32",),
        "UTF-32 (marque FF FE 00 00) : encodage non pris en charge",
    ),
    Case(
        "demandes_nul.csv",
        "demandes",
        raw_bytes(GOOD_CSV.encode().replace(b"D11", b"D1\x001")),
        "refused",
        ("caractère nul", "ligne 3"),
        "un octet nul au milieu d'une valeur",
    ),
    Case("demandes_bom_utf8.csv", "demandes", text("\ufeff" + GOOD_CSV), "accepted"),
    Case("demandes_bom_double.csv", "demandes", text("\ufeff\ufeff" + GOOD_CSV), "accepted"),
    Case("demandes_utf16le.csv", "demandes", text(GOOD_CSV, "utf-16"), "accepted"),
    Case(
        "demandes_utf16be.csv",
        "demandes",
        raw_bytes(codecs.BOM_UTF16_BE + GOOD_CSV.encode("utf-16-be")),
        "accepted",
    ),
    Case(
        "demandes_windows1252.csv",
        "demandes",
        text(csv_text(DEMANDES_HEADER, [demande(guichet="Mairie de Vourles éàç")]), "cp1252"),
        "accepted",
    ),
    # --- separators, line endings, structure ---
    Case(
        "demandes_separateur_point.csv",
        "demandes",
        text(csv_text(DEMANDES_HEADER, good_demandes(), sep=".")),
        "refused",
        ("séparateur de colonnes non reconnu", "ligne 1"),
    ),
    Case(
        "demandes_separateurs_melanges.csv",
        "demandes",
        text(
            csv_text(DEMANDES_HEADER, good_demandes(1))
            + csv_text(DEMANDES_HEADER, [demande("D20")], sep=",").splitlines()[1]
            + "\n"
        ),
        "refused",
        ("ligne 3", "1 champs au lieu de 17"),
        "en-tête en « ; », une ligne en « , »",
    ),
    Case(
        "demandes_fins_de_ligne_melangees.csv",
        "demandes",
        text(
            "\r\n".join(GOOD_CSV.splitlines()[:2])
            + "\n"
            + GOOD_CSV.splitlines()[2]
            + "\r\n"
            + GOOD_CSV.splitlines()[3]
            + "\n"
        ),
        "accepted",
    ),
    Case(
        "demandes_fins_de_ligne_erreur.csv",
        "demandes",
        text(
            "\r\n".join(GOOD_CSV.splitlines()[:3])
            + "\n"
            + _swap(GOOD_CSV.splitlines()[3], "15/03/2024", "15/03/20x4")
            + "\r\n"
        ),
        "refused",
        ("ligne 4", "colonne date_depot", "15/03/20x4"),
        "CRLF et LF mêlés : la ligne de l'erreur reste juste",
    ),
    # --- truncated and empty ---
    Case(
        "demandes_tronque_ligne.csv",
        "demandes",
        text(GOOD_CSV[: GOOD_CSV.rindex("69027")]),
        "refused",
        ("ligne 4", "champs au lieu de 17"),
    ),
    Case(
        "demandes_tronque_guillemet.csv",
        "demandes",
        text(GOOD_CSV + 'D99;15/03/2024;;;;"CCVG'),
        "refused",
        ("guillemet",),
    ),
    Case(
        "demandes_tronque_utf8.csv",
        "demandes",
        raw_bytes(_cut_after(csv_text(DEMANDES_HEADER, [demande(guichet="Mairie é")]), "é")),
        "refused",
        ("tronqué",),
        "coupé au milieu d'un caractère accentué",
    ),
    Case("demandes_vide.csv", "demandes", raw_bytes(b""), "refused", ("fichier vide",)),
    Case("demandes_blanc.csv", "demandes", text("\n\n  \n"), "refused", ("vide",)),
    Case(
        "demandes_entete_seul.csv",
        "demandes",
        text(";".join(DEMANDES_HEADER) + "\n"),
        "refused",
        ("en-tête seul",),
    ),
    Case(
        "demandes_entete_et_lignes_vides.csv",
        "demandes",
        text(";".join(DEMANDES_HEADER) + "\n\n\n"),
        "refused",
        ("en-tête seul",),
    ),
    # --- columns ---
    Case(
        "demandes_colonne_absente.csv",
        "demandes",
        text(csv_text([c for c in DEMANDES_HEADER if c != "typologie"], good_demandes())),
        "refused",
        ("ligne 1", "colonne typologie", "colonne obligatoire absente"),
    ),
    Case(
        "demandes_colonne_en_double.csv",
        "demandes",
        text(csv_text([*DEMANDES_HEADER, "typologie"], good_demandes())),
        "refused",
        ("ligne 1", "colonne typologie", "colonne en double"),
    ),
    Case(
        "demandes_colonne_en_double_accents.csv",
        "demandes",
        text(
            csv_text(DEMANDES_HEADER, good_demandes()).replace(
                "demande_id;date_depot;", "demande_id;date_depot;Date Dépôt;", 1
            )
        ),
        "refused",
        ("colonne Date Dépôt", "colonne en double"),
    ),
    Case(
        "demandes_entete_vide.csv",
        "demandes",
        text(csv_text([*DEMANDES_HEADER[:3], "", *DEMANDES_HEADER[3:]], good_demandes())),
        "refused",
        ("ligne 1", "en-tête vide en position 4"),
    ),
    Case(
        "demandes_sans_entete.csv",
        "demandes",
        text("\n".join(GOOD_CSV.splitlines()[1:]) + "\n"),
        "refused",
        ("ligne 1", "la première ligne doit nommer les colonnes"),
        "la première ligne est une ligne de données",
    ),
    Case(
        "demandes_colonne_inconnue.csv",
        "demandes",
        text(csv_text([*DEMANDES_HEADER, "commentaire"], good_demandes())),
        "warned",
        ("colonnes ignorées", "commentaire"),
    ),
    # --- identifying columns ---
    *[
        Case(
            f"demandes_identifiant_{slug}.csv",
            "demandes",
            text(csv_text([*DEMANDES_HEADER, header], good_demandes())),
            "refused",
            ("ligne 1", f"colonne {header}", "identifiant une personne"),
        )
        for slug, header in [
            ("nom", "Nom"),
            ("prenom", "Prénom"),
            ("nir", "NIR"),
            ("telephone", "Téléphone"),
            ("courriel", "e-mail"),
            ("naissance", "Date de naissance"),
            ("numero_unique", "Numéro unique"),
        ]
    ],
    *[
        Case(
            f"{kind}_identifiant_{i:02d}_{_slug(header)}.csv",
            kind,
            text(csv_text([*head, header], rows)),
            "refused",
            ("ligne 1", f"colonne {header}", "identifiant une personne"),
        )
        for i, header in enumerate(IDENTIFYING_SPELLINGS)
        for kind, head, rows in [
            [
                ("demandes", DEMANDES_HEADER, good_demandes()),
                ("attributions", ATTRIBUTIONS_HEADER, [attribution()]),
                ("commissions", COMMISSIONS_HEADER, [commission()]),
                ("actions", ACTIONS_HEADER, [action()]),
            ][i % 4]
        ]
    ],
    Case(
        "demandes_colonnes_legitimes.csv",
        "demandes",
        text(csv_text([*DEMANDES_HEADER, *LEGITIMATE_EXTRA], good_demandes())),
        "warned",
        ("colonnes ignorées", *LEGITIMATE_EXTRA),
        "nom d'une commune, adresse d'un guichet : rien d'identifiant",
    ),
    Case(
        "rpls_2025_adresse_du_logement.csv",
        "logements",
        text(csv_text([*RPLS_HEADER, "ADRESSE", "NOM_RESIDENCE"], [logement()])),
        "accepted",
        why="l'adresse d'un logement du parc social n'est pas celle d'un demandeur",
    ),
    # --- identifying values in kept columns ---
    Case(
        "demandes_id_courriel.csv",
        "demandes",
        demandes_with(demande(), demande("jean.dupont@exemple.fr"), demande("D12")),
        "refused",
        ("ligne 3", "colonne demande_id", "adresse électronique"),
        "un identifiant « anonymisé » qui est une adresse électronique",
    ),
    Case(
        "attributions_bailleur_telephone.csv",
        "attributions",
        attributions_with(attribution(bailleur="Mme Martin 06 12 34 56 78")),
        "refused",
        ("ligne 2", "colonne bailleur", "téléphone"),
    ),
    Case(
        "demandes_guichet_nir.csv",
        "demandes",
        demandes_with(demande(), demande("D11", guichet="1 85 05 78 006 048 22")),
        "refused",
        ("ligne 3", "colonne guichet", "NIR"),
    ),
    Case(
        "actions_partenaires_courriels.csv",
        "actions",
        text(
            csv_text(
                ACTIONS_HEADER,
                [action(partenaires=f"contact{i}@mairie.example.fr") for i in range(7)],
            )
        ),
        "refused",
        ("ligne 2", "colonne partenaires", "lignes 2, 3, 4, 5, 6 …", "7 en tout"),
    ),
    Case(
        "rpls_2025_identifiant.csv",
        "logements",
        text(csv_text([*RPLS_HEADER, "NOM"], [logement()])),
        "refused",
        ("ligne 1", "colonne NOM", "identifiant une personne"),
    ),
    # --- dates ---
    Case(
        "demandes_date_invalide.csv",
        "demandes",
        demandes_with(demande(), demande("D11", date_depot="31/13/2024")),
        "refused",
        ("ligne 3", "colonne date_depot", "31/13/2024", "date invalide"),
    ),
    Case(
        "demandes_date_impossible.csv",
        "demandes",
        demandes_with(demande(date_depot="30/02/2024")),
        "refused",
        ("ligne 2", "colonne date_depot", "30/02/2024"),
    ),
    Case(
        "demandes_date_texte.csv",
        "demandes",
        demandes_with(demande(date_depot="mars 2024")),
        "refused",
        ("ligne 2", "colonne date_depot", "mars 2024"),
    ),
    Case(
        "demandes_date_future.csv",
        "demandes",
        demandes_with(demande(date_depot="01/01/2031")),
        "refused",
        ("ligne 2", "colonne date_depot", "hors de la période"),
    ),
    Case(
        "demandes_date_1900.csv",
        "demandes",
        demandes_with(demande(date_depot="01/01/1900")),
        "refused",
        ("ligne 2", "colonne date_depot", "hors de la période"),
    ),
    Case(
        "demandes_radiation_avant_depot.csv",
        "demandes",
        demandes_with(demande(date_radiation="01/01/2024", motif_radiation="RADATT")),
        "refused",
        ("ligne 2", "colonne date_radiation", "antérieure au dépôt"),
    ),
    Case(
        "attributions_bail_avant_decision.csv",
        "attributions",
        attributions_with(attribution(date_bail="01/05/2025")),
        "refused",
        ("ligne 2", "colonne date_bail", "avant la décision"),
    ),
    # --- numbers ---
    Case(
        "demandes_taille_negative.csv",
        "demandes",
        demandes_with(demande(), demande("D11", taille_menage="-2")),
        "refused",
        ("ligne 3", "colonne taille_menage", "-2", "hors des bornes"),
    ),
    Case(
        "demandes_taille_absurde.csv",
        "demandes",
        demandes_with(demande(taille_menage="999")),
        "refused",
        ("ligne 2", "colonne taille_menage", "999"),
    ),
    Case(
        "demandes_age_absurde.csv",
        "demandes",
        demandes_with(demande(age_demandeur="250")),
        "refused",
        ("ligne 2", "colonne age_demandeur", "250"),
    ),
    Case(
        "demandes_taille_en_lettres.csv",
        "demandes",
        demandes_with(demande(taille_menage="deux")),
        "refused",
        ("ligne 2", "colonne taille_menage", "nombre entier attendu"),
    ),
    Case(
        "attributions_anciennete_negative.csv",
        "attributions",
        attributions_with(attribution(anciennete_mois="-5")),
        "refused",
        ("ligne 2", "colonne anciennete_mois", "-5"),
    ),
    Case(
        "actions_annee_absurde.csv",
        "actions",
        text(csv_text(ACTIONS_HEADER, [action(annee_realisation="3025")])),
        "refused",
        ("ligne 2", "colonne annee_realisation", "3025"),
    ),
    # --- codes ---
    Case(
        "demandes_typologie_inconnue.csv",
        "demandes",
        demandes_with(demande(typologie="T9")),
        "refused",
        ("ligne 2", "colonne typologie", "T9", "code inconnu"),
    ),
    Case(
        "demandes_motif_inconnu.csv",
        "demandes",
        demandes_with(demande(motif="99")),
        "refused",
        ("ligne 2", "colonne motif", "99", "code inconnu"),
    ),
    Case(
        "demandes_insee_invalide.csv",
        "demandes",
        demandes_with(demande(communes_souhaitees="69027|Brignais")),
        "refused",
        ("ligne 2", "colonne communes_souhaitees"),
    ),
    Case(
        "attributions_contingent_inconnu.csv",
        "attributions",
        attributions_with(attribution(contingent="MAIRIE")),
        "refused",
        ("ligne 2", "colonne contingent", "MAIRIE", "code inconnu"),
    ),
    Case(
        "commissions_issue_inconnue.csv",
        "commissions",
        text(csv_text(COMMISSIONS_HEADER, [commission(issue="peut-être")])),
        "refused",
        ("ligne 2", "colonne issue", "peut-être"),
    ),
    Case(
        "demandes_guichet_inconnu.csv",
        "demandes",
        demandes_with(demande(guichet="INCONNU")),
        "warned",
        ("guichet absent des paramètres", "INCONNU"),
    ),
    # --- identifiers and links ---
    Case(
        "demandes_id_en_double.csv",
        "demandes",
        demandes_with(demande("D10"), demande("D11"), demande("D10")),
        "refused",
        ("ligne 2", "ligne 4", "colonne demande_id", "en double"),
    ),
    Case(
        "attributions_id_en_double.csv",
        "attributions",
        attributions_with(attribution("A10"), attribution("A10")),
        "refused",
        ("ligne 3", "colonne attribution_id", "en double"),
    ),
    Case(
        "demandes_id_avec_espace.csv",
        "demandes",
        demandes_with(demande("D 10")),
        "refused",
        ("ligne 2", "colonne demande_id", "identifiant invalide"),
    ),
    Case(
        "attributions_demande_inconnue.csv",
        "attributions",
        attributions_with(attribution(demande_id="D1"), attribution("A11", demande_id="D404")),
        "refused",
        ("ligne 3", "colonne demande_id", "D404", "demande absente"),
    ),
    Case(
        "attributions_avant_la_demande.csv",
        "attributions",
        attributions_with(attribution(demande_id="D1", date_attribution="01/01/2023")),
        "refused",
        ("ligne 2", "colonne demande_id", "antérieure au dépôt"),
    ),
    # --- RPLS ---
    Case(
        "rpls_2025_crs_inconnu.csv",
        "logements",
        text(csv_text(RPLS_HEADER, [logement(), logement(EPSG="99999")])),
        "warned",
        ("système de coordonnées", "99999"),
        "le logement est gardé dans les chiffres par commune, sans place sur la carte",
    ),
    Case(
        "rpls_2025_colonne_absente.csv",
        "logements",
        text(csv_text([c for c in RPLS_HEADER if c != "DEPCOM"], [logement()])),
        "refused",
        ("ligne 1", "colonne DEPCOM", "colonne RPLS absente"),
    ),
    Case(
        "rpls_2025_hors_territoire.csv",
        "logements",
        text(csv_text(RPLS_HEADER, [logement(DEPCOM="75056")])),
        "refused",
        ("aucun logement",),
    ),
    Case(
        "rpls_sans_millesime.csv",
        "logements",
        text(csv_text(RPLS_HEADER, [logement()])),
        "refused",
        ("millésime RPLS inconnu",),
    ),
    # --- spreadsheets ---
    Case(
        "demandes_fusion.xlsx",
        "demandes",
        xlsx({"demandes": demandes_table(good_demandes())}, merge="C2:C3"),
        "refused",
        ("cellules fusionnées", "C2:C3"),
    ),
    Case(
        "extraits.xlsx",
        "demandes",
        xlsx(
            {
                "Feuil1": demandes_table(good_demandes()),
                "Feuil2": demandes_table(good_demandes()),
            }
        ),
        "refused",
        ("plusieurs feuilles", "Feuil1", "Feuil2"),
    ),
    Case(
        "demandes_erreur.xlsx",
        "demandes",
        xlsx({"demandes": demandes_table([demande(), demande("D11", typologie="T12")])}),
        "refused",
        ("ligne 3", "colonne typologie", "T12"),
    ),
    Case(
        "demandes_tronque.xlsx",
        "demandes",
        truncated_xlsx,
        "refused",
        ("classeur Excel illisible",),
    ),
    Case(
        "demandes_zip.xlsx",
        "demandes",
        zip_not_xlsx,
        "refused",
        ("classeur Excel illisible",),
    ),
    Case(
        "demandes.xls",
        "demandes",
        raw_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
        "refused",
        (".xls",),
    ),
    Case(
        "demandes_bombe_dimension.xlsx",
        "demandes",
        xlsx_bomb(2000, 26, "A1:Z5000000"),
        "refused",
        ("classeur trop grand", "130\u202f000\u202f000 cellules déclarées"),
        "la feuille déclare 5 millions de lignes : refusé avant d'être lu",
    ),
    Case(
        "demandes_bombe_cellules.xlsx",
        "demandes",
        xlsx_bomb(52_000, 20, None),
        "refused",
        ("classeur trop grand", "plus de 1\u202f000\u202f000 cellules"),
        "1 040 000 cellules sans dimension déclarée : comptées avant d'être lues (2 Mo)",
    ),
    Case(
        "demandes_bombe_taille.xlsx",
        "demandes",
        xlsx_unzipped(300),
        "refused",
        ("classeur de 300 Mo une fois décompressé", "au plus 256 Mo"),
    ),
    # --- malformed structure (pyarrow's English message once, without line or column) ---
    Case(
        "demandes_entete_10_millions_colonnes.csv",
        "demandes",
        wide_header(10_000_000),
        "refused",
        ("ligne 1", "en-tête de plus de 64 Ko"),
    ),
    Case(
        "demandes_entete_2000_colonnes.csv",
        "demandes",
        wide_header(2000),
        "refused",
        ("ligne 1", "2000 colonnes dans l'en-tête (au plus 1000)"),
    ),
    Case(
        "demandes_ligne_20mo.csv",
        "demandes",
        long_line(20),
        "refused",
        ("ligne 5", "colonne date_renouvellement", "ligne de plus de 1 Mo"),
        "une ligne de 20 Mo (plus qu'un bloc de lecture de pyarrow)",
    ),
    Case(
        "demandes_champ_200ko.csv",
        "demandes",
        demandes_with(demande(), demande("D11", guichet="x" * 200_000)),
        "refused",
        ("ligne 3", "un champ de plus de 131\u202f072 caractères"),
    ),
    # --- size ---
    Case(
        "demandes_200mo.csv",
        "demandes",
        big_file(200),
        "refused",
        ("trop volumineux", "200 Mo"),
        "écrit au moment du test dans un dossier temporaire",
    ),
    # --- hostile text ---
    Case(
        "attributions_formule.csv",
        "attributions",
        attributions_with(attribution(bailleur='=HYPERLINK("http://exemple.invalid";"clic")')),
        "warned",
        ("formule", "bailleur", "ligne 2"),
        "gardé comme texte ; les exports ne l'exécutent jamais",
    ),
    Case(
        "attributions_html.csv",
        "attributions",
        attributions_with(attribution(bailleur="<script>alert('x')</script><b>Bailleur</b>")),
        "accepted",
        why="gardé tel quel, affiché comme texte (jamais interprété)",
    ),
    Case(
        "attributions_sql.csv",
        "attributions",
        attributions_with(attribution(bailleur="x'); DROP TABLE demandes; --")),
        "accepted",
        why="gardé tel quel : les valeurs passent par des paramètres liés, jamais dans le SQL",
    ),
    Case(
        "actions_texte_trop_long.csv",
        "actions",
        text(csv_text(ACTIONS_HEADER, [action(objectif="x" * 5000)])),
        "refused",
        ("ligne 2", "colonne objectif", "trop long"),
    ),
    Case(
        "inconnu.csv",
        "loyers",
        text(GOOD_CSV),
        "refused",
        ("type d'extrait inconnu",),
    ),
]


def write_case(case: Case, folder: Path) -> Path:
    path = folder / case.file
    case.write(path)
    return path


if __name__ == "__main__":  # python -m tests.corpus.cases DOSSIER
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        if "200mo" not in case.file:
            write_case(case, out)
    print(f"{len(CASES) - 1} fichiers écrits dans {out}")
