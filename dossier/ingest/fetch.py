"""Fetch web pages safely: SSRF guard, manual redirects, size cap, timeouts, politeness.

Every request (the first and each redirect) is checked by `netguard.check_host`, and the
connection goes to the addresses it checked (`pinning.py`); bodies
are streamed into a `BodyReader` that enforces the cap after decompression; a host is
asked for at most one page per `min_interval` seconds, and its robots.txt is obeyed.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from dossier.exc import SourceError
from dossier.ingest.limits import BodyReader
from dossier.ingest.netguard import check_host
from dossier.ingest.pinning import PinnedBackend, PinnedTransport, pin_key

USER_AGENT = "dossier/0.1 (news research; respects robots.txt)"
"""Sent with every request, so site operators can see who reads them and why."""

CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/pdf",
)
"""Media types we can read; anything else (images, video) is refused before download."""

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched. The defaults suit a crawl of public news sites."""

    allow_hosts: frozenset[str] = frozenset()
    """Hosts fetched even when they resolve to private or loopback addresses."""
    timeout: float = 15.0
    """Seconds for connecting and for each read; also the limit for a whole response."""
    max_bytes: int = 5_000_000
    """Largest body accepted, counted after gzip/deflate decoding."""
    max_redirects: int = 5
    """Redirects followed before giving up."""
    min_interval: float = 1.0
    """Seconds between two requests to the same host."""
    respect_robots: bool = True
    """Skip URLs that the site's robots.txt disallows for our User-Agent."""
    user_agent: str = USER_AGENT

    @classmethod
    def with_hosts(cls, *hosts: str) -> FetchOptions:
        """Default options allowing `hosts` (each may be a comma-separated list)."""
        items = (h for group in hosts for h in group.split(","))
        return cls(allow_hosts=frozenset(h.strip().lower().rstrip(".") for h in items if h.strip()))


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a version of a resource, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """`If-None-Match` / `If-Modified-Since` for the validators we hold."""
        out = {"If-None-Match": self.etag} if self.etag else {}
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body with where it finally came from."""

    url: str
    content_type: str
    charset: str | None
    body: bytes
    validators: Validators = Validators()
    """The response's `ETag` and `Last-Modified`, to send back on the next poll."""
    not_modified: bool = False
    """The server answered 304 to a conditional GET: nothing changed, `body` is empty."""


@dataclass(slots=True)
class Fetcher:
    """Fetches URLs under `FetchOptions`; keeps per-host timing and robots.txt rules."""

    options: FetchOptions = field(default_factory=FetchOptions)
    _client: httpx.Client | None = None
    _backend: PinnedBackend = field(default_factory=PinnedBackend)
    _last_request: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(
        self,
        url: str,
        types: tuple[str, ...] = CONTENT_TYPES,
        validators: Validators | None = None,
    ) -> Fetched:
        """GET `url`, following up to `max_redirects` redirects, each one checked; with
        `validators`, a conditional GET (a 304 answer is `Fetched.not_modified`)."""
        current = url
        headers = validators.headers() if validators else {}
        for _ in range(self.options.max_redirects + 1):
            self._check_url(current, url)
            if self.options.respect_robots and not self._robots_allow(current):
                raise SourceError("disallowed by robots.txt", current)
            result = self._get(current, types, headers)
            if isinstance(result, Fetched):
                return result
            current = result
        raise SourceError(f"more than {self.options.max_redirects} redirects", url)

    def _check_url(self, current: str, original: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"refused URL {current!r} (only http and https)", original)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = check_host(parts.hostname, port, self.options.allow_hosts, original)
        try:
            host, pinned_port = pin_key(current)
        except (httpx.InvalidURL, UnicodeError) as err:
            raise SourceError(f"refused URL {current!r} ({err})", original) from err
        self._backend.pin(host, pinned_port, addresses)

    def _get(
        self, url: str, types: tuple[str, ...], headers: dict[str, str] | None = None
    ) -> Fetched | str:
        """One request: the body, or the next URL when the server redirects."""
        self._wait_for_host(url)
        deadline = time.monotonic() + self.options.timeout * 2
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                found = Validators(
                    response.headers.get("etag"), response.headers.get("last-modified")
                )
                if response.status_code == 304:
                    return Fetched(str(response.url), "", None, b"", found, not_modified=True)
                if response.status_code >= 400:
                    raise SourceError(f"HTTP {response.status_code}", url)
                content_type = _check_type(response, types, url)
                reader = BodyReader(
                    response.headers.get("content-encoding", ""),
                    self.options.max_bytes,
                    deadline,
                    url,
                )
                body = reader.read_all(response.iter_raw())
                charset = response.charset_encoding
                return Fetched(str(response.url), content_type, charset, body, found)
        except httpx.TimeoutException as err:
            raise SourceError(f"timed out after {self.options.timeout:g}s", url) from err
        except httpx.HTTPError as err:
            raise SourceError(f"cannot fetch ({type(err).__name__}: {err})", url) from err

    @property
    def client(self) -> httpx.Client:
        """The shared client; redirects are ours to follow, so httpx must not."""
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                headers={
                    "User-Agent": self.options.user_agent,
                    # Only encodings `BodyReader` can cap; no brotli or zstd.
                    "Accept-Encoding": "gzip, deflate",
                },
                trust_env=False,
                transport=PinnedTransport(self._backend),
            )
        return self._client

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            pause = self.options.min_interval - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin)
            self._robots[origin] = rules
        return rules.can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        """Parse the site's robots.txt; a missing or unreadable one allows everything."""
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            fetched = self._get(f"{origin}/robots.txt", ("text/plain",))
        except SourceError:
            # RFC 9309 treats a missing robots.txt as "allow all"; a dead host fails on
            # the page request itself with a clearer message.
            fetched = None
        lines = [] if not isinstance(fetched, Fetched) else _text_lines(fetched.body)
        rules.parse(lines)
        return rules


def _check_type(response: httpx.Response, types: tuple[str, ...], url: str) -> str:
    header = str(response.headers.get("content-type", ""))
    content_type = header.split(";", 1)[0].strip().lower()
    if content_type and content_type not in types:
        raise SourceError(f"unsupported content type {content_type!r}", url)
    return content_type


def _text_lines(body: bytes) -> list[str]:
    return body.decode("utf-8", errors="replace").splitlines()
