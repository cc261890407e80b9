"""`dossier watch`: poll feeds, ingest and screen their new items, until stopped.

    for each due feed: conditional GET (the stored ETag / Last-Modified)
      → 304: nothing new · error: back off (the wait doubles per failure)
      → 200: entries not seen before (by guid or link, `store/watch.py`) → each one
        read like `ingest` reads a feed entry (its page, else its own text) → extract,
        screen, store, alerts on watched parties → marked as seen

Fetching is `ingest/fetch.py`'s (SSRF guard on every hop, per-host rate limit, robots.txt,
size cap). A stop request (SIGINT, SIGTERM: `Stopper`) is honoured between items: the item
in hand is stored first. A feed's validators are saved only once all its new entries are
handled, so a watch stopped half-way polls the feed in full again when restarted, and
the entries it had stored are skipped as seen.
"""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from dossier.exc import SourceError
from dossier.ingest.dispatch import Source, read_entry
from dossier.ingest.feeds import FeedEntry, parse_feed
from dossier.ingest.fetch import Fetcher, FetchOptions, Validators
from dossier.model import Extraction
from dossier.pipeline import Analyzer, IngestReport
from dossier.store import Store
from dossier.store.db import stored_id
from dossier.store.watch import (
    FeedState,
    load_feed_state,
    mark_item,
    save_feed_state,
    seen_items,
)

