"""The house rules of the layout: which room may import which, and what the runtime never loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION = ROOT / "extraction"
ROOMS = ("reading", "events", "places", "dates", "knowledge")
# room -> rooms it may import (besides extraction.errors, extraction.heap and schemas)
ALLOWED = {
    "reading": set(),
    "places": {"knowledge"},
    "dates": {"knowledge"},
    "events": {"places", "dates", "knowledge"},
    "knowledge": {"events", "places"},  # the build-time converters read the runtime's key functions
}


def _imported_rooms(path: Path, room: str) -> set[str]:
    """The other rooms of extraction/ that a module imports, relative or absolute, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            # a module of a room's sub-package (events/precedence/) reaches extraction/ one level further up
            depth = len(path.relative_to(EXTRACTION).parts) - 1
            if node.level == depth + 1 or (node.level == 0 and module.startswith("eventpipe.extraction.")):
                head = module.removeprefix("eventpipe.extraction.").split(".")[0]
                if head in ROOMS and head != room:
                    found.add(head)
    return found


@pytest.mark.parametrize("room", ROOMS)
def test_layout_rooms_import_only_what_they_may(room):
    for path in sorted((EXTRACTION / room).rglob("*.py")):
        assert _imported_rooms(path, room) <= ALLOWED[room], f"{path.relative_to(ROOT)} imports {_imported_rooms(path, room)}"


SUBPACKAGES = sorted(p.parent for room in ROOMS for p in (EXTRACTION / room).glob("*/__init__.py"))


@pytest.mark.parametrize("folder", [EXTRACTION, *(EXTRACTION / room for room in ROOMS), *SUBPACKAGES])
def test_layout_no_room_holds_more_than_twelve_modules(folder):
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 12, sorted(p.name for p in modules)


@pytest.mark.parametrize("folder", [EXTRACTION, *(EXTRACTION / room for room in ROOMS), *SUBPACKAGES, ROOT / "evaluation"])
def test_layout_every_package_says_what_it_owns(folder):
    docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "import" in docstring.lower()


def test_layout_runtime_never_imports_a_converter_or_the_scorer():
    code = (
        "import sys\n"
        "from eventpipe.flows import cli, pipeline\n"
        "from eventpipe.extraction.events.mentions import load_knowledge\n"
        "from eventpipe.extraction.places import resolve_places\n"
        "load_knowledge(); resolve_places('Troops entered Mosul.')\n"
        "print(sorted(m for m in sys.modules if 'convert_' in m or m.startswith('eventpipe.evaluation')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
