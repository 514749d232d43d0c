"""The server's hardening (.streamlit/config.toml) and a static check that no data value can
reach the page as raw HTML: read from the files, so that a change shows up here."""

from __future__ import annotations

import ast
import tomllib

from dashboard.settings import REPO_DIR

CONFIG = REPO_DIR / ".streamlit" / "config.toml"


def test_the_server_configuration_is_hardened():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 250  # MB: a national RPLS file fits
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"  # no traceback shown to users


def test_no_raw_download_and_no_developer_switch():
    """Streamlit's table toolbar offered « Download as CSV » on every table and plotly's mode
    bar « Download plot as png » on every chart, the public's pages included (issue 16);
    a browser could also switch on rerun-on-save or reach the agent API."""
    from dashboard.ui.layout import PLOTLY_CONFIG

    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    assert "toImage" in PLOTLY_CONFIG["modeBarButtonsToRemove"]
    assert config["server"]["runOnSave"] is False
    assert config["server"]["allowRunOnSave"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["enableAgentApi"] is False
    assert config["global"]["developmentMode"] is False


def test_the_example_secrets_explain_the_settings_that_matter():
    example = (REPO_DIR / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    assert "secrets.token_urlsafe(48)" in example
    assert "accepter_sans_email_verified" in example


def test_the_sign_in_secrets_are_never_committed():
    ignored = (REPO_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored
    example = (REPO_DIR / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    assert "[auth]" in example and "redirect_uri" in example and "cookie_secret" in example


def _raw_html_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls that send HTML as is: st.html, components.html, or any unsafe_allow_html."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        unsafe = any(k.arg == "unsafe_allow_html" for k in node.keywords)
        if name == "html" or unsafe:
            found.append(node)
    return found


def _is_constant(node: ast.expr) -> bool:
    """A string written in the code, or a module constant (UPPER_CASE or _UPPER_CASE)."""
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, ast.Name) and node.id.lstrip("_").isupper()


def test_no_data_value_is_sent_as_raw_html():
    offenders = []
    for path in sorted((REPO_DIR / "dashboard").rglob("*.py")):
        if "static" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _raw_html_calls(tree):
            if any(k.arg == "unsafe_allow_html" for k in call.keywords):
                offenders.append(f"{path.name}:{call.lineno} unsafe_allow_html")
                continue
            owner = getattr(call.func, "value", None)
            if (
                isinstance(owner, ast.Name)
                and owner.id in {"st", "components"}
                and not all(_is_constant(a) for a in call.args)
            ):
                offenders.append(f"{path.name}:{call.lineno} {owner.id}.html")
    assert offenders == []


def test_the_check_finds_what_it_looks_for():
    tree = ast.parse(
        "st.markdown(f'<b>{nom}</b>', unsafe_allow_html=True)\nst.html(nom)\nst.html(_CSS)\n"
    )
    calls = _raw_html_calls(tree)
    assert len(calls) == 3
    assert [_is_constant(c.args[0]) for c in calls] == [False, False, True]
