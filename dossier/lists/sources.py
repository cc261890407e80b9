"""Where each list is published: the registry `dossier lists fetch` downloads from.

Each dataset (CONTRACT.md ids) has one or more files. A file has its publisher's address,
the path it is saved under (a name `screen/loaders/registry.py` recognises, so the folder
`lists fetch` writes is what `lists load` reads), and its path on a mirror. A mirror is
laid out like `shared/data/sanctions/` (see its MANIFEST.csv), so a plain HTTP server over
such a folder can stand in for every publisher (`DOSSIER_LISTS_MIRROR`, `--mirror`).

The EU entry is the per-regulation transcription dossier's EU loader reads (OpenSanctions'
copy of the EUR-Lex consolidated texts), not the EU Financial Sanctions File: that file
needs a token and has another layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dossier.exc import InvalidInput

OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports"
OPENSANCTIONS = "https://raw.githubusercontent.com/opensanctions/opensanctions/main/datasets"
EU_JOURNAL = f"{OPENSANCTIONS}/eu/journal_sanctions/data/consolidated"
EU_REGULATIONS = (
    "32001R2580",
    "32002R0881",
    "32003R1210",
    "32005R1183",
    "32006R0765",
    "32009R1284",
    "32010R0356",
    "32011R0101",
    "32011R0359",
    "32011R0753",
    "32012R0036",
    "32012R0267",
    "32013R0401",
    "32014R0208",
    "32014R0224",
    "32014R0269",
    "32014R0747",
    "32014R0833",
    "32014R1352",
    "32015R0735",
    "32016R0044",
    "32016R1686",
    "32017R1509",
    "32017R1770",
    "32017R2063",
    "32018R1542",
    "32019R0796",
    "32019R1716",
    "32020R1998",
    "32022R2309",
    "32023R0888",
    "32023R1529",
    "32023R2147",
    "32024R0287",
    "32024R0386",
    "32024R1485",
    "32024R2642",
)
"""CELEX numbers of the EU framework regulations with listings (37 files)."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of a published list."""

    dataset: str
    url: str
    """The publisher's address."""
    path: str
    """Where it is saved, relative to the output folder."""
    mirror_path: str
    """Its path on a mirror laid out like `shared/data/sanctions/`."""

    def location(self, mirror: str | None) -> str:
        """The URL to download: on the mirror when one is set, else the publisher's."""
        return f"{mirror.rstrip('/')}/{self.mirror_path}" if mirror else self.url


def _ofac(dataset: str, folder: str, names: dict[str, str]) -> list[SourceFile]:
    return [
        SourceFile(dataset, f"{OFAC}/{name.upper()}", f"{folder}/{name}", f"{folder}/{mirror}")
        for name, mirror in names.items()
    ]


SOURCES: dict[str, list[SourceFile]] = {
    "us_ofac_sdn": _ofac(
        "us_ofac_sdn",
        "us_ofac",
        {
            "sdn.csv": "sdn_2024-05-03.csv",
            "alt.csv": "alt_2025-12.csv",
            "add.csv": "add_2025-12.csv",
            "sdn_comments.csv": "sdn_comments_2025-12.csv",
        },
    ),
    "us_ofac_cons": _ofac(
        "us_ofac_cons",
        "us_ofac_non_sdn",
        {name: name for name in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv")}
        | {"cons_comments.csv": "cons_comments.csv"},
    ),
    "un_sc": [
        SourceFile(
            "un_sc",
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            "un/un_consolidated.xml",
            "un/un_consolidated_2026-02-27.xml",
        )
    ],
    "eu_fsf": [
        SourceFile(
            "eu_fsf",
            f"{EU_JOURNAL}/{celex}.csv",
            f"eu_oj/consolidated/{celex}.csv",
            f"eu_oj/consolidated/{celex}.csv",
        )
        for celex in EU_REGULATIONS
    ],
    "us_bis_dpl": [
        SourceFile(
            "us_bis_dpl",
            "https://www.bis.doc.gov/dpl/dpl.txt",
            "us_bis/dpl.txt",
            "us_bis/dpl_2022-09.txt",
        )
    ],
    "us_bis_mieu": [
        SourceFile(
            "us_bis_mieu",
            f"{OPENSANCTIONS}/us/bis_mieu/mieu.csv",
            "us_bis/mieu.csv",
            "us_bis/mieu.csv",
        )
    ],
    "us_dod_1260h": [
        SourceFile(
            "us_dod_1260h",
            f"{OPENSANCTIONS}/us/dod_chinese_milcorps/sanctions.csv",
            "us_dod/dod_chinese_milcorps_1260h.csv",
            "us_dod/dod_chinese_milcorps_1260h.csv",
        )
    ],
    "cn_countersanctions": [
        SourceFile(
            "cn_countersanctions",
            f"{OPENSANCTIONS}/cn/sanctions/sanctions.csv",
            "cn/cn_sanctions.csv",
            "cn/cn_sanctions.csv",
        )
    ],
}


def select_sources(datasets: Iterable[str]) -> list[SourceFile]:
    """The files of `datasets` (all datasets when none are named), in registry order."""
    wanted = list(datasets) or list(SOURCES)
    unknown = [d for d in wanted if d not in SOURCES]
    if unknown:
        raise InvalidInput(
            f"unknown dataset {', '.join(unknown)}; known: {', '.join(SOURCES)}",
            [{"loc": "dataset", "msg": f"not one of {', '.join(SOURCES)}"}],
        )
    return [f for dataset in dict.fromkeys(wanted) for f in SOURCES[dataset]]
