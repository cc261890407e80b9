"""The brief's timeline: dated claims as points per predicate, designations as lines."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Event:
    """A dated point on the timeline."""

    date: str
    label: str
    row: str


def parse_date(date: str) -> float:
    """The first day of a (possibly partial) ISO date, as a matplotlib day number
    (days since matplotlib's default epoch, 1970-01-01; `date2num` is untyped).
    """
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return float((dt.date(parts[0], parts[1], parts[2]) - dt.date(1970, 1, 1)).days)


def timeline_png(events: list[Event], designations: list[Event], title: str) -> bytes:
    """Draw claims (one row per predicate) and designations (vertical lines) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display: reports are drawn on servers and in tests
    from matplotlib import pyplot as plt

    rows = sorted({e.row for e in events})
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * max(len(rows), 1)), dpi=100)
    try:
        for n, row in enumerate(rows):
            days = [parse_date(e.date) for e in events if e.row == row]
            ax.plot(days, [n] * len(days), "o", color="#1f5f99")
        for mark in designations:
            ax.axvline(parse_date(mark.date), color="#b22222", linestyle="--", linewidth=1)
            ax.annotate(
                mark.label,
                (parse_date(mark.date), len(rows) - 0.5),
                fontsize=7,
                color="#b22222",
                rotation=90,
                va="top",
                ha="right",
            )
        ax.xaxis_date()
        ax.set_yticks(range(len(rows)), rows)
        ax.set_ylim(-0.8, max(len(rows), 1) - 0.2)
        if not events and not designations:
            ax.text(
                0.5, 0.5, "no dated claims or designations", ha="center", transform=ax.transAxes
            )
        ax.set_title(title, fontsize=10)
        fig.autofmt_xdate()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)
