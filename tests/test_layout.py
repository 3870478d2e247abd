"""The layout of the code, enforced: which part may import which, and no import cycles.

Every import statement of every module of planner_tui counts, wherever it is: at the
top, inside a function (the app imports dialogs when first used), under TYPE_CHECKING.
The contract is a table (harlequin keeps its own as an import-linter contract): each
rule names the importers (a glob over module names), what they must not import (a glob,
with the exceptions the rule allows) and why. README "How the code is laid out" tells
the same story in words. The stylesheets' rule (classes, never ids) is checked here too.
"""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

import pytest

import planner_tui

PACKAGE = Path(planner_tui.__file__).parent


class Rule(NamedTuple):
    importer: str  # the modules the rule binds (a glob over module names)
    forbidden: str  # what they must not import (a glob)
    why: str
    allowed: tuple[str, ...] = ()  # what of ``forbidden`` they may import after all (globs)
    exempt: tuple[str, ...] = ()  # importers the rule does not bind (globs)


CORE = "planner_tui.core*"
FILE = "planner_tui.core.file*"
UI = "planner_tui.ui*"
CLI = "planner_tui.cli*"

CONTRACT = [
    Rule(CORE, "textual*", "core is headless: the CLI, scripts and tests run it without a screen"),
    Rule(CORE, "rich*", "core returns data and plain text; how it looks is the front doors' business"),
    Rule(CORE, "click*", "core knows no command line"),
    Rule(CORE, UI, "core knows no front door"),
    Rule(CORE, CLI, "core knows no front door"),
    Rule(FILE, "planner_tui.core.*",
         "the plan file's modules know the model they keep, never what the domain does with it: "
         "domain modules ask the store for changes, not the other way round",
         allowed=(FILE, "planner_tui.core.model", "planner_tui.core.plan", "planner_tui.core.dates",
                 "planner_tui.core.repeat", "planner_tui.core.labels", "planner_tui.core.errors",
                 "planner_tui.core.user_text",  # the one rule for text shown (plurals too)
                 "planner_tui.core.exchange.importing")),  # restore reads a backup as an import does
    Rule(CLI, UI, "the CLI prints; it opens the app in one place (cli/launch.py)",
         exempt=("planner_tui.cli.launch",)),
    Rule(UI, "planner_tui.core.file.store",
         "only the app (which is handed the store) and the session talk to the store; the sync's "
         "worker thread opens a store of its own on the same file, as another process would",
         exempt=("planner_tui.ui.app", "planner_tui.ui.session", "planner_tui.ui.syncing")),
    Rule("planner_tui.ui.widgets*", "planner_tui.core.file*",
         "widgets take data from their screen and post messages: they never reach the file"),
    Rule("planner_tui.ui.widgets*", "planner_tui.core.actions", "widgets never change the plan"),
    Rule("planner_tui.ui.widgets*", "planner_tui.ui.screens*", "attributes down, messages up"),
    Rule("planner_tui.ui.widgets*", "planner_tui.ui.session", "widgets never change the plan"),
    Rule("planner_tui.ui.widgets*", "planner_tui.ui.flows*", "widgets never change the plan"),
    Rule("planner_tui.ui.widgets*", "planner_tui.ui.dialogs*", "a widget is part of a screen or a dialog"),
    Rule("planner_tui.ui.dialogs*", "planner_tui.ui.screens*",
         "a dialog answers whoever opened it, whatever screen that is"),
    Rule("planner_tui.ui.dialogs*", "planner_tui.ui.session",
         "a dialog returns what was typed or chosen; its opener saves it"),
    Rule("planner_tui.ui.dialogs*", "planner_tui.core.file*", "a dialog never reaches the file"),
    Rule("planner_tui.ui.flows*", "planner_tui.ui.screens*",
         "the main screen uses the flows: they show what changed through the `Show` they are given"),
    Rule("planner_tui.ui.session", "planner_tui.ui.screens*", "the session serves every screen and knows none"),
    Rule("planner_tui.ui.session", "planner_tui.ui.flows*", "the session serves every screen and knows none"),
    Rule("planner_tui.ui.session", "planner_tui.ui.widgets*", "the session tells the person, screens tell widgets"),
    Rule("planner_tui.ui.commands", "planner_tui.ui.screens*",
         "the palette knows the screen as a `PlanView`; the screen names the palette"),
    Rule("planner_tui.ui.screens.monitor", "planner_tui.ui.screens.*",
         "a base class does not know the screens built on it"),
]


