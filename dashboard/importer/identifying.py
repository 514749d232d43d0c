"""Identifying data refused by pattern: the observatory receives anonymised extracts only.

A file is refused whole, before anything else is checked, when
- a header names a person's name, first name, birth date, address (the applicant's: a
  dwelling's address in the RPLS file is not one), telephone, e-mail, NIR (sécurité sociale)
  or an SNE number (numéro unique, NUU, NUD), whatever its spelling: headers are normalised
  (accents, case, punctuation, camelCase, words run together) and abbreviations expanded
  (« Tél. », « mél », « n° sécu », « dt naiss. ») before matching;
- a value of a column the import keeps looks like an e-mail address, a French telephone
  number or a NIR (the first lines are named, the value never shown).
A header that is exactly a column of the data contract (`commune_residence`, `age_demandeur`,
`NOMVOIE`…) is never refused by its name.

Called once by `import_file` (dashboard/importer/__init__.py) on the raw table, so that it
holds whatever the reader and the validation become.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.contract import EXTRACTS, RPLS_COLUMNS, RPLS_OPTIONAL
from dashboard.importer.errors import ImportRefused, Problem
from dashboard.importer.reader import RawTable, header_key

LINES_NAMED = 5

# Word lists, kept compact.
# fmt: off
# Abbreviations and spellings, to one canonical word.
ALIASES = {
    "n": "numero", "no": "numero", "num": "numero", "nr": "numero", "nro": "numero",
    "numero": "numero", "number": "numero", "nb": "numero", "tel": "telephone", "tl": "telephone",
    "telephone": "telephone", "phone": "telephone", "tlphone": "telephone",
    "portable": "telephone", "mobile": "telephone", "gsm": "telephone", "cellulaire": "telephone",
    "fax": "telephone", "fixe": "telephone", "mel": "email", "mail": "email", "email": "email",
    "courriel": "email", "mails": "email", "emails": "email", "nom": "nom", "noms": "nom",
    "name": "nom", "lastname": "nom", "surname": "nom", "patronyme": "nom", "firstname": "prenom",
    "givenname": "prenom", "forename": "prenom", "prenom": "prenom", "prenoms": "prenom",
    "pnom": "prenom", "naissance": "naissance", "nais": "naissance", "naiss": "naissance",
    "birth": "naissance", "birthdate": "naissance", "birthday": "naissance", "dob": "naissance",
    "ddn": "naissance", "ne": "ne", "nee": "ne", "born": "naissance", "adresse": "adresse",
    "adr": "adresse", "addr": "adresse", "address": "adresse", "adresses": "adresse",
    "domicile": "adresse", "rue": "adresse", "street": "adresse", "nir": "nir", "nss": "nir",
    "ssn": "nir", "secu": "secu", "securite": "secu", "nuu": "sne", "nud": "sne", "nur": "sne",
    "nun": "sne", "sne": "sne", "unique": "unique", "dt": "date", "dte": "date", "date": "date",
}
STOPWORDS = {
    "a", "au", "aux", "d", "de", "des", "du", "en", "l", "la", "le", "les", "of", "the",
}
# Words that say a name or an address is not a person's (the street of a dwelling, a commune).
NOT_A_PERSON = {
    "action", "agence", "axe", "bailleur", "bailleurs", "batiment", "commission", "commune",
    "communes", "contingent", "critere", "departement", "dispositif", "ensemble", "entreprise",
    "epci", "etablissement", "fichier", "financeur", "gestionnaire", "grille", "groupe", "guichet",
    "immeuble", "indicateur", "iris", "lieu", "lieudit", "logement", "objectif", "operation",
    "organisme", "partenaire", "partenaires", "programme", "projet", "qpv", "quartier", "region",
    "reservataire", "residence", "service", "siege", "site", "societe", "structure", "territoire",
    "thematique", "ville", "voie",
}
# An address is a person's unless it is plainly an organisation's (an attributed dwelling's
# address would point at the household living there).
ADDRESS_NOT_A_PERSON = {
    "agence", "bailleur", "commission", "gestionnaire", "guichet", "organisme", "service", "siege",
    "structure",
}
VOCABULARY = set(ALIASES) | STOPWORDS | NOT_A_PERSON | {
    "beneficiaire", "codemandeur", "complet", "conjoint", "contact", "day", "demande", "demandeur",
    "departemental", "dossier", "e", "electronique", "enfant", "epouse", "epoux", "famille",
    "fille", "first", "given", "jeune", "last", "locataire", "menage", "national", "personne",
    "referent", "regional", "social", "sociale", "titulaire", "usage",
}
# fmt: on

# The lookbehind starts a local part only at the start of its run of characters: without it,
# a long run with no @ was retried from each of its positions (quadratic: 97 s for one value of
# 200 000 letters). The texts that match are the same.
EMAIL = r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
PHONE = r"(?:(?:\+|00)33[\s.-]?[1-9]|\b0[1-9])(?:[\s.-]?\d{2}){4}\b"
NIR = (  # sex, year, month (or 20-99), département (or 2A/2B), commune, order, key
    r"\b[1-478]\s?\d{2}\s?(?:0[1-9]|1[0-2]|[2-9]\d)\s?(?:\d{2}|2[AB])"
    r"\s?\d{3}\s?\d{3}(?:\s?\d{2})?\b"
)
VALUE_PATTERNS = {
    "une adresse électronique": EMAIL,
    "un numéro de téléphone": PHONE,
    "un numéro de sécurité sociale (NIR)": NIR,
}
# A text matches one of them exactly when it matches this alternation.
ANY_VALUE_PATTERN = "|".join(f"(?:{p})" for p in VALUE_PATTERNS.values())


def _split_words(header: str) -> list[str]:
    """Words of a header: camelCase split, accents and case removed, words run together
    segmented against the vocabulary (« nomdemandeur » is « nom demandeur »)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    words = []
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        words += _segment(word) or [word]
    return words


