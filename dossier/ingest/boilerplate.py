"""Find where an article body ends: reader comments, reply forms and widgets follow it.

The original text is never changed; we only return the offset where the body ends, so
every later offset still points into what the user gave us.
"""

from __future__ import annotations

import re

# Lines that only ever appear after an article: comment forms, comment counts,
# social widgets, newsletter boxes, related-link lists. Matched on a whole line.
_TAIL_MARKERS = re.compile(
    r"^\s*(?:"
    r"leave a (?:reply|comment)\b.*"
    r"|\d+\s+(?:comments?|responses?|replies)\b.*"
    r"|(?:comments?|responses?)\s*(?:\(\d+\))?:?"
    r"|liked by \d+ (?:people|person)\b.*"
    r"|share this(?: article| story)?:?.*"
    r"|(?:share|tweet|email|print)(?:\s*[|/·]\s*(?:share|tweet|email|print|facebook|twitter))+.*"
    r"|sign up for (?:our|the) newsletter.*"
    r"|subscribe to (?:our|the) newsletter.*"
    r"|related (?:posts|articles|stories|links|coverage|news)\s*:?"
    r"|read more\s*:?"
    r"|you are commenting using your .*"
    r"|fill in your details below.*"
    r"|this site uses akismet.*"
    r"|post a comment\s*:?"
    r"|join the (?:conversation|discussion).*"
    r")\s*$",
    re.IGNORECASE | re.MULTILINE,
)

# A reader comment: an indented or numbered paragraph just before a comment form.
_COMMENT_LINE = re.compile(r"^\s*(?:\d+\.\s|[-–•]\s)", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def find_body_end(text: str, start: int = 0) -> int:
    """Return the offset where the article body ends (`len(text)` when nothing trails it)."""
    marker = _TAIL_MARKERS.search(text, start)
    end = marker.start() if marker else len(text)
    end = _walk_back_over_comments(text, end) if marker else end
    return _strip_trailing_space(text, end)


def find_body_start(text: str) -> int:
    """Return the offset of the first non-blank character of the text."""
    stripped = len(text) - len(text.lstrip())
    return min(stripped, len(text))


def _walk_back_over_comments(text: str, end: int) -> int:
    """Move `end` back over reader-comment paragraphs that precede a comment form."""
    while True:
        breaks = list(_PARAGRAPH_BREAK.finditer(text, 0, end))
        if not breaks:
            return end
        last_break = breaks[-1]
        start = last_break.end()
        paragraph = text[start:end]
        if not paragraph.strip():
            end = last_break.start()
            continue
        if not _is_comment(paragraph):
            return end
        end = last_break.start()


def _is_comment(paragraph: str) -> bool:
    """A paragraph that reads like a reader comment rather than article text."""
    first_line = paragraph.lstrip("\n").split("\n", 1)[0]
    indented = first_line.startswith(("  ", "\t"))
    return bool(_COMMENT_LINE.match(first_line)) and indented


def _strip_trailing_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
