"""Property-based fuzzing of every parser that reads outside input.

`BUDGET` fixes how many Hypothesis examples each target runs: `make test` runs them
all (their sum is checked to stay at or above 10,000) in about a minute.
"""

BUDGET: dict[str, int] = {
    "text_reader": 1200,
    "jsonl_reader": 1200,
    "jsonl_records": 600,
    "html_reader": 250,
    "bytes_dispatch": 500,
    "boilerplate": 1200,
    "dates": 1200,
    "quantities": 800,
    "list_dates": 500,
    "name_tokens": 800,
    "name_scores": 700,
    "token_similarity": 700,
    "csv_loaders": 400,
    "eu_loader": 250,
    "un_loader": 200,
    "ftm_loader": 250,
    "body_reader": 300,
    "feeds": 300,
}
"""Hypothesis `max_examples` per fuzz target (the test that uses it names the key)."""