# -- reading the imports -------------------------------------------------------------------------

def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str) -> set[str]:
    """Every module ``module`` imports, by its full name (`from x import y` counts as
    x.y when y is a module, else as x), wherever the statement is."""
    path = MODULES[module]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path, node)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found - {module}


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[:len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


IMPORTS = {module: imported(module) for module in MODULES}


def breaks(rule: Rule, importer: str, target: str) -> bool:
    def any_of(globs: tuple[str, ...], name: str) -> bool:
        return any(fnmatchcase(name, glob) for glob in globs)

    return (fnmatchcase(importer, rule.importer) and fnmatchcase(target, rule.forbidden)
            and not any_of(rule.allowed, target) and not any_of(rule.exempt, importer))


# -- the contract --------------------------------------------------------------------------------

@pytest.mark.parametrize("rule", CONTRACT, ids=lambda rule: f"{rule.importer} !-> {rule.forbidden}")
def test_the_import_contract(rule):
    broken = sorted(f"{importer} imports {target}" for importer, targets in IMPORTS.items()
                    for target in targets if breaks(rule, importer, target))
    assert not broken, f"{rule.why}:\n" + "\n".join(broken)


@pytest.mark.parametrize("rule", CONTRACT, ids=lambda rule: f"{rule.importer} !-> {rule.forbidden}")
def test_every_rule_is_about_modules_that_exist(rule):
    """A rule whose importers were renamed away would pass for ever."""
    assert any(fnmatchcase(module, rule.importer) for module in MODULES), rule


def test_the_contract_catches_what_it_forbids():
    """The walk finds imports inside functions and under TYPE_CHECKING, and a rule flags them."""
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import textual.app\n" \
             "def later():\n    from planner_tui.ui import session\n"
    targets = {alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Import)
               for alias in node.names}
    targets |= {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)}
    assert {"textual.app", "planner_tui.ui"} <= targets
    assert breaks(CONTRACT[0], "planner_tui.core.plan", "textual.app")
    assert not breaks(CONTRACT[0], "planner_tui.ui.app", "textual.app")
    file_rule = next(rule for rule in CONTRACT if rule.importer == FILE)
    assert breaks(file_rule, "planner_tui.core.file.store", "planner_tui.core.checkin")
    assert not breaks(file_rule, "planner_tui.core.file.store", "planner_tui.core.file.backups")
    store_rule = next(rule for rule in CONTRACT if rule.forbidden == "planner_tui.core.file.store")
    assert breaks(store_rule, "planner_tui.ui.screens.plan", "planner_tui.core.file.store")
    assert not breaks(store_rule, "planner_tui.ui.session", "planner_tui.core.file.store")
    assert "planner_tui.ui.dialogs.conflict" in IMPORTS["planner_tui.ui.session"]  # imported inside a method


# -- no cycles ------------------------------------------------------------------------------------

def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def package_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a package's __init__ is not an edge
    from its own modules: importing planner_tui.ui.flows.editing runs planner_tui.ui.flows)."""
    return {module: {target for target in targets if target in MODULES and not module.startswith(target + ".")}
            for module, targets in IMPORTS.items()}


def test_no_import_cycles():
    found = cycles(package_graph())
    assert not found, "import cycles (two modules share a job that belongs to one of them, or a third):\n" + \
        "\n".join(" <-> ".join(group) for group in found)


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


# -- styles --------------------------------------------------------------------------------------

ID_SELECTOR = re.compile(r"#[A-Za-z_-][\w-]*(?=[^;{}]*\{)")  # `#name` in a selector, not a colour in a value


@pytest.mark.parametrize("sheet", sorted(PACKAGE.rglob("*.tcss")), ids=lambda path: path.name)
def test_stylesheets_select_by_type_and_class_never_by_id(sheet):
    """Renaming a widget's id must not silently drop its style."""
    text = re.sub(r"/\*.*?\*/", "", sheet.read_text("utf-8"), flags=re.S)
    assert not ID_SELECTOR.findall(text)


def test_the_id_check_sees_ids_and_not_colours():
    assert ID_SELECTOR.findall(".a #b { color: #fff; }") == ["#b"]
    assert ID_SELECTOR.findall(".a { color: #ffcc00; }") == []
