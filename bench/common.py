"""What every part of the benchmark shares: paths, the stages, logging, medians."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
STAGES = ("read", "extract", "resolve", "pages", "mkdocs", "write")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
