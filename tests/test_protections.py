"""Streamlit's own protections stay on, and raw HTML reaches a page only through escaped builders.

A static check of the app's source (app.py, pages/, ui/, veta/): every call that sends raw HTML or JavaScript
to the browser — `st.html`, anything with `unsafe_allow_html=True` or `unsafe_allow_javascript=True`,
`components.html`, an iframe's `srcdoc` — may only be given text that is safe by construction: a literal, a
module constant, a veta builder (`*_html`, unit-tested with hostile text in tests/test_hostile_html.py),
`escape_text(...)`, or f-strings, joins and concatenations of those. Anything else fails with file and line,
to be reviewed. There is one escaper (`veta.escape.escape_text`) and no CDN address anywhere.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from veta.paths import PROJECT_DIR

SOURCE_DIRS = ("pages", "ui", "veta")
RAW_CALLS = {"html"}  # st.html(...), components.html(...)
RAW_KEYWORDS = {"unsafe_allow_html", "unsafe_allow_javascript"}
SAFE_FUNCTIONS = {"escape_text", "scroll_to_script", "document_language_script", "len", "str", "int"}
"""Functions whose result is safe to put in HTML: the escaper; a script that accepts only Veta's element ids; a
script that accepts only Veta's language codes."""
JAVASCRIPT_BUILDERS = {"scroll_to_script", "document_language_script"}
"""The only text allowed where JavaScript is switched on (`unsafe_allow_javascript=True`)."""


def source_files() -> list[Path]:
    files = [PROJECT_DIR / "app.py"]
    for folder in SOURCE_DIRS:
        files += sorted((PROJECT_DIR / folder).rglob("*.py"))
    return files


def is_builder(name: str) -> bool:
    """A function whose name says it returns HTML (`*_html`): Veta's builders escape every data string."""
    return name.endswith("_html") or name.endswith("_svg") or name.endswith("_css")


class Scope:
    """What the names of one module or function are bound to (last assignments; for-loop targets)."""

    def __init__(self, body: list[ast.stmt], outer: Scope | None = None) -> None:
        self.outer = outer
        self.values: dict[str, list[ast.expr]] = {}
        for node in body:
            for sub in ast.walk(node):
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and sub is not node:
                    continue
                if isinstance(sub, ast.Assign):
                    for target in sub.targets:
                        if isinstance(target, ast.Name):
                            self.values.setdefault(target.id, []).append(sub.value)
                elif isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Name) and sub.value is not None:
                    self.values.setdefault(sub.target.id, []).append(sub.value)
                elif isinstance(sub, ast.For | ast.comprehension) and isinstance(sub.target, ast.Name):
                    self.values.setdefault(sub.target.id, []).append(ast.Call(sub.iter, [], []))  # an item of it

    def lookup(self, name: str) -> list[ast.expr] | None:
        if name in self.values:
            return self.values[name]
        return self.outer.lookup(name) if self.outer else None


def call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Call):  # our stand-in for "an item of this iterable"
        return call_name(func) if isinstance(func, ast.Call) else ""
    return ""


def safe(node: ast.expr, scope: Scope, seen: frozenset[str] = frozenset()) -> bool:
    """True when the expression can only be literal text, escaped text or the output of a veta builder."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | int | float | bool) or node.value is None
    if isinstance(node, ast.JoinedStr):
        return all(safe(v.value, scope, seen) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return safe(node.left, scope, seen) and safe(node.right, scope, seen)
    if isinstance(node, ast.IfExp):
        return safe(node.body, scope, seen) and safe(node.orelse, scope, seen)
    if isinstance(node, ast.GeneratorExp | ast.ListComp):
        return safe(node.elt, scope, seen)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Call):  # an item of an iterable (see Scope)
            return safe(node.func, scope, seen)
        name = call_name(node)
        if name in SAFE_FUNCTIONS or is_builder(name):
            return True
        if name == "join" and isinstance(node.func, ast.Attribute):
            return safe(node.func.value, scope, seen) and all(safe(a, scope, seen) for a in node.args)
        return False
    if isinstance(node, ast.Name):
        if node.id in seen:
            return False
        values = scope.lookup(node.id)
        return bool(values) and all(safe(v, scope, seen | {node.id}) for v in values)
    return False


def raw_call_sites(path: Path) -> list[tuple[int, str, ast.Call, Scope]]:
    """(line, what, call, scope) of every call in the file that sends raw HTML or JavaScript."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    module = Scope(tree.body)
    found: list[tuple[int, str, ast.Call, Scope]] = []

    def visit(node: ast.AST, scope: Scope) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = Scope(child.body, scope)
            if isinstance(child, ast.Call):
                name = call_name(child)
                flags = {
                    k.arg
                    for k in child.keywords
                    if k.arg in RAW_KEYWORDS and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                }
                if name in RAW_CALLS or flags:
                    found.append((child.lineno, name + "".join(f" {f}" for f in sorted(flags)), child, scope))
                if name == "iframe" and any(k.arg == "srcdoc" for k in child.keywords):
                    found.append((child.lineno, "iframe srcdoc", child, scope))
            visit(child, inner)

    visit(tree, module)
    return found


