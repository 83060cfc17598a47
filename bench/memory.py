"""Peak memory of `eventpipe run --workers W` over N documents (the corpus repeated with new ids).

    python bench/memory.py [--documents 10000] [--workers 2] [--corpus ../shared/data/corpus/news.jsonl.gz] [--note TEXT]

Polls the resident set size of the whole process tree (the run, its worker processes, the
forkserver and the Prefect ephemeral server) every 0.2 s and reports the peak sum (pages shared
between processes count once per process, so this overstates the real use), the peak of the
largest single process, and the peak sum of proportional set sizes (shared pages split among the
processes that share them: what the tree really holds), each also per process role (parent,
worker, forkserver, prefect server), so the largest holder is named, and per phase (while worker
processes live: extraction; without them: start-up, consolidation and publish). MB are MiB. Writes
bench/results/memory_<N>_w<W>.json. Target: the tree <= 1.5 GB (1.5e9 bytes) at 10,000 documents
on 2 workers; `within_1_5_gb` judges the RSS sum (the stricter figure) and `within_1_5_gb_pss`
the PSS sum, both reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, ROOT, load_corpus  # noqa: E402


def _tree(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _role(pid: int, root: int) -> str:
    """What a process of the run's tree is: the run itself, a worker, the forkserver or Prefect's server."""
    if pid == root:
        return "parent"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "other"
    if "uvicorn" in command or "prefect" in command and "server" in command:
        return "prefect_server"
    if "forkserver" in command:  # workers are forked from it and carry its command line
        return "forkserver" if _parent(pid) == root else "worker"
    if "resource_tracker" in command:
        return "resource_tracker"
    return "worker"


def _phase(roles) -> str:
    """'extraction' while worker processes (or their forkserver) live, else 'parent_only' (start-up,
    then consolidation and publish: the pool is closed before consolidating)."""
    return "extraction" if {"worker", "forkserver"} & set(roles) else "parent_only"


def _proc_bytes(pid: int, file: str, field: str) -> int:
    """A kB field of /proc/PID/<file> in bytes (VmRSS in status; Pss in smaps_rollup: pages shared between
    processes, such as the forkserver's imports, split among them), 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss_bytes(pid: int) -> int:
    return _proc_bytes(pid, "status", "VmRSS:")


def _pss_bytes(pid: int) -> int:
    return _proc_bytes(pid, "smaps_rollup", "Pss:")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (eventpipe run --workers)")
    parser.add_argument("--note", default="", help="a line on the conditions (e.g. other work on the machine)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    base = load_corpus(args.corpus, 1)
    repeat = -(-args.documents // len(base))
    records = load_corpus(args.corpus, repeat)[: args.documents]
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "corpus.jsonl"
        with manifest.open("w") as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")
        del records
        command = [str(Path(sys.executable).parent / "eventpipe"), "run", str(manifest), "--warehouse", f"{tmp}/wh",
                   "--batch-size", str(args.batch_size), "--workers", str(args.workers), "--quiet"]
        clock = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        peak, peak_one, peak_pss, samples, next_sample, polls = 0, 0, 0, [], 0.0, 0
        roles_rss: dict[str, int] = {}  # role -> peak RSS of its largest process
        roles_pss: dict[str, int] = {}
        phases_rss: dict[str, int] = {}  # phase -> peak RSS sum of the tree: while worker processes live, or not
        phases_pss: dict[str, int] = {}
        args.out.mkdir(parents=True, exist_ok=True)
        target = args.out / f"memory_{args.documents}_w{args.workers}.json"

        def write() -> dict:
            """The result so far (rewritten each minute, so a run stopped early still leaves its samples)."""
            result = {"documents": args.documents, "workers": args.workers, "batch_size": args.batch_size,
                      "peak_rss_mb": round(peak / 2**20), "peak_rss_one_process_mb": round(peak_one / 2**20),
                      "peak_pss_mb": round(peak_pss / 2**20),
                      "peak_rss_mb_by_role": {k: round(v / 2**20) for k, v in sorted(roles_rss.items())},
                      "peak_pss_mb_by_role": {k: round(v / 2**20) for k, v in sorted(roles_pss.items())},
                      "peak_rss_mb_by_phase": {k: round(v / 2**20) for k, v in sorted(phases_rss.items())},
                      "peak_pss_mb_by_phase": {k: round(v / 2**20) for k, v in sorted(phases_pss.items())},
                      "judged_on": "peak_rss_mb (RSS sum, counts forkserver-shared pages once per process); peak_pss_mb also given",
                      "within_1_5_gb": peak <= 1.5e9, "within_1_5_gb_pss": peak_pss <= 1.5e9, "finished": process.returncode is not None, "note": args.note,
                      "seconds": round(time.perf_counter() - clock, 1), "exit_code": process.returncode,
                      "rss_mb_each_minute": samples, "machine": f"{platform.machine()} cpus={os.cpu_count()} python={platform.python_version()}"}
            target.write_text(json.dumps(result, indent=1) + "\n")
            return result

        while process.poll() is None:
            roles = {pid: _role(pid, process.pid) for pid in _tree(process.pid)}
            each = {pid: _rss_bytes(pid) for pid in roles}
            rss = sum(each.values())
            peak = max(peak, rss)
            peak_one = max(peak_one, *each.values(), 0)
            phase = _phase(roles.values())
            phases_rss[phase] = max(phases_rss.get(phase, 0), rss)
            for pid, one in each.items():
                roles_rss[roles[pid]] = max(roles_rss.get(roles[pid], 0), one)
            if polls % 5 == 0:  # smaps_rollup walks every mapping: once a second is enough
                each_pss = {pid: _pss_bytes(pid) for pid in roles}
                peak_pss = max(peak_pss, sum(each_pss.values()))
                phases_pss[phase] = max(phases_pss.get(phase, 0), sum(each_pss.values()))
                for pid, one in each_pss.items():
                    roles_pss[roles[pid]] = max(roles_pss.get(roles[pid], 0), one)
            polls += 1
            if time.perf_counter() - clock >= next_sample:  # a sample a minute shows whether memory stays flat
                samples.append(round(rss / 2**20))
                next_sample += 60
                write()
            time.sleep(0.2)
        result = write()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
