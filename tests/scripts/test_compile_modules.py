"""The compiled linter modules: built, current, imported, and the same as their source.

`make` compiles the linter's hot modules with Cython (scripts/compile_modules.py). The
compiled module is what Python imports, so a stale one would test old code and a
compiled one that behaved differently would change the report: these tests catch both.
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "compile_modules.py"
GENERATE = ROOT / "bench" / "generate.py"

# Runs contactlint with every linter module read from its .py source: a path hook that
# leaves extension modules out, for the linter's directories only.
PURE_CONTACTLINT = """\
import importlib.machinery as machinery
import sys

root = sys.argv.pop(1)
source_only = machinery.FileFinder.path_hook(
    (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES)
)

def linter_sources(path):
    if path.startswith(root + "/linter"):
        return source_only(path)
    raise ImportError(path)

sys.path_hooks.insert(0, linter_sources)
sys.path_importer_cache.clear()
import linter.facts
assert linter.facts.__file__.endswith(".py"), linter.facts.__file__
from linter.cli import main
sys.exit(main())
"""
COMPILED_CONTACTLINT = "import sys\nfrom linter.cli import main\nsys.exit(main())\n"


def load_script(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


compile_modules = load_script(SCRIPT, "compile_modules_script")
SOURCES = compile_modules.sources()


def test_the_hot_modules_are_listed() -> None:
    names = set(map(compile_modules.module_name, SOURCES))
    assert {"linter.engine", "linter.facts", "linter.rules.card_number"} <= names
    assert "linter.cli" not in names and "linter.__init__" not in names


@pytest.mark.parametrize("source", SOURCES, ids=compile_modules.module_name)
def test_each_module_is_compiled_and_not_older_than_its_source(source: Path) -> None:
    built = compile_modules.extension_path(source)
    assert built.exists(), f"{built.name} is missing: run `make`"
    assert built.stat().st_mtime >= source.stat().st_mtime, (
        f"{built.name} is older than {source.name}: run `make` to compile it again"
    )


@pytest.mark.parametrize("source", SOURCES, ids=compile_modules.module_name)
def test_python_imports_the_compiled_module(source: Path) -> None:
    module = importlib.import_module(compile_modules.module_name(source))
    assert module.__file__ == str(compile_modules.extension_path(source))


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compiled") / "records.jsonl"
    subprocess.run(
        [sys.executable, str(GENERATE), str(path), "4000", "--seed", "7"],
        check=True,
        capture_output=True,
    )
    return path


def audit(program: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("report", ["jsonl", "text", "sarif"])
def test_compiled_and_pure_modules_write_the_same_report(records: Path, report: str) -> None:
    args = ("audit", str(records), "--offline", "--format", report, "--jobs", "1")
    compiled = audit(COMPILED_CONTACTLINT, *args)
    pure = audit(PURE_CONTACTLINT, str(ROOT), *args)
    assert pure.stderr == b"" and compiled.stderr == b""
    assert (compiled.returncode, pure.returncode) == (1, 1)
    assert len(compiled.stdout) > 400_000  # about 100 bytes or more per record
    assert compiled.stdout == pure.stdout


def test_an_extension_without_a_compiled_source_is_an_orphan(tmp_path: Path) -> None:
    suffix = compile_modules.EXTENSION_SUFFIX
    rules = tmp_path / "linter" / "rules"
    rules.mkdir(parents=True)
    for name in ("kept.py", "kept" + suffix, "gone" + suffix, "__init__" + suffix):
        (rules / name).write_bytes(b"")

    orphans = compile_modules.orphaned_extensions(tmp_path)

    # `gone.py` was deleted; `__init__.py` is never compiled.
    assert [path.name for path in orphans] == ["__init__" + suffix, "gone" + suffix]


def test_no_orphaned_extension_is_left_in_the_tree() -> None:
    assert compile_modules.orphaned_extensions() == [], "run `make` to remove them"
