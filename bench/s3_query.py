"""Query speed of an s3:// warehouse against the same warehouse on local disk (moto's S3 server on 127.0.0.1).

    python bench/s3_query.py [--warehouse DIR] [--repeat 5]

Copies a local warehouse (default: `eventpipe run seeds/` into a temporary folder) file for file
into a bucket on a local moto server, publishes it there, then times what `eventpipe query`
does for each SQL: local (open the views, run) and S3 (rebuild the views from the manifest if
it changed, open, run). Prints and writes bench/results/s3_query.json (median seconds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["select count(*) from events", "select * from daily_dyad_counts", "select * from mentions"]


def _timed(call, repeat: int) -> float:
    seconds = []
    for _ in range(repeat):
        clock = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - clock)
    return statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", type=Path, help="a local warehouse folder (default: a fresh run on seeds/)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--always-rebuild", action="store_true", help="rebuild the views before every S3 query (the behaviour before issue 19)")
    args = parser.parse_args()

    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise

    from eventpipe.warehouse.publish import publish, read_manifest, refresh_views
    from eventpipe.warehouse.query import connect_readonly
    from eventpipe.warehouse.remote import S3Options
    from eventpipe.warehouse.storage import ensure_writable, locate

    scratch = Path(tempfile.mkdtemp(prefix="s3-query-"))
    local = args.warehouse
    if local is None:
        local = scratch / "local"
        subprocess.run([str(Path(sys.executable).parent / "eventpipe"), "run", str(ROOT / "seeds"), "-w", str(local), "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
    local_location = locate(local)
    manifest = read_manifest(local_location)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        remote = locate("s3://bench/wh", S3Options(endpoint_url=f"http://{host}:{port}", access_key_id="k", secret_access_key="s"))
        ensure_writable(remote)
        files = [f for table in manifest["tables"].values() for f in table]
        for relative in files:
            remote.fsspec.put_file(str(local / relative), remote.path(relative))
        publish(remote, scratch / "publish.duckdb")
        database = scratch / "reader.duckdb"
        results = {"files": len(files), "always_rebuild": args.always_rebuild, "repeat": args.repeat, "queries": {}}
        for sql in QUERIES:
            def local_query():
                with connect_readonly(local / "events.duckdb") as con:
                    con.sql(sql).fetchall()

            def s3_query():
                if args.always_rebuild:
                    database.unlink(missing_ok=True)
                with connect_readonly(refresh_views(remote, database), remote.fsspec) as con:
                    con.sql(sql).fetchall()

            s3_query()  # the first one builds the views
            local_s, s3_s = _timed(local_query, args.repeat), _timed(s3_query, args.repeat)
            results["queries"][sql] = {"local_s": round(local_s, 4), "s3_s": round(s3_s, 4), "ratio": round(s3_s / local_s, 1)}
            print(f"{sql:45} local {local_s:7.3f} s   s3 {s3_s:7.3f} s   x{s3_s / local_s:.1f}")
        # What a user meets: one `eventpipe query` process per query (imports included).
        import os

        env = {**os.environ, "EVENTPIPE_S3_ENDPOINT_URL": f"http://{host}:{port}", "EVENTPIPE_S3_ACCESS_KEY_ID": "k",
               "EVENTPIPE_S3_SECRET_ACCESS_KEY": "s", "EVENTPIPE_DATABASE": str(database)}
        cli = str(Path(sys.executable).parent / "eventpipe")
        sql = QUERIES[1]
        local_env = {k: v for k, v in env.items() if k != "EVENTPIPE_DATABASE"}
        local_s = _timed(lambda: subprocess.run([cli, "query", sql, "-w", str(local)], check=True, capture_output=True, env=local_env), args.repeat)
        s3_s = _timed(lambda: subprocess.run([cli, "query", sql, "-w", "s3://bench/wh"], check=True, capture_output=True, env=env), args.repeat)
        results["cli"] = {"sql": sql, "local_s": round(local_s, 3), "s3_s": round(s3_s, 3), "ratio": round(s3_s / local_s, 2)}
        print(f"eventpipe query (a process each): local {local_s:.3f} s   s3 {s3_s:.3f} s   x{s3_s / local_s:.2f}")
    finally:
        server.stop()
    out = ROOT / "bench" / "results" / ("s3_query_rebuild.json" if args.always_rebuild else "s3_query.json")
    out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
