"""Stored text written into Markdown: it must stay text (issue 20, item 11).

Reports, titles and list entries come from outside; written raw into a Markdown brief,
`<img src=x onerror=...>` is live HTML in most renderers and `[x](javascript:...)` a live
link. Every value a Markdown template prints goes through `md_text` (the environment's
`finalize`): HTML's `&`, `<`, `>` become entities and Markdown's punctuation is
backslash-escaped, so it prints as typed; only http(s) URLs become link targets
(`md_url`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# CommonMark's backslash-escapable punctuation that can start or end markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_text(value: object) -> str:
    """A value as Markdown text: no HTML, no markup, one line."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def md_url(url: object) -> str | None:
    """An http(s) URL safe inside `(...)` of a Markdown link; None for any other scheme."""
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%-._~")
