"""Starts the dashboard as it must run: `python -m dashboard.server [options of streamlit run]`
(`make run` does). Compared with `streamlit run dashboard/app.py`, two things happen first:

- a sign-in set up with a cookie secret anyone could know or guess (the example's, shorter
  than 32 characters, low in entropy) stops the start with a French message: such a secret
  lets anyone sign a member's cookie (the app itself also refuses to run, see
  dashboard/ui/access.py);
- the server's guards are installed (dashboard/guard.py): developer messages refused,
  sessions per address and concurrent script runs capped.

Both need Streamlit's configuration (secrets files, flags) to be read, so they run at the
moment `streamlit run` hands over to its server (`bootstrap.run`), in this process.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from dashboard import guard
from dashboard.access import sign_in_problem
from dashboard.settings import REPO_DIR

APP = REPO_DIR / "dashboard" / "app.py"


def _auth_section() -> dict | None:
    from streamlit.runtime.secrets import secrets_singleton

    if not secrets_singleton.load_if_toml_exists():
        return None
    section = secrets_singleton.get("auth")
    return dict(section) if section else None


def main(argv: Sequence[str] | None = None) -> None:
    from streamlit.web import bootstrap, cli

    limits = guard.Limits.from_env()
    start_server = bootstrap.run

    def checked_start(*args: object, **kwargs: object) -> None:
        problem = sign_in_problem(_auth_section())
        if problem:
            print(problem, file=sys.stderr)
            raise SystemExit(2)
        guard.install(limits)
        start_server(*args, **kwargs)

    bootstrap.run = checked_start
    options = list(sys.argv[1:] if argv is None else argv)
    cli.main(args=["run", str(APP), *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
