"""Write or update Qt translation files (.ts) with every string Band Tracker shows.

Run: python tools/translations.py [TS_FILE ...]   (default: translations/bandtracker.ts)

Gathers the UI's tr()/QCoreApplication.translate() strings, the Message templates and N_()
actions of domain/ and store/, the catalogue (resources/catalogue.json) and the starting bands'
names, and hands them to pyside6-lupdate, which merges them into the .ts files: translations
already made are kept; strings that went away are marked obsolete. Open a .ts file in Qt
Linguist (pyside6-linguist), then compile it with pyside6-lrelease.

Why not run lupdate on the sources directly: its Python reader turns "\\N{MIDDLE DOT}" into
"N{MIDDLE DOT}" (so those entries would never match at run time), gives module-level tr()
helpers no context, and cannot read JSON. Python's own parser reads the strings exactly; a
generated file of QT_TRANSLATE_NOOP() entries carries them (and where they came from) to lupdate.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bandtracker.domain.bands import DEFAULT_BANDS  # noqa: E402
from bandtracker.i18n import BANDS, CATALOGUE, MESSAGES  # noqa: E402

PACKAGE = ROOT / "bandtracker"
CATALOGUE_FILE = ROOT / "resources" / "catalogue.json"
DEFAULT_TS = ROOT / "translations" / "bandtracker.ts"
# Calls whose first argument is a template for domain/ and store/ texts (bandtracker.i18n).
TEMPLATE_CALLS = {"Message", "N_"}

Key = tuple[str, str]  # (context, source text)


@dataclass
class Found:
    texts: dict[Key, list[str]] = field(default_factory=dict)  # where each one is used
    problems: list[str] = field(default_factory=list)  # calls whose text is not a literal

    def add(self, context: str, text: str, where: str) -> None:
        self.texts.setdefault((context, text), []).append(where)


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _tr_helper_context(function: ast.FunctionDef) -> str | None:
    """The context of a module's `def tr(text): return QCoreApplication.translate("Ctx", text)`."""
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate"
            and node.args
        ):
            return _literal(node.args[0])
    return None


class _Collector(ast.NodeVisitor):
    def __init__(self, found: Found, where: str, helpers: dict[str, str]) -> None:
        self.found = found
        self.where = where
        self.helpers = helpers  # module-level tr() helpers -> their context
        self.classes: list[str] = []
        self.in_helper = False

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer = self.in_helper
        self.in_helper = not self.classes and node.name in self.helpers
        self.generic_visit(node)
        self.in_helper = outer

    def _take(self, context: str, arg: ast.expr | None, node: ast.Call, strict: bool) -> None:
        text = _literal(arg)
        where = f"{self.where}:{node.lineno}"
        if text is not None:
            self.found.add(context, text, where)
        elif strict:
            self.found.problems.append(f"{where}: the text is not a string literal")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        first = node.args[0] if node.args else None
        if isinstance(func, ast.Name) and func.id in TEMPLATE_CALLS:
            self._take(MESSAGES, first, node, strict=True)
        elif isinstance(func, ast.Name) and func.id in self.helpers:
            self._take(self.helpers[func.id], first, node, strict=True)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "tr"
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
            and self.classes
        ):
            self._take(self.classes[-1], first, node, strict=True)
        elif isinstance(func, ast.Attribute) and func.attr == "translate" and len(node.args) >= 2:
            context = _literal(node.args[0])
            # A lookup of text that comes from elsewhere (texts.py, a tr() helper) is fine.
            if context is not None:
                self._take(context, node.args[1], node, strict=not self.in_helper)
        self.generic_visit(node)


def source_texts(package: Path = PACKAGE) -> Found:
    """Every translatable literal in the package's Python files."""
    found = Found()
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=where)
        helpers = {
            node.name: context
            for node in tree.body
            if isinstance(node, ast.FunctionDef)
            and node.name == "tr"
            and (context := _tr_helper_context(node)) is not None
        }
        collector = _Collector(found, where, helpers)
        if path.name == "i18n.py":
            continue  # defines Message and N_; its own calls build on templates made elsewhere
        collector.visit(tree)
    return found


def catalogue_texts(path: Path = CATALOGUE_FILE) -> list[str]:
    """The catalogue's words for the user, in file order: names, placements, how-to, cues."""
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = [data["routine"]["name"]]
    for exercise in data["exercises"]:
        texts += [exercise["name"], exercise["band"], *exercise["unit"], exercise["how_to"]]
        texts += exercise["cues"]
    return list(dict.fromkeys(texts))


def band_texts() -> list[str]:
    return list(dict.fromkeys([b.name for b in DEFAULT_BANDS] + [b.note for b in DEFAULT_BANDS]))


def all_texts() -> Found:
    found = source_texts()
    for text in catalogue_texts():
        found.add(CATALOGUE, text, "resources/catalogue.json")
    for text in band_texts():
        found.add(BANDS, text, "bandtracker/domain/bands.py")
    return found


def noop_source(texts: dict[Key, list[str]]) -> str:
    """A Python file lupdate reads: one QT_TRANSLATE_NOOP per text, its uses as a comment."""
    lines = ["# Generated by tools/translations.py for lupdate; not part of the app."]
    for (context, text), places in sorted(texts.items()):
        shown = ", ".join(dict.fromkeys(places))
        lines.append(f"#: {shown}")
        quoted = (json.dumps(s, ensure_ascii=False) for s in (context, text))
        lines.append(f"QT_TRANSLATE_NOOP({', '.join(quoted)})")
    return "\n".join(lines) + "\n"


def find_lupdate() -> str:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    found = shutil.which("pyside6-lupdate") or (str(beside) if beside.exists() else None)
    if found is None:
        raise SystemExit("pyside6-lupdate not found: it ships with PySide6-Essentials.")
    return found


def update_ts(targets: Iterable[Path], lupdate: str | None = None) -> Found:
    found = all_texts()
    if found.problems:
        raise SystemExit("Texts lupdate cannot see:\n" + "\n".join(found.problems))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bandtracker_texts.py"
        source.write_text(noop_source(found.texts), encoding="utf-8")
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [lupdate or find_lupdate(), "-silent", "-locations", "none", str(source)]
                + ["-ts", str(target)],
                check=True,
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", nargs="*", type=Path, help=f"default: {DEFAULT_TS}")
    args = parser.parse_args(argv)
    targets = args.ts or [DEFAULT_TS]
    found = update_ts(targets)
    print(f"{len(found.texts)} texts written to {', '.join(str(t) for t in targets)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
