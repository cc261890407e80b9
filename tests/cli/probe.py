"""A script that runs one `dossier COMMAND ARG --json` as the `dossier` script does and
prints, last, every module the process imported: what start-up tests count."""

from __future__ import annotations

_PROBE = """
import json, sys
sys.argv = ["dossier", {command!r}, sys.argv[1], "--json"]
from dossier.cli import main
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
print(json.dumps(sorted(sys.modules)))
"""


def probe(command: str) -> str:
    """The probe of `command`; its one argument is the script's first."""
    return _PROBE.format(command=command)