@lru_cache(maxsize=4096)
def _segment(word: str) -> list[str] | None:
    """`word` cut into vocabulary words (the fewest pieces), or None."""
    if word in VOCABULARY:
        return [word]
    best: list[str] | None = None
    for cut in range(len(word) - 1, 0, -1):
        head = word[:cut]
        if head in VOCABULARY and len(head) > 1:
            rest = _segment(word[cut:])
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = [head, *rest]
    return best


def identifying_kind(header: str, kind: str = "demandes") -> str | None:
    """What a header names that identifies a person (French, for the message), or None."""
    raw = _split_words(header)
    words = [ALIASES.get(w, w) for w in raw if w not in STOPWORDS]
    found = set(words)
    qualified_away = bool(found & NOT_A_PERSON)
    if "email" in found or ("e" in raw and "mail" in raw) or {"adresse", "electronique"} <= found:
        return "une adresse électronique"
    if "telephone" in found:
        return "un numéro de téléphone"
    if "nir" in found or "secu" in found or ({"numero", "insee"} <= found and not qualified_away):
        return "un numéro de sécurité sociale (NIR)"
    if "sne" in found or ("numero" in found and "unique" in found):
        return "un numéro unique du SNE"
    if "naissance" in found or ("ne" in found and len(found - {"ne", "date"}) == 0):
        return "une date de naissance"
    if ("nom" in found or "prenom" in found) and not qualified_away:
        return "le nom ou le prénom d'une personne"
    if "adresse" in found and not found & ADDRESS_NOT_A_PERSON and kind != "logements":
        return "l'adresse d'une personne"
    return None


def _contract_keys(kind: str) -> set[str]:
    if kind == "logements":
        names = [
            n for alternatives in {**RPLS_COLUMNS, **RPLS_OPTIONAL}.values() for n in alternatives
        ]
    else:
        names = [c.name for c in EXTRACTS[kind].columns] if kind in EXTRACTS else []
    return {header_key(n) for n in names}


def check(raw: RawTable, kind: str) -> None:
    """Refuses the file (ImportRefused, French) if it carries identifying data."""
    contract = _contract_keys(kind)
    problems = []
    for header in raw.headers:
        if header_key(header) in contract:
            continue
        what = identifying_kind(header, kind)
        if what:
            problems.append(
                Problem(
                    raw.file,
                    f"colonne identifiant une personne ({what}) : le fichier est refusé en "
                    "entier, l'observatoire ne reçoit que des extraits anonymisés",
                    line=1,
                    column=header,
                )
            )
    if problems:
        raise ImportRefused(problems)
    kept = [h for h in raw.headers if header_key(h) in contract]
    for header in kept:
        problems += _value_problems(raw, header)
    if problems:
        raise ImportRefused(problems)


def _value_problems(raw: RawTable, header: str) -> list[Problem]:
    values = raw.frame[header]
    if not isinstance(values, pd.Series):  # two headers alike: the validation says so
        return []
    # Each distinct text searched once, for the three patterns at once (Python's regex runs
    # value by value: 4.6 s for a department's demands when every row met every pattern);
    # only the texts that match one are searched for each pattern.
    codes, uniques = pd.factorize(values)
    texts = pd.Series(uniques, dtype=object)
    suspect = texts.str.contains(ANY_VALUE_PATTERN, regex=True).fillna(False).to_numpy(dtype=bool)
    if not suspect.any():
        return []
    problems = []
    for what, pattern in VALUE_PATTERNS.items():
        hit_text = np.zeros(len(texts), dtype=bool)
        found = texts[suspect].str.contains(pattern, regex=True).fillna(False)
        hit_text[suspect] = found.to_numpy(dtype=bool)
        hit = (codes >= 0) & hit_text[np.maximum(codes, 0)]
        if not hit.any():
            continue
        rows = hit.nonzero()[0]
        lines = [raw.line(int(r)) for r in rows[:LINES_NAMED]]
        listed = ", ".join(str(n) for n in lines) + (" …" if len(rows) > LINES_NAMED else "")
        problems.append(
            Problem(
                raw.file,
                f"valeur ressemblant à {what} (ligne{'s' if len(lines) > 1 else ''} {listed} ; "
                f"{len(rows)} en tout) : une donnée identifiante, le fichier est refusé en "
                "entier",
                line=lines[0],
                column=header,
            )
        )
    return problems
