"""Who is a member: the settings' list of addresses and domains (dashboard/access.py)."""

from __future__ import annotations

import pytest

from dashboard.access import AccessList, is_allowed, parse_access
from dashboard.settings import SettingsError, _load
from tests.conftest import write_test_settings

RULES = parse_access({"adresses": ["Elu.Referent@Mairie-Exemple.fr "], "domaines": ["ccvg.fr"]})


@pytest.mark.parametrize(
    "email",
    [
        "cheffe.projet@ccvg.fr",
        "CHEFFE.PROJET@CCVG.FR",  # case does not matter
        "  agent@ccvg.fr ",  # nor surrounding spaces
        "elu.referent@mairie-exemple.fr",  # listed one by one
    ],
)
def test_listed_addresses_and_domains_are_allowed(email):
    assert is_allowed(email, RULES)


@pytest.mark.parametrize(
    "email",
    [
        "autre.elu@mairie-exemple.fr",  # the address is listed, not its domain
        "agent@services.ccvg.fr",  # a sub-domain is not the domain
        "agent@autre-ccvg.fr",  # a domain that ends like it
        "agent@ccvg.fr.exemple.com",  # a domain that starts like it
        "ccvg.fr",  # no local part
        "@ccvg.fr",
        "agent@ccvg.fr@exemple.org",  # two « @ »
        "agent @ccvg.fr",  # a space inside
        "agent@ccvg",  # no dot in the domain
        "",
        None,
    ],
)
def test_anything_else_is_refused(email):
    assert not is_allowed(email, RULES)


def test_an_empty_list_lets_no_one_in():
    assert AccessList().empty
    assert parse_access({}).empty
    assert not is_allowed("cheffe.projet@ccvg.fr", parse_access({}))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"adresses": ["pas-une-adresse"]}, "n'est pas une adresse électronique"),
        ({"domaines": ["*.ccvg.fr"]}, "n'est pas un nom de domaine"),
        ({"domaines": ["@ccvg.fr"]}, "n'est pas un nom de domaine"),
        ({"domaines": "ccvg.fr"}, "doit être une liste de textes"),
        ({"adresses": [3]}, "doit être une liste de textes"),
    ],
)
def test_a_malformed_list_is_refused_in_french(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_access(raw)


def test_a_malformed_list_stops_the_settings(tmp_path):
    path = write_test_settings(tmp_path, '\n[acces]\ndomaines = ["*.ccvg.fr"]\n')
    with pytest.raises(SettingsError, match=r"\[acces\] domaines"):
        _load(path)


def test_the_test_settings_carry_the_test_members(test_settings):
    acces = _load(test_settings).acces
    assert acces.adresses == {"elu.referent@mairie-exemple.fr"}
    assert acces.domaines == {"membres-cil.test"}