MAX_BACKOFF = 6 * 3600.0
"""Longest wait after repeated failures: a feed down for a day is still tried 4 times."""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How often feeds are polled and how fetching is done."""

    every: float = 900.0
    """Seconds between two polls of a feed that answered."""
    once: bool = False
    """Poll every feed once, whatever its schedule, then return."""
    fetch: FetchOptions = field(default_factory=FetchOptions)


class Stopper:
    """A stop request, set by SIGINT/SIGTERM (`install`) or directly (`request`)."""

    def __init__(self) -> None:
        self.reason: str | None = None

    @property
    def requested(self) -> bool:
        """Whether the watch should stop after the item in hand."""
        return self.reason is not None

    def request(self, reason: str) -> None:
        """Ask the watch to stop."""
        self.reason = self.reason or reason

    def install(self) -> None:
        """Turn SIGINT and SIGTERM into stop requests (main thread only)."""

        def handle(signum: int, _frame: FrameType | None) -> None:
            self.request(signal.Signals(signum).name)

        signal.signal(signal.SIGINT, handle)
        signal.signal(signal.SIGTERM, handle)

    def sleep(self, seconds: float) -> None:
        """Wait up to `seconds`, waking within 0.2 s of a stop request."""
        deadline = time.monotonic() + max(0.0, seconds)
        while not self.requested and time.monotonic() < deadline:
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))


@dataclass(slots=True)
class PollResult:
    """What one poll of one feed did."""

    feed: str
    status: str
    """`new` (the feed changed), `not_modified` (304), `error` or `stopped`."""
    report: IngestReport = field(default_factory=IngestReport)
    entries: int = 0
    new_entries: int = 0
    error: str | None = None
    retry_in: float | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    """One line per new entry: its link, what became of it, and its text source."""

    def as_json(self) -> dict[str, Any]:
        """The result as `dossier watch --json` prints it."""
        return {
            "feed": self.feed,
            "status": self.status,
            "entries": self.entries,
            "new": self.new_entries,
            **self.report.as_json(),
            "error": self.error,
            "retry_in": self.retry_in,
            "items": self.items,
        }


Log = Callable[[PollResult], None]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def backoff(every: float, failures: int) -> float:
    """Seconds to wait after `failures` consecutive failed polls (doubling, capped)."""
    return float(min(max(every, MAX_BACKOFF), every * 2**failures))


def seconds_until_due(state: FeedState) -> float:
    """How long until the feed is due; 0 when it is (or was never polled)."""
    if not state.next_poll_at:
        return 0.0
    due = dt.datetime.fromisoformat(state.next_poll_at)
    return max(0.0, (due - _now()).total_seconds())


@dataclass(slots=True)
class Watcher:
    """What a watch run works with: the store, the loaded models, one fetcher (so the
    per-host rate limit and robots.txt rules span polls) and the stop request."""

    store: Store
    analyzer: Analyzer
    fetcher: Fetcher
    stop: Stopper
    every: float = 900.0

    def poll(self, state: FeedState) -> PollResult:
        """Poll one feed once and ingest its new entries; update and save its state."""
        result = PollResult(state.url, "new")
        state.last_polled_at = _stamp(_now())
        try:
            validators = Validators(state.etag, state.last_modified)
            fetched = self.fetcher.fetch(state.url, validators=validators)
            entries = [] if fetched.not_modified else parse_feed(fetched.body, state.url)
        except SourceError as err:
            return self._failed(state, result, err)
        if fetched.not_modified:
            result.status = "not_modified"
        elif self._ingest_entries(state.url, entries, result):
            state.etag = fetched.validators.etag
            state.last_modified = fetched.validators.last_modified
        else:
            result.status = "stopped"
        state.failures, state.last_error = 0, None
        state.next_poll_at = _stamp(_now() + dt.timedelta(seconds=self.every))
        save_feed_state(self.store, state)
        return result

    def _failed(self, state: FeedState, result: PollResult, err: SourceError) -> PollResult:
        """Record a failed poll: one more failure, the next poll backed off."""
        state.failures += 1
        wait = backoff(self.every, state.failures)
        state.last_error = err.detail
        state.next_poll_at = _stamp(_now() + dt.timedelta(seconds=wait))
        save_feed_state(self.store, state)
        self.store.add_ingest_error(state.url, err.where or state.url, _reason(err))
        result.status, result.error, result.retry_in = "error", err.detail, wait
        return result

    def _ingest_entries(self, feed: str, entries: list[FeedEntry], result: PollResult) -> bool:
        """Ingest the entries not seen before; False when stopped before the last one."""
        keys, links = [e.key for e in entries], [e.link for e in entries]
        seen = seen_items(self.store, feed, keys, links)
        new = [e for e in entries if e.key not in seen and e.link not in seen]
        result.entries, result.new_entries = len(entries), len(new)
        source = Source(feed, feed, fetcher=self.fetcher)
        for entry in new:
            if self.stop.requested:
                return False
            result.items += self._ingest_entry(feed, entry, source, result.report)
        return True

    def _ingest_entry(
        self, feed: str, entry: FeedEntry, source: Source, report: IngestReport
    ) -> list[dict[str, Any]]:
        """Read, extract, screen and store one entry; mark it seen; say what became of it."""
        lines: list[dict[str, Any]] = []
        document_id: str | None = None
        items = list(read_entry(entry, source))
        documents = [i for i in items if not isinstance(i, SourceError)]
        outcomes: list[Extraction | SourceError] = [
            *(i for i in items if isinstance(i, SourceError)),
            *self.analyzer.analyse(documents),
        ]
        for outcome in outcomes:
            before = (report.added, report.near_duplicates)
            report.record(self.store, outcome)
            line: dict[str, Any] = {"link": entry.link, "title": entry.title}
            if isinstance(outcome, SourceError):
                line["outcome"], line["error"] = "failed", outcome.detail
            else:
                document_id = stored_id(outcome.document)
                line["outcome"] = _outcome(before, report)
                line["text_source"] = outcome.document.text_source or "page"
                line["entities"], line["claims"] = len(outcome.entities), len(outcome.claims)
            lines.append(line)
        mark_item(self.store, feed, entry.key, document_id)
        return lines

    def run(self, feeds: list[str], once: bool, log: Log) -> int:
        """Poll `feeds` until a stop is requested (or each once, with `once`); return
        how many polls were made. Each feed keeps its own schedule and backoff."""
        polls = 0
        while not self.stop.requested:
            for url in feeds:
                state = load_feed_state(self.store, url)
                if self.stop.requested or (not once and seconds_until_due(state) > 0):
                    continue
                log(self.poll(state))
                polls += 1
            if once:
                break
            waits = [seconds_until_due(load_feed_state(self.store, url)) for url in feeds]
            self.stop.sleep(min(waits))
        return polls


def _reason(err: SourceError) -> str:
    return err.detail.removeprefix(f"{err.where}: ") if err.where else err.detail


def _outcome(before: tuple[int, int], report: IngestReport) -> str:
    if report.added > before[0]:
        return "added"
    return "near_duplicate" if report.near_duplicates > before[1] else "duplicate"


def run_watch(
    store: Store,
    analyzer: Analyzer,
    feeds: list[str],
    options: WatchOptions,
    stop: Stopper,
    log: Log,
) -> int:
    """Watch `feeds` with one fetcher, closed at the end; return how many polls were made."""
    fetcher = Fetcher(options.fetch)
    try:
        return Watcher(store, analyzer, fetcher, stop, options.every).run(feeds, options.once, log)
    finally:
        fetcher.close()
