"""The benchmark measures every page, members-only ones included: it runs the app with the
test settings' members' list and signs in as one of them (AppTest's simulated user on the
server side, the local mock OpenID provider in the browser) — never through a bypass."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from tests.conftest import MEMBER_EMAIL, write_test_settings

MEMBER = {"is_logged_in": True, "email": MEMBER_EMAIL, "email_verified": True}


@cache
def settings_path() -> Path:
    """data/territoire.toml with the test members' list, in a folder kept for the run."""
    return write_test_settings(Path(tempfile.mkdtemp(prefix="bench-territoire-")))


def use_member_settings() -> None:
    os.environ["CIL_TERRITOIRE"] = str(settings_path())
