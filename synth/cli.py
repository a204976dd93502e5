"""`budgetwh synth`: a synthetic disclosure corpus with its ground truth (manifest.json).

    budgetwh synth --departments 12 --years 2016-2024 --out samples/generated/demo --jobs 2
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from synth.options import FORMATS, LAYOUTS, REPORT_KINDS

console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _years(text: str) -> tuple[int, ...]:
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"years must look like 2016-2024 or 2020, not {text!r}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first or not 2000 <= first <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a range of years")
    return tuple(range(first, last + 1))


def _choices(allowed: tuple[str, ...]):
    def parse(text: str) -> tuple[str, ...]:
        picked = tuple(p.strip() for p in text.split(",") if p.strip())
        wrong = [p for p in picked if p not in allowed]
        if wrong or not picked:
            raise argparse.ArgumentTypeError(f"choose from {', '.join(allowed)} (got {text!r})")
        return tuple(a for a in allowed if a in picked)

    return parse


def _rate(text: str) -> int:
    """A probability as parts per million (parsed from its digits, never through a float)."""
    match = re.fullmatch(r"\s*(0(?:\.\d{1,6})?|1(?:\.0{1,6})?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"--defect-rate is a probability between 0 and 1, not {text!r}")
    whole, _, fraction = match.group(1).partition(".")
    return int(whole) * 1_000_000 + int((fraction + "000000")[:6])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--departments", type=int, default=6, help="departments of the region (default 6)")
    parser.add_argument("--years", type=_years, default=_years("2016-2024"), help="fiscal years, e.g. 2016-2024")
    parser.add_argument("--region", default="示例市", help="the made-up region (default 示例市)")
    parser.add_argument("--out", required=True, help="output folder (files per format, manifest.json)")
    parser.add_argument("--formats", type=_choices(FORMATS), default=FORMATS, help="pdf,txt,xlsx (default all)")
    parser.add_argument("--kinds", type=_choices(REPORT_KINDS), default=REPORT_KINDS,
                        help="final_accounts,budget (default both)")
    parser.add_argument("--layouts", type=_choices(LAYOUTS), default=LAYOUTS, help="yunnan,shanghai (default both)")
    parser.add_argument("--defect-rate", type=_rate, default=_rate("0.05"),
                        help="probability that a document gets a defect (default 0.05)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")


def run(args: argparse.Namespace) -> int:
    from synth.corpus import Settings, generate

    if args.departments < 1:
        err.print("[red]--departments must be 1 or more")
        return 2
    settings = Settings(
        departments=args.departments, years=args.years, region=args.region, out=Path(args.out),
        formats=args.formats, kinds=args.kinds, layouts=args.layouts, defect_rate_ppm=args.defect_rate,
        seed=args.seed, jobs=max(1, args.jobs),
    )
    progress = Progress(
        TextColumn("[bold]synth"), BarColumn(), MofNCompleteColumn(), TextColumn("departments"), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("departments", total=settings.departments)
        summary = generate(settings, on_department=lambda: progress.advance(task))
    per_format = ", ".join(f"{summary.documents[f]} {f}" for f in settings.formats)
    console.print(f"[bold]synth:[/] {summary.total_documents} documents ({per_format}); {summary.pages} PDF pages")
    defects = ", ".join(f"{k} {v}" for k, v in sorted(summary.defects.items())) or "none"
    console.print(f"defects: {sum(summary.defects.values())} ({defects}); harmless: {sum(summary.harmless.values())}")
    console.print(f"{summary.seconds:.1f}s, {summary.rate:.1f} documents/s -> {summary.manifest}")
    return 0
