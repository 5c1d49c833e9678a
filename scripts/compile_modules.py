"""Compile the linter modules that a bulk audit, and a signup's lint, spend their time
in, with Cython.

The source stays plain Python; Cython turns each listed module into a C extension built
beside it (`linter/facts.py` -> `linter/facts.cpython-311-...so`), which Python imports
in its place. A module is rebuilt only when its source is newer than its extension, so
`make` after an edit rebuilds that module alone. `make pure` removes the extensions,
and everything works without them, only slower.

    python scripts/compile_modules.py           # build what is out of date
    python scripts/compile_modules.py --list    # the modules compiled, one per line
    python scripts/compile_modules.py --clean   # remove every compiled module

Without Cython or a C compiler it says so and exits 0: the pure modules serve.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "compiled"
LOG = BUILD / "build.log"

# Package directories whose modules are compiled, and the modules left pure in them:
# package markers, and the command line and configuration (run once per process). The
# DNS client is compiled too: on loopback, reading answers costs more than waiting.
PACKAGES = ("linter", "linter/rules", "linter/formats", "linter/verification")
LEFT_PURE = frozenset({"__init__.py", "cli.py", "config.py"})

# Behave as the Python source does: no C types read from annotations (a `str` argument
# must still accept a str subclass), Python's division and exceptions, real functions
# that `inspect` and dataclasses understand.
DIRECTIVES = {
    "language_level": 3,
    "annotation_typing": False,
    "binding": True,
    "embedsignature": False,
    "always_allow_keywords": True,
}


# After Python's own flags (-O3 among them): no debug information, which nobody reads in
# generated C and which costs compile time.
C_FLAGS = ["-g0"]


EXTENSION_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def sources(root: Path = ROOT) -> list[Path]:
    found: list[Path] = []
    for package in PACKAGES:
        found += sorted(
            path for path in (root / package).glob("*.py") if path.name not in LEFT_PURE
        )
    return found


def extension_path(source: Path) -> Path:
    return source.with_name(source.stem + EXTENSION_SUFFIX)


def built_extensions(root: Path = ROOT) -> list[Path]:
    """Every compiled module in the packages, listed or not."""
    return sorted(
        built for package in PACKAGES for built in (root / package).glob("*" + EXTENSION_SUFFIX)
    )


def orphaned_extensions(root: Path = ROOT) -> list[Path]:
    """Compiled modules whose source is gone or no longer compiled: Python would still
    import them, in place of the source or of nothing at all."""
    wanted = {extension_path(source) for source in sources(root)}
    return [built for built in built_extensions(root) if built not in wanted]


def module_name(source: Path) -> str:
    return ".".join(source.relative_to(ROOT).with_suffix("").parts)


def stale(source: Path) -> bool:
    built = extension_path(source)
    return not built.exists() or built.stat().st_mtime < source.stat().st_mtime


def clean() -> int:
    removed = built_extensions()
    for built in removed:
        built.unlink()
    print(f"removed {len(removed)} compiled modules")
    return 0


def build(jobs: int) -> int:
    for orphan in orphaned_extensions():
        print(f"removing {orphan.relative_to(ROOT)}: its source is not compiled any more")
        orphan.unlink()
    todo = [source for source in sources() if stale(source)]
    if not todo:
        return 0
    try:
        from Cython.Build import cythonize
        from setuptools import Distribution, Extension
    except ImportError:
        print("Cython is not installed: the pure Python modules serve", file=sys.stderr)
        return 0
    extensions = [
        Extension(module_name(source), [str(source.relative_to(ROOT))], extra_compile_args=C_FLAGS)
        for source in todo
    ]
    os.chdir(ROOT)
    modules = cythonize(
        extensions,
        compiler_directives=DIRECTIVES,
        build_dir=str(BUILD / "c"),
        nthreads=jobs,
        quiet=True,
        force=True,
    )
    distribution = Distribution({"ext_modules": modules, "script_name": "compile_modules"})
    command = distribution.get_command_obj("build_ext")
    command.inplace = True
    command.parallel = jobs
    command.build_temp = str(BUILD / "objects")
    LOG.parent.mkdir(parents=True, exist_ok=True)
    try:
        with output_to(LOG):
            distribution.run_command("build_ext")
    except Exception as error:  # a missing or failing C compiler
        print(
            f"could not compile ({error}; see {LOG.relative_to(ROOT)}): "
            "the pure Python modules serve",
            file=sys.stderr,
        )
        for source in todo:
            extension_path(source).unlink(missing_ok=True)
        return 0
    print(f"compiled {len(todo)} modules with Cython (log: {LOG.relative_to(ROOT)})")
    return 0


@contextmanager
def output_to(path: Path) -> Iterator[None]:
    """Send this process's and its children's (the C compiler's) output to `path`: the
    warnings in C that Cython generates are not ours to act on."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with path.open("wb") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the modules compiled")
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(module_name(source) for source in sources()))
        return 0
    if args.clean:
        return clean()
    return build(args.jobs)


if __name__ == "__main__":
    sys.exit(main())
