"""The import graph of ``energy/``, ``ui/``, ``pages/`` and ``app.py``, read from the source,
and the directions it must keep (docs/architecture.md).

Every import counts, at the top of a module or inside a function; only the imports under
``if TYPE_CHECKING:`` are left out, since they never run (they exist for the type checker).
A module's edge goes to the module it names, not to the packages above it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAPABILITIES = (
    "accounts",
    "villages",
    "readings",
    "savings",
    "call",
    "training",
    "organisations",
    "townhall",
    "weather",
    "audit",
    "district",
)


@dataclass
class Module:
    name: str
    path: Path
    imports: dict[str, int] = field(default_factory=dict)  # module -> first line
    private: list[str] = field(default_factory=list)  # "line: module._name"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _sources() -> Iterator[Path]:
    for top in ("energy", "ui"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path
    yield from sorted((ROOT / "pages").glob("*.py"))
    yield ROOT / "app.py"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` except those under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            yield from (n for stmt in child.orelse for n in [stmt, *_walk(stmt)])
            continue
        yield child
        yield from _walk(child)


@cache
def graph() -> dict[str, Module]:
    paths = {_module_name(p): p for p in _sources()}
    known = set(paths)

    def resolve(name: str) -> str | None:
        while name:
            if name in known:
                return name
            name = name.rpartition(".")[0]
        return None

    modules: dict[str, Module] = {}
    for name, path in paths.items():
        module = Module(name, path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}  # local name -> project module
        for node in _walk(tree):
            targets: list[tuple[str, str | None]] = []
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = resolve(alias.name)
                    if target:
                        targets.append((target, None))
                        if alias.asname:
                            aliases[alias.asname] = target
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full in known:  # from package import module
                        targets.append((full, None))
                        aliases[alias.asname or alias.name] = full
                        continue
                    target = resolve(node.module)
                    if target:
                        targets.append((target, alias.name))
            for target, imported in targets:
                if target == name:
                    continue
                module.imports.setdefault(target, getattr(node, "lineno", 0))
                if imported and imported.startswith("_") and not imported.startswith("__"):
                    module.private.append(f"{getattr(node, 'lineno', 0)}: {target}.{imported}")
        for node in _walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                module.private.append(f"{node.lineno}: {aliases[node.value.id]}.{node.attr}")
        modules[name] = module
    return modules


def cycles(modules: dict[str, Module]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work: list[tuple[str, Iterator[str]]] = [(start, iter(modules[start].imports))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(modules[target].imports)))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for name in sorted(modules):
        if name not in index:
            visit(name)
    return found


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offenders(source: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list:
    return [
        f"{m.name} imports {target} (line {line})"
        for m in graph().values()
        if _within(m.name, source)
        for target, line in m.imports.items()
        if _within(target, *forbidden) and not _within(target, *allowed)
    ]


def _third_party(path: Path) -> set[str]:
    names: set[str] = set()
    for node in _walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_graph_is_read_from_the_source() -> None:
    modules = graph()
    assert len(modules) > 150
    # a function-level import counts (energy/cli.py imports its commands' modules lazily)
    assert "energy.townhall.deck" in modules["energy.cli"].imports
    assert "energy.store.db" in modules["energy.savings.compute"].imports


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    modules = {
        "a": Module("a", ROOT, {"b": 1}),
        "b": Module("b", ROOT, {"c": 1}),
        "c": Module("c", ROOT, {"a": 9}),
        "d": Module("d", ROOT, {"a": 1}),
    }
    assert cycles(modules) == [["a", "b", "c"]]


def test_there_is_no_import_cycle() -> None:
    found = cycles(graph())
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_the_core_imports_nothing_else_of_the_project() -> None:
    assert _offenders("energy.core", ("energy", "ui"), ("energy.core",)) == []


def test_the_store_imports_no_capability_and_no_demo() -> None:
    assert _offenders("energy.store", ("energy", "ui"), ("energy.core", "energy.store")) == []


def test_pure_calculations_import_neither_the_store_nor_sqlalchemy_nor_streamlit() -> None:
    assert _offenders("energy.calc", ("energy", "ui"), ("energy.core", "energy.calc")) == []
    for module in graph().values():
        if _within(module.name, "energy.calc"):
            assert not _third_party(module.path) & {"sqlalchemy", "streamlit"}, module.name


def test_documents_read_no_store() -> None:
    assert (
        _offenders("energy.documents", ("energy", "ui"), ("energy.core", "energy.documents")) == []
    )


def test_no_capability_imports_the_demo_or_the_command_line() -> None:
    sources = [f"energy.{c}" for c in CAPABILITIES]
    for source in sources:
        assert _offenders(source, ("energy.demo", "energy.cli", "ui", "pages")) == []


def test_the_ui_imports_no_page_and_pages_import_no_page() -> None:
    assert _offenders("ui", ("pages", "app")) == []
    assert _offenders("pages", ("pages", "app")) == []


def test_ui_and_pages_run_no_sql() -> None:
    """Screens ask the library; they never hold a session, an engine or SQLAlchemy."""
    for module in graph().values():
        if _within(module.name, "ui", "pages", "app"):
            assert "sqlalchemy" not in _third_party(module.path), module.name
            assert "energy.store.db" not in module.imports, module.name


def test_no_module_uses_another_modules_private_name() -> None:
    found = [f"{m.name}:{p}" for m in graph().values() for p in m.private]
    assert found == []


def test_constants_live_in_the_vocabulary_not_in_the_models() -> None:
    kept = {"NAMING_CONVENTION", "SOLAR_MONTHS"}  # the tables' own naming and columns
    for path in sorted((ROOT / "energy" / "store" / "models").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    assert target.id in kept, f"{path.name}: {target.id} belongs in vocabulary"


def test_every_package_says_what_it_owns() -> None:
    for top in ("energy", "ui"):
        for init in sorted((ROOT / top).rglob("__init__.py")):
            if "migrations" in init.parts:
                continue
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc and len(doc) > 40, f"{init.relative_to(ROOT)} has no docstring"
    loose = sorted(p.name for p in (ROOT / "energy").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"]
