"""Meta-tests: the shape of the code (ARCHITECTURE.md) and the docs stay true."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENERGY = sorted((ROOT / "energy").rglob("*.py"))
PAGES = sorted((ROOT / "pages").glob("*.py"))


def _imported_modules(path: Path) -> set[str]:
    """Every absolute import's module, and for ``from a import b`` also ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imported_modules(path)}


@pytest.mark.parametrize("path", ENERGY, ids=lambda p: str(p.relative_to(ROOT)))
def test_energy_never_imports_the_ui(path: Path) -> None:
    assert not _imports(path) & {"streamlit", "ui", "pages"}


def test_energy_imports_none_of_the_packages_mypy_leaves_unread() -> None:
    """pyproject.toml has mypy skip packages only our imports' own imports reach: a package
    that `energy` imports itself would be Any in our code, its misuse unreported."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    skipped = [
        pattern.removesuffix(".*")
        for override in config["tool"]["mypy"]["overrides"]
        if override.get("follow_imports") == "skip"
        for pattern in override["module"]
    ]
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in ENERGY
        for name in _imported_modules(path)
        if any(name == package or name.startswith(package + ".") for package in skipped)
    )
    assert skipped and not offenders


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_calls_the_guard_first(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = [
        n
        for n in tree.body
        if not isinstance(n, ast.Import | ast.ImportFrom)
        and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
    ]
    first = body[0]
    assert isinstance(first, ast.Assign), (
        f"{path.name}: first statement must be `actor = guard(...)`"
    )
    call = first.value
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "guard"
    page_key = call.args[0]
    assert isinstance(page_key, ast.Constant) and page_key.value == path.stem


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_stay_thin(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 200, f"{path.name} has {lines} lines: move logic into energy/"


def test_pages_never_import_other_pages() -> None:
    for path in PAGES:
        assert "pages" not in _imports(path), path.name


def test_only_db_creates_engines_and_only_config_reads_the_environment() -> None:
    for path in ENERGY:
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        if rel != "energy/store/db.py":
            assert "create_engine(" not in source, rel
        if rel != "energy/core/config.py":
            assert "os.environ" not in source and "getenv(" not in source, rel


def test_every_page_file_is_in_the_navigation() -> None:
    from ui.core.nav import PAGES as SPECS

    assert sorted(spec.path for spec in SPECS) == sorted(f"pages/{p.name}" for p in PAGES)


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```(?:bash|sh)\n(.*?)```", readme, flags=re.S)
    test_command = next(c.strip() for c in commands if "pytest" in c)
    assert test_command.splitlines()[-1] in ci


def test_no_machine_paths_in_the_project() -> None:
    for path in [*ROOT.glob("*.md"), *ROOT.glob("docs/*.md"), *ENERGY, *PAGES]:
        assert "/work/" not in path.read_text(encoding="utf-8"), path.name


def test_only_villages_name_the_village_fields_in_errors() -> None:
    """``field.name`` and ``field.code`` read "마을 이름" and "마을 코드" in Korean, and the
    error message is prefixed with its field's label (ui.core.widgets.show_error): a trainer's,
    venue's, participant's or organisation's error must name its own field."""
    borrowed = re.compile(r'field="(name|code)"|clean_text\([^)]*"(name|code)"')
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in ENERGY
        if path.relative_to(ROOT).as_posix() != "energy/villages/directory.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if borrowed.search(line)
    ]
    assert offenders == []


SCREENS = PAGES + sorted((ROOT / "ui").rglob("*.py"))
CHOICE_WIDGETS = {
    "selectbox",
    "radio",
    "multiselect",
    "segmented_control",
    "pills",
    "select_slider",
}
FIELD_WIDGETS = CHOICE_WIDGETS | {
    "text_input", "text_area", "number_input", "date_input", "time_input", "checkbox", "toggle",
    "file_uploader", "data_editor", "slider", "color_picker",
}  # fmt: skip


def _form_blocks(tree: ast.AST, maker: str) -> list[tuple[ast.With, list[ast.Call]]]:
    """Each ``with`` block opening ``st.form(...)`` (maker "st.form") or a held ``form(...)``
    (maker "form"), with the widget calls written inside it."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.With):
            continue
        for item in node.items:
            call = item.context_expr
            if not isinstance(call, ast.Call):
                continue
            name = ast.unparse(call.func)
            if name == maker:
                inside = [
                    n
                    for stmt in node.body
                    for n in ast.walk(stmt)
                    if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Attribute)
                    and n.func.attr in FIELD_WIDGETS
                ]
                found.append((node, inside))
    return found


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_choice_is_never_offered_in_a_streamlit_form(path: Path) -> None:
    """In an ``st.form`` a pending choice is lost when the person switches the language (the
    browser keeps it as its label, in the old language); a form with a choice is a held form
    (ui.core.forms), whose every field is drawn with ``on_change=HELD``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block, calls in _form_blocks(tree, "st.form"):
        choices = [c.func.attr for c in calls if c.func.attr in CHOICE_WIDGETS]  # type: ignore[attr-defined]
        assert not choices, f"line {block.lineno}: st.form with {choices}: use ui.core.forms.form"
    for block, calls in _form_blocks(tree, "form"):
        loose = [
            f"{c.func.attr} (line {c.lineno})"  # type: ignore[attr-defined]
            for c in calls
            if not any(k.arg == "on_change" for k in c.keywords)
        ]
        assert not loose, f"held form at line {block.lineno}: {loose} need on_change=HELD"
