"""Find where an article body ends: reader comments, reply forms and widgets follow it.

The original text is never changed; we only return the offset where the body ends, so
every later offset still points into what the user gave us.

Two kinds of line end a body. A *strong* marker ("Leave a Reply", "12 thoughts on …",
"Share this:", a comment byline with a timestamp) never appears inside an article, so the
body ends at the first one. A *weak* marker ("Read more:", "Related", "Tags:") can sit
between paragraphs of a real article, so it ends the body only when everything after it
looks like a tail: short lines, links, other markers. Then we walk back over widget lines
("Twitter", "Like Loading…") and indented reader comments that precede the marker.
"""

from __future__ import annotations

import re

_STRONG = re.compile(
    r"^\s*(?:"
    r"leave a (?:reply|comment)\b.*"
    r"|\d+\s+(?:comments?|responses?|replies|thoughts)\b.*"
    r"|(?:comments?|responses?)\s*(?:\(\d+\))?:?"
    r"|one (?:comment|response|thought) on\b.*"
    r"|liked by \d+ (?:people|person)\b.*"
    r"|you are commenting using your .*"
    r"|fill in your details below.*"
    r"|your email address will not be published.*"
    r"|this site uses akismet.*"
    r"|comments are closed\.?"
    r"|post a comment\s*:?"
    r"|join the (?:conversation|discussion).*"
    r"|[^\n]{1,60}\s(?:says|wrote):\s*\n\s*(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|\d{4}-\d{2}-\d{2})[^\n]*"
    r")\s*$",
    re.IGNORECASE | re.MULTILINE,
)
"""Comment sections: nothing of the article follows them."""

_WEAK = re.compile(
    r"^\s*(?:"
    r"read (?:more|next|also)|related|more on this(?: story)?|see also|tags|topics|filed under"
    r"|advertisement|most (?:read|popular)|recommended(?: for you| stories| articles)?"
    r"|related (?:posts|articles|stories|links|coverage|news|reading|content)"
    r"|you (?:may|might) also (?:like|be interested in)|more (?:stories|articles|news) from"
    r"|share this(?: article| story| post)?|like this|share (?:on|via)|click to (?:share|print)"
    r"|(?:share|tweet|email|print)(?:\s*[|/·]\s*(?:share|tweet|email|print|facebook|twitter))+"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the|my) (?:free )?(?:\w+ )?newsletters?"
    r"|get (?:our|the) (?:free )?(?:\w+ )?newsletter"
    r")\b\s*:?.{0,120}$",
    re.IGNORECASE | re.MULTILINE,
)
"""Widgets that may also sit between paragraphs (inline "Recommended articles" boxes)."""

# Lines that make up share bars and like buttons, walked back over before a marker.
_WIDGET = re.compile(
    r"^\s*(?:twitter|facebook|linkedin|whatsapp|telegram|reddit|pinterest|email|print|tumblr"
    r"|pocket|share|tweet|like|reblog|loading\.{0,3}|like loading\.{0,3}|reply|report"
    r"|(?:\w+ )?(?:picture|photo)|connecting to %s|log out\s*/\s*change\s*\)?|related"
    r"|liked by \d+ (?:people|person))\s*$",
    re.IGNORECASE,
)

# A reader comment: an indented, numbered or bulleted paragraph before a comment form.
_COMMENT_LINE = re.compile(r"^(?:  |\t)\s*(?:\d+\.\s|[-–•]\s)")
_LINE = re.compile(r"[^\n]*")
TAIL_LINE_CHARS = 150
"""A weak marker ends the body only if no later line is longer: link titles and tags are
short, article paragraphs are not."""


def find_body_end(text: str, start: int = 0) -> int:
    """Return the offset where the article body ends (`len(text)` when nothing trails it)."""
    marker = _first_tail(text, start)
    if marker is None:
        return max(start, _strip_trailing_space(text, len(text)))
    end = _walk_back(text, start, marker)
    return max(start, _strip_trailing_space(text, end))


def find_body_start(text: str) -> int:
    """Return the offset of the first non-blank character of the text."""
    stripped = len(text) - len(text.lstrip())
    return min(stripped, len(text))


def _first_tail(text: str, start: int) -> int | None:
    """Offset of the first strong marker, or of a weak marker followed only by a tail."""
    strong = _STRONG.search(text, start)
    limit = strong.start() if strong else len(text)
    for weak in _WEAK.finditer(text, start, limit):
        if _is_tail(text[weak.end() : limit]):
            return weak.start()
    return strong.start() if strong else None


def _is_tail(rest: str) -> bool:
    """Whether text after a weak marker holds only short lines (links, tags, credits)."""
    return all(len(line.strip()) <= TAIL_LINE_CHARS for line in rest.splitlines())


def _walk_back(text: str, start: int, end: int) -> int:
    """Move `end` back over blank lines, widget lines and reader comments before it."""
    while end > start:
        line_start = text.rfind("\n", start, max(start, end - 1)) + 1
        line_start = max(line_start, start)
        line = text[line_start:end].rstrip("\n")
        if line.strip() and not (_WIDGET.match(line) or _COMMENT_LINE.match(line)):
            return end
        if line_start == start:
            return start
        end = line_start
    return end


def _strip_trailing_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
