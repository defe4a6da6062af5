"""Shared fixtures: the real-world corpus and hypothesis profiles."""

from __future__ import annotations

import functools
import inspect
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from _profiles import PROFILE

# The hypothesis profiles ("dev", the default, and "ci") and every example count live in
# tests/_profiles.py; importing it registers and loads the one HYPOTHESIS_PROFILE names.


def pytest_configure(config: pytest.Config) -> None:
    """Deselect ``slow`` tests by default; CI (profile "ci") or ``NETCORE_SLOW=1`` runs them.

    An explicit ``-m`` expression that names ``slow`` wins, so ``pytest -m slow`` runs
    only those; any other (``-m serial``) still leaves out the slow tests unless they are
    wanted.
    """
    wants_slow = PROFILE == "ci" or os.environ.get("NETCORE_SLOW") == "1"
    expr = config.option.markexpr
    if not wants_slow:
        if not expr:
            config.option.markexpr = "not slow"
        elif "slow" not in expr:
            config.option.markexpr = f"({expr}) and not slow"


# ---- timing-ratio tests run alone -----------------------------------------------------
# Complexity tests (tests/_complexity.py) time one input against one eight times larger:
# another process busy on the other core skews that ratio. They are marked ``serial``
# here (any test whose function, or a helper of its module it calls, uses
# ``assert_linear`` or ``growth_ratio``). Under pytest-xdist (``-n 2``) they are left
# out, and the README's second command runs them on their own: ``pytest -m serial``.
# ``_complexity`` refuses to measure inside an xdist worker, so a test this misses fails
# loudly instead of flaking.
_TIMING = re.compile(r"\b(assert_linear|growth_ratio)\(")


@functools.cache
def _source(obj: Callable[..., object]) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


@functools.cache
def _module_times_ratios(path: str) -> bool:
    try:
        return _TIMING.search(Path(path).read_text(encoding="utf-8")) is not None
    except OSError:
        return False


def _times_ratios(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    if function is None or not _module_times_ratios(str(item.path)):
        return False
    source = _source(function)
    if _TIMING.search(source):
        return True
    module = inspect.getmodule(function)
    for name in re.findall(r"\b(_?[A-Za-z]\w*)\(", source):
        helper = getattr(module, name, None)
        if (
            inspect.isfunction(helper)
            and helper.__module__ == getattr(module, "__name__", "")
            and _TIMING.search(_source(helper))
        ):
            return True
    return False


def _under_xdist(config: pytest.Config) -> bool:
    return bool(getattr(config.option, "numprocesses", None)) or hasattr(config, "workerinput")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark timing-ratio tests ``serial``; leave them out of a pytest-xdist run."""
    serial = []
    for item in items:
        if item.get_closest_marker("serial") is None and _times_ratios(item):
            item.add_marker(pytest.mark.serial)
        if item.get_closest_marker("serial") is not None:
            serial.append(item)
    if serial and _under_xdist(config):
        config.hook.pytest_deselected(items=serial)
        keep = set(map(id, serial))
        items[:] = [i for i in items if id(i) not in keep]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """``pytest -m serial`` with nothing to run (no slow tests wanted) is a success."""
    expr = session.config.option.markexpr or ""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and "serial" in expr:
        session.exitstatus = pytest.ExitCode.OK


_DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def find_corpus() -> Path | None:
    """The corpus folder: env ``NETCORE_CORPUS``, else ``../shared/corpus`` beside the repo."""
    env = os.environ.get("NETCORE_CORPUS")
    path = Path(env) if env else _DEFAULT_CORPUS
    return path if (path / "SOURCES.md").is_file() else None


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real-world corpus of vCard, jCard and iCalendar files; skips where it is absent."""
    path = find_corpus()
    if path is None:
        pytest.skip(
            "real-world corpus not found: set NETCORE_CORPUS or place it at ../shared/corpus "
            "(see CONTRIBUTING in README.md)"
        )
    return path


# kind -> (folder of the corpus, suffixes). Tests are collected by file type, so no test
# is parametrised over a file only to skip it.
_KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "vcard": ("vcard", frozenset({".vcf", ".vcard", ".json"})),
    "vcard_text": ("vcard", frozenset({".vcf", ".vcard"})),
    "jcard": ("vcard", frozenset({".json"})),
    "ical": ("ical", frozenset({".ics", ".ical", ".ifb"})),
}


def corpus_files(kind: str) -> list[Path]:
    """Every corpus file of ``kind``, sorted.

    Kinds: "vcard" (vCard text and jCard), "vcard_text" (``.vcf``/``.vcard`` only),
    "jcard" (jCard ``.json`` only), "ical" (``.ics``).
    """
    root = find_corpus()
    if root is None:
        return []
    folder, suffixes = _KINDS[kind]
    return sorted(
        p for p in (root / folder).rglob("*") if p.is_file() and p.suffix.lower() in suffixes
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``<kind>_corpus_file`` fixtures: one test per corpus file of that kind."""
    for kind in _KINDS:
        name = f"{kind}_corpus_file"
        if name in metafunc.fixturenames:
            root = find_corpus()
            files = corpus_files(kind)
            if root is None or not files:
                metafunc.parametrize(
                    name,
                    [
                        pytest.param(
                            None,
                            marks=pytest.mark.skip(
                                reason="real-world corpus not found: "
                                "set NETCORE_CORPUS or place it at ../shared/corpus"
                            ),
                        )
                    ],
                )
            else:
                metafunc.parametrize(name, files, ids=[str(p.relative_to(root)) for p in files])
