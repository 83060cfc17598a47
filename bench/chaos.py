"""The big bad inputs, run by hand: a 50 MB text, a 5 MB single line, a 10,000-token sentence,
a zip bomb, plus one good file; prints what each became (document or reject reason) and the time.

    python bench/chaos.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import duckdb
from eventpipe.warehouse.query import connect_readonly

GOOD = "Police arrested ten protesters in Cairo on Monday, officials said."


def make_inputs(folder: Path) -> None:
    """Write the big kinds into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    sentence = "Rebels attacked the town and troops fired on protesters near the bridge. "
    (folder / "fifty_mb.txt").write_text((sentence + "\n\n") * (50 * 2**20 // (len(sentence) + 2)))
    (folder / "five_mb_line.txt").write_text("word " * (5 * 2**20 // 5))
    (folder / "ten_k_tokens.txt").write_text(" and ".join(["troops fired on rebels"] * 2000) + ".")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"0" * (3 * 2**30 // 2))  # 1.5 GB of zeros, about 1.5 MB compressed
        archive.writestr("zeros2.txt", b"0" * (3 * 2**30 // 2))
    (folder / "bomb.zip").write_bytes(buffer.getvalue())
    (folder / "good.txt").write_text(GOOD)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the inputs and warehouse in")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp())
    make_inputs(root / "in")
    clock = time.perf_counter()
    command = [str(Path(sys.executable).parent / "eventpipe"), "run", str(root / "in"), "--warehouse", str(root / "wh"), "-q"]
    code = subprocess.run(command, stdout=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - clock
    with connect_readonly(root / "wh" / "events.duckdb") as con:
        docs = con.execute("select uri, n_chars from documents").fetchall()
        rejects = con.execute("select uri, reason, detail from rejects").fetchall()
    print(f"exit {code} in {seconds:.1f} s")
    for uri, n in docs:
        print(f"document  {Path(uri).name:20} {n:,} chars")
    for uri, reason, detail in rejects:
        print(f"reject    {Path(uri.split('!')[0]).name:20} {reason:12} {detail[:100]}")
    return code


if __name__ == "__main__":
    sys.exit(main())
