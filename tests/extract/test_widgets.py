"""Page furniture inside a body: masked, while the reporting around it is kept."""

from __future__ import annotations

from dossier.extract.widgets import masked_body, widget_spans

PROSE = (
    "The Treasury on Thursday announced sanctions against two makers of drone engines, "
    "officials said in a statement released in Washington."
)


def _spans(text: str) -> list[str]:
    return [text[lo:hi] for lo, hi in widget_spans(text, 0, len(text))]


def test_inline_teaser_line_is_furniture() -> None:
    text = f"{PROSE}\n\nSee also: Firm among nine hit by sanctions over electronics\n\n{PROSE}"
    assert _spans(text) == ["See also: Firm among nine hit by sanctions over electronics"]


def test_appeal_and_its_teaser_are_furniture() -> None:
    text = f"{PROSE}\n\nAccess the news and analysis you can trust\n\nSubscribe to our newsletter."
    assert _spans(text) == [
        "Access the news and analysis you can trust\n\nSubscribe to our newsletter."
    ]


def test_heading_then_headlines_is_a_tail() -> None:
    tail = "Other News\n\nCountry loses its last friends in the region\nAnother headline goes here"
    text = f"{PROSE}\n\n{tail}\n"
    assert _spans(text) == [tail + "\n"]


def test_heading_followed_by_prose_masks_only_the_heading() -> None:
    text = f"{PROSE}\n\nRelated Article\n\n{PROSE}"
    assert _spans(text) == ["Related Article"]


def test_closing_bio_is_furniture() -> None:
    text = f"{PROSE}\n\nJane Roe is a Turkey correspondent for Defense News.\n"
    assert _spans(text) == ["Jane Roe is a Turkey correspondent for Defense News.\n"]


def test_truncated_last_sentence_is_kept() -> None:
    text = f"{PROSE}\n\nThe two firms had been developing long-range attack dron"
    assert _spans(text) == []


def test_reporting_that_mentions_donations_is_kept() -> None:
    text = f"{PROSE}\n\nDenmark will donate its F-16 fleet once the pilots are trained."
    assert _spans(text) == []


def test_mask_keeps_length_and_line_breaks() -> None:
    text = f"{PROSE}\nALSO READ: Something else\n{PROSE}"
    masked = masked_body(text, 0, len(text))
    assert len(masked) == len(text)
    assert masked.count("\n") == 2
    assert "ALSO" not in masked
    assert masked.startswith(PROSE)
