"""Score the extractor against the gold sets and write bench/results/score_<set>.json and .md.

    python bench/score.py                      # both sets, each run through `eventpipe run` first
    python bench/score.py --seeds --warehouse warehouse/data   # score an existing warehouse
    python bench/score.py --plover --gold ../shared/gold/plover_gsr_cameo.jsonl
    python bench/score.py --events             # the Wikinews event sentences (dev_events.jsonl)

Seeds: without --warehouse, runs `eventpipe run seeds/` into a temporary warehouse.
PLOVER: without --warehouse, writes the gold sentences as a JSONL manifest (id, text; no
publication date) and runs `eventpipe run` on it into a temporary warehouse. Events: the same, with each
sentence's publication date; recall and precision per split, root and stratum (evaluation/events_gold.py).
Gold files default to ../shared/gold/ beside the clone. Matching rules: the docstring of
evaluation/scoring.py.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from eventpipe.evaluation import scoring as ev
from eventpipe.extraction.errors import SetupError

REPO = Path(__file__).resolve().parents[1]


def eventpipe_command() -> list[str]:
    """Return the command that starts the eventpipe CLI of this interpreter's environment."""
    beside = Path(sys.executable).with_name("eventpipe")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("eventpipe")
    return [found] if found else [sys.executable, "-m", "eventpipe.flows"]


def run_pipeline(inputs: Path, warehouse: Path) -> float:
    """Run `eventpipe run INPUTS --warehouse WAREHOUSE`; return its wall seconds, exit with its stderr on failure."""
    command = [*eventpipe_command(), "run", str(inputs), "--warehouse", str(warehouse)]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-20:])
        raise SystemExit(f"Error: `{' '.join(command)}` failed with exit {proc.returncode}:\n{tail}")
    return time.perf_counter() - started


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="score this warehouse instead of running the pipeline")
    parser.add_argument("--gold", type=Path, nargs="+", help="gold files (default: ../shared/gold/*)")
    parser.add_argument("--seeds", action="store_true", help="score the seed articles")
    parser.add_argument("--plover", action="store_true", help="score the PLOVER/CAMEO sentences")
    parser.add_argument("--events", action="store_true", help="score the Wikinews event sentences (dev_events.jsonl)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results", help="where JSON and Markdown go")
    return parser.parse_args(argv)


def score(args: argparse.Namespace, console: Console) -> dict[str, dict]:
    """Return the scores of the chosen gold sets; SetupError when a gold file or the warehouse is missing."""
    paths = args.gold or (ev.default_gold_paths() + [ev.default_gold_paths()[0].with_name("dev_events.jsonl")]
                          if args.events else None)
    gold = {ev.gold_kind(p): p for p in ev.resolve_gold_paths(paths)}
    chose = args.seeds or args.plover or args.events
    wanted = [k for k in ("seeds", "plover", "events") if getattr(args, k) or (not chose and k != "events")]
    absent = [k for k in wanted if k not in gold and chose]
    if absent:
        raise SetupError(f"no {' or '.join(absent)} gold file among --gold", hint="seeds: .json, PLOVER: .jsonl, events: dev_events.jsonl")
    chosen = [gold[k] for k in wanted if k in gold]
    if args.warehouse is not None:
        return ev.score_gold_files(args.warehouse, chosen)
    console.print(f"running eventpipe on the input of {', '.join(p.name for p in chosen)} ...", style="dim")
    return ev.score_fresh_runs(chosen, run_pipeline)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console() if sys.stdout.isatty() else Console(width=160)
    try:
        results = score(args, console)
    except SetupError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    console.print(ev.render_rich(results))
    for path in ev.write_results(results, args.out):
        console.print(f"wrote {path}", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
