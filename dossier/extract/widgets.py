"""Page furniture inside an article body: widget lines, appeals, related-story lists, bios.

`dossier.ingest.boilerplate` cuts comment sections and link tails off the body; what it
leaves can still hold widgets between paragraphs ("See also: <headline>", "ALSO READ",
donation and subscription appeals) and, at the end, a list of other headlines or the
author's bio. None of it is reporting, so extraction masks it: `masked_body` replaces
those spans with spaces (offsets stay valid) before the body is parsed.

The cues are generic web-page furniture (the vocabulary of jusText-style boilerplate
removal), not phrases of any one outlet.
"""

from __future__ import annotations

import re

# A line opened by a widget heading: everything on that line is a link or a teaser.
_WIDGET_HEAD = re.compile(
    r"(?:also read|read also|read more|see also|related(?: articles?| stories| news)?|"
    r"recommended|more news|other news|latest news|top stories|watch|listen|trending|"
    r"most read|you may also like|advertisement|sponsored)\b\s*[:|>»\-–]?",
    re.IGNORECASE,
)
# A heading line on its own ("Other News", "Related:"): the rest of the body is a list.
_TAIL_HEAD = re.compile(
    r"(?:also read|read also|read more|see also|related(?: articles?| stories| news| posts)?|"
    r"recommended(?: for you)?|more news|other news|latest news|more stories|top stories|"
    r"most read|you may also like|more from \w+(?: \w+)?)\s*:?",
    re.IGNORECASE,
)
# Appeals to the reader: donations, subscriptions, newsletters, channels, apps.
_APPEAL = re.compile(
    r"\byour support (?:helps|allows|makes)\b|\bsupport (?:us|our journalism|independent)\b|"
    r"\bsubscri(?:be|ption)\b|\bnewsletters?\b|\bsign up\b|\bjoin our\b|\bfollow us\b|"
    r"\b(?:telegram|whatsapp|viber) channel\b|\bdownload (?:our|the) app\b|"
    r"\$\d+ per (?:year|month)\b|\bclick here\b|\ball rights reserved\b",
    re.IGNORECASE,
)
# The author's line or bio after the last paragraph.
_BIO = re.compile(
    r"(?:[Bb]y [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|"
    r"I am [A-Z][\w'-]+(?: [A-Z][\w'-]+)*,? an? .*|"
    r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3} (?:is|has been) an? .*\b(?:correspondent|reporter|"
    r"journalist|editor|writer|columnist|contributor|analyst)\b.*)",
)
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?\"'”’)\]]\s*$")
APPEAL_MAX_CHARS = 400
"""An appeal is a short paragraph; a long one with "subscribe" in it is reporting."""
HEADLINE_MAX_CHARS = 160


def widget_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of `text[start:end]` that are page furniture, in order."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, start, end) if m.group().strip()]
    spans: list[tuple[int, int]] = []
    for i, (lo, hi) in enumerate(lines):
        line = text[lo:hi].strip()
        if _TAIL_HEAD.fullmatch(line):
            if _is_list(text, lines[i + 1 :]):
                spans.append((lo, end))
                break
            spans.append((lo, hi))
        elif _is_widget_line(line):
            spans.append((_teaser_start(text, lines[:i], lo), hi))
    tail = _tail_start(text, lines)
    if tail is not None:
        spans.append((tail, end))
    return _merge(spans)


def _is_list(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the lines after a heading are a list of links, not more article."""
    return all(_is_headline(text[lo:hi].strip(), min_words=0) for lo, hi in lines)


def _is_headline(line: str, min_words: int = 4) -> bool:
    """A short line without a closing stop (a link title, a teaser)."""
    return (
        len(line) <= HEADLINE_MAX_CHARS
        and _SENTENCE_END.search(line) is None
        and len(line.split()) >= min_words
    )


def _teaser_start(text: str, before: list[tuple[int, int]], start: int) -> int:
    """A widget's teaser line right above it belongs to it ("Access the ... news")."""
    if before:
        lo, hi = before[-1]
        between = text[hi:start]
        if between.count("\n") <= 2 and _is_headline(text[lo:hi].strip(), min_words=3):
            return lo
    return start


# Breadcrumbs: "Home > National > Defense".
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s[>»/|]\s[^.!?]{1,40}){2,}$")


def _is_widget_line(line: str) -> bool:
    if _BREADCRUMB.match(line):
        return True
    head = _WIDGET_HEAD.match(line)
    marked = head is not None and head.group().rstrip().endswith((":", "|", ">", "»"))
    if marked or (head is not None and line.isupper()):
        return True
    return len(line) <= APPEAL_MAX_CHARS and _APPEAL.search(line) is not None


def _tail_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Where a closing run of headlines or an author bio starts, if the body ends so.

    Headlines are short lines of four or more words without a closing stop; two or more
    of them at the very end are a list of other stories. (A body cut mid-sentence ends
    in one unpunctuated line, after a punctuated one, so it does not qualify.)
    """
    if not lines:
        return None
    lo, hi = lines[-1]
    if _BIO.fullmatch(text[lo:hi].strip()):
        return lo
    run: list[int] = []
    for lo, hi in reversed(lines):
        if not _is_headline(text[lo:hi].strip()):
            break
        run.append(lo)
    return run[-1] if len(run) >= 2 else None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def masked_body(text: str, start: int, end: int) -> str:
    """`text[start:end]` with page furniture blanked out (same length, same offsets)."""
    body = text[start:end]
    for lo, hi in widget_spans(text, start, end):
        body = body[: lo - start] + _blank(body[lo - start : hi - start]) + body[hi - start :]
    return body


def _blank(chunk: str) -> str:
    # keep newlines so paragraphs and sentence breaks stay where they were
    return "".join(c if c == "\n" else " " for c in chunk)


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls inside one of `spans`."""
    return any(lo <= pos < hi for lo, hi in spans)
