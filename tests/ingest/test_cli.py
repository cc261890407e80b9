"""`dossier extract` reads stdin and URLs; `--allow-host` opens one host, not others."""

from __future__ import annotations

import json

from tests.conftest import CliRunner
from tests.ingest.conftest import Web, article


def test_cli_extract_stdin_and_urls_with_allow_host(web: Web, run_cli: CliRunner) -> None:
    allowed = web.route("/a.html", article("Drones delivered", "Iran shipped drones to Russia."))
    refused = allowed.replace("127.0.0.1", "localhost")
    stdin = "Iran supplied Shahed-136 drones to Russia in 2022, officials said.\n"
    result = run_cli(
        "extract", "-", refused, allowed, "--allow-host", "127.0.0.1", "--json", stdin=stdin
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["document"]["id"] == "stdin"
    assert lines[1]["document"]["title"] == "Drones delivered"
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1
    assert f"{refused}: refused to fetch from localhost" in errors[0]
