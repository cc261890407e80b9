"""FtM, CSV, GEXF and ClaimReview exports, each read back by the tool that consumes it."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney import model

from dossier.export import ExportError, export
from dossier.store import Store, open_store
from tests.export.conftest import TEXT_2, fill_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, str]]:
    store = open_store(str(tmp_path_factory.mktemp("formats") / "source.db"))
    return store, fill_store(store)


@pytest.fixture(scope="module")
def store(built: tuple[Store, dict[str, str]]) -> Store:
    return built[0]


@pytest.fixture(scope="module")
def ids(built: tuple[Store, dict[str, str]]) -> dict[str, str]:
    return built[1]


def test_ftm_lines_are_valid_followthemoney(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ftm.json"
    report = export(store, "ftm", path)
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]
    assert len(proxies) == sum(report.counts.values())
    by_id = {p.id: p for p in proxies}
    for proxy in proxies:  # every entity reference points to an exported entity
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, f"{proxy.id}.{prop.name} -> {value} missing"
    schemata = {p.schema.name for p in proxies}
    assert {"Article", "Organization", "LegalEntity", "Asset", "Documentation"} <= schemata
    assert {"UnknownLink", "Event"} <= schemata


def test_ftm_claims_keep_evidence_source_and_merges(
    store: Store, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "graph.ftm.json"
    export(store, "ftm", path)
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text().splitlines()]
    supply = next(
        p for p in proxies if p.schema.name == "UnknownLink" and "supply" in p.get("role")
    )
    assert supply.get("summary") == [
        "Iran supplied Shahed-136 drones to Russia in 2022, officials said."
    ]
    assert supply.get("sourceUrl") == ["https://news.example.org/drones"]
    assert supply.get("date") == ["2022"]
    names = {p.id: p.get("name", quiet=True) for p in proxies}
    assert names[supply.get("subject")[0]] == ["Iran"]
    assert f"ent-{ids['qai']}" not in names  # merged into Qods: one entity, two names
    qods = next(p for p in proxies if p.id == f"ent-{ids['qods']}")
    assert "QAI" in qods.get("alias")
    sanction = next(
        p for p in proxies if p.schema.name == "UnknownLink" and p.get("role") == ["sanction"]
    )
    assert sanction.get("object") == [qods.id]
    iran = next(p for p in proxies if p.get("name", quiet=True) == ["Iran"])
    assert iran.get("country") == ["ir"]


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("name", ["csv-out", "csv-out.zip"])
def test_csv_files(store: Store, ids: dict[str, str], tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    report = export(store, "csv", path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in path.iterdir()}
    assert set(files) == {"entities.csv", "claims.csv", "documents.csv", "matches.csv"}
    claims = _read_csv(files["claims.csv"])
    assert len(claims) == report.counts["claims"] == 3
    built = next(c for c in claims if c["predicate"] == "production")
    assert built["evidence"] == "Qods Aviation Industries built the drones."
    assert built["source_url"] == "https://news.example.org/drones"
    matches = _read_csv(files["matches.csv"])
    assert [(m["entity_id"], m["list_id"], m["review"]) for m in matches] == [
        (ids["qods"], "16418", "accept")
    ]
    entities = {e["id"]: e for e in _read_csv(files["entities.csv"])}
    assert entities[ids["qai"]]["merged_into"] == ids["qods"]
    assert entities[ids["qods"]]["lists"] == "us_ofac_sdn:16418"


def test_gexf_reads_back_with_networkx(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "claims.gexf"
    report = export(store, "gexf", path)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == report.counts["nodes"]
    assert graph.number_of_edges() == report.counts["edges"] == 2
    qods = graph.nodes[ids["qods"]]
    assert qods["listed"] is True
    assert qods["lists"] == "us_ofac_sdn:16418"
    assert ids["qai"] not in graph  # folded into Qods
    edges = {data["predicate"]: (u, v, data) for u, v, data in graph.edges(data=True)}
    u, v, data = edges["sanction"]
    assert graph.nodes[u]["label"] == "United States"
    assert v == ids["qods"]
    assert data["date"] == "2022-11-09"
    assert data["evidence"].startswith("On 9 November 2022")
    assert graph.nodes[edges["supply"][0]]["listed"] is False


def test_claimreview_rates_only_reviewed_claims(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonld"
    export(store, "claimreview", path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    reviews = {r["keywords"]: r for r in doc["@graph"]}
    assert all(r["@type"] == "ClaimReview" for r in reviews.values())
    sanction = reviews["sanction"]
    assert sanction["claimReviewed"] == TEXT_2
    assert sanction["reviewRating"]["ratingValue"] == 5
    assert sanction["reviewRating"]["ratingExplanation"] == "checked the Treasury release"
    supply: dict[str, Any] = reviews["supply"]
    assert "reviewRating" not in supply
    appearance = supply["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://news.example.org/drones"
    assert appearance["datePublished"] == "2022-11-01"
    assert supply["itemReviewed"]["author"]["name"] == "officials"


def test_unknown_format_and_unwritable_path(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(store, "xml", tmp_path / "x.xml")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export(store, "ftm", tmp_path / "folder")


def test_cli_rejects_an_unknown_format(run_cli: Any, tmp_path: Path) -> None:
    out = run_cli("--db", tmp_path / "x.db", "export", "--format", "xml", "-o", tmp_path / "x")
    assert out.returncode != 0
    assert "xml" in out.stderr


def test_ftm_cli_validates_the_export_unchanged(store: Store, tmp_path: Path) -> None:
    import subprocess
    import sys

    path, checked = tmp_path / "graph.ftm.json", tmp_path / "validated.ftm.json"
    export(store, "ftm", path)
    ftm = Path(sys.executable).parent / "ftm"
    subprocess.run([ftm, "validate", "-i", path, "-o", checked], check=True, timeout=120)

    def entities(file: Path) -> dict[str, Any]:
        rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
        return {r["id"]: (r["schema"], r["properties"]) for r in rows}

    assert entities(checked) == entities(path)