def test_xsrf_protection_stays_on() -> None:
    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text("utf-8"))
    server = config.get("server", {})
    assert server.get("enableXsrfProtection") is True, "[server] enableXsrfProtection = true must stay"
    assert server.get("enableCORS", True) is True, "CORS protection must not be switched off"
    assert server.get("enableStaticServing") is True, "the offline Leaflet/jQuery files are served from static/"


def test_every_raw_html_call_gets_only_escaped_or_built_text() -> None:
    unsafe: list[str] = []
    count = 0
    for path in source_files():
        for line, what, call, scope in raw_call_sites(path):
            count += 1
            where = f"{path.relative_to(PROJECT_DIR)}:{line} ({what})"
            argument = (
                call.args[0]
                if call.args
                else next((k.value for k in call.keywords if k.arg in ("body", "srcdoc")), None)
            )
            if argument is None or not safe(argument, scope):
                unsafe.append(where + ": " + (ast.unparse(argument)[:100] if argument is not None else "no body"))
            if "unsafe_allow_javascript" in what and not (
                isinstance(argument, ast.Call) and call_name(argument) in JAVASCRIPT_BUILDERS
            ):
                unsafe.append(where + ": JavaScript switched on for text that is not a reviewed script builder")
    assert count >= 5, "the check found no raw-HTML call at all: it is not looking at the right files"
    assert not unsafe, "review these calls (escape with veta.escape.escape_text or use a veta *_html builder):\n" + (
        "\n".join(unsafe)
    )


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("st.html(CSS)\nCSS = '<style></style>'", True),
        ("st.html(feature_header_html(atlas, feature))", True),
        ("st.html(f'<p>{escape_text(name)}</p>')", True),
        ("st.html(f'<p>{name}</p>')", False),
        ("st.markdown(f'<b>{feature.name}</b>', unsafe_allow_html=True)", False),
        (
            "rows = ''.join(f'<li>{escape_text(p)}</li>' for p in problems)\nst.markdown(rows, unsafe_allow_html=True)",
            True,
        ),
        ("rows = ''.join(f'<li>{p}</li>' for p in problems)\nst.markdown(rows, unsafe_allow_html=True)", False),
        ("for fragment in sections_html(atlas, shown):\n    st.html(fragment)", True),
        ("for fragment in atlas.features:\n    st.html(fragment)", False),
        ("st.html(script, unsafe_allow_javascript=True)", False),
        ("st.markdown(text, unsafe_allow_html=False)", True),
    ],
)
def test_the_static_check_tells_safe_from_unsafe(tmp_path: Path, source: str, ok: bool) -> None:
    path = tmp_path / "sample.py"
    path.write_text(source, "utf-8")
    sites = raw_call_sites(path)
    verdicts = [safe(call.args[0], scope) if call.args else False for _, what, call, scope in sites]
    verdicts += [False for _, what, *_ in sites if "unsafe_allow_javascript" in what]
    assert all(verdicts) is ok, (source, sites)


OTHER_ESCAPERS = re.compile(
    r"html\.escape\(|from html import escape|markupsafe|(?<!re\.)\bescape\(|\.replace\(\s*['\"]<['\"]|&lt;|&amp;",
    re.IGNORECASE,
)
CDN = re.compile(
    r"cdn\.|cdnjs|unpkg\.com|jsdelivr|code\.jquery\.com|googleapis\.com|bootstrapcdn|maxcdn", re.IGNORECASE
)


def test_there_is_one_escaper() -> None:
    found = []
    for path in source_files():
        if path == PROJECT_DIR / "veta" / "escape.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            cleaned = line.replace("escape_text(", "")
            if OTHER_ESCAPERS.search(cleaned):
                found.append(f"{path.relative_to(PROJECT_DIR)}:{number}: {line.strip()[:100]}")
    assert not found, "escape only with veta.escape.escape_text:\n" + "\n".join(found)


def test_no_cdn_address_in_code() -> None:
    files = source_files() + [PROJECT_DIR / ".streamlit" / "config.toml"]
    found = [
        f"{path.relative_to(PROJECT_DIR)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if CDN.search(line)
    ]
    assert not found, f"CDN addresses in code: {found}"


def test_no_test_outside_the_browser_tests_is_parametrized_with_page() -> None:
    """pytest-playwright owns the `page` fixture: a parametrize argument of that name gives an AppTest test a
    browser in its id (`[chromium-pages/home.py]`) and the browser tests' collection hooks. Use `page_file`."""
    offenders: list[str] = []
    for path in sorted((PROJECT_DIR / "tests").rglob("*.py")):
        if "browser" in path.relative_to(PROJECT_DIR / "tests").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "parametrize"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and "page" in re.split(r"[,\s]+", str(node.args[0].value))
            ):
                offenders.append(f"{path.relative_to(PROJECT_DIR)}:{node.lineno}")
    assert offenders == [], offenders
