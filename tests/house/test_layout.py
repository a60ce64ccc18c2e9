"""The house (#17): each stage a package, a package imports only the packages below it, no import cycles, small modules."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"
# bottom to top: a unit may import only units before it in this list (and itself)
LAYERS = ["tuples", "errors", "files", "markup", "ooxml", "town", "mine", "compose", "write", "check", "build", "update",
          "county", "init", "cli", "__main__"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every drafter module -> the drafter modules it imports (at any depth of the file, lazy imports included)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "drafter":
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    graph[name].add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name.split(".")[0] == "drafter")
    return graph


def unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "drafter"


def test_each_package_imports_only_the_packages_below_it():
    wrong = []
    for module, targets in imports().items():
        here = unit(module)
        for target in targets:
            there = unit(target)
            if there in ("drafter", here):
                continue
            if LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports against the pipeline's order:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    graph = imports()
    seen: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node or nxt == "drafter":
                continue
            if seen.get(nxt) == 1:
                cycles.append(" -> ".join(path[path.index(nxt):] + [nxt]) if nxt in path else f"{node} -> {nxt}")
            elif nxt not in seen:
                visit(nxt, path + [nxt])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])
    assert not cycles, "\n".join(cycles)


def test_every_stage_is_a_package_that_says_what_goes_in_and_out():
    for name in LAYERS:
        path = PACKAGE / name
        if name in ("tuples", "errors", "markup", "__main__"):
            assert (PACKAGE / f"{name}.py").exists()
            continue
        init = path / "__init__.py"
        assert init.exists(), name
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        assert len(doc) > 80, f"{name}/__init__.py needs a docstring saying what goes in and what comes out"
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "errors.py", "markup.py", "tuples.py"], flat


def test_modules_stay_small_and_open_with_a_docstring():
    big, bare = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text("utf-8")
        if len(text.splitlines()) > 320:
            big.append(f"{path.relative_to(ROOT)}: {len(text.splitlines())} lines")
        tree = ast.parse(text)
        if not ast.get_docstring(tree):
            bare.append(str(path.relative_to(ROOT)))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno > 170:
                big.append(f"{path.relative_to(ROOT)}: class {node.name} {node.end_lineno - node.lineno} lines")
    assert not big, big
    assert not bare, bare
