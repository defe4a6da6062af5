"""Shared fixtures: the real-world corpus and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Two hypothesis profiles, chosen by HYPOTHESIS_PROFILE: "dev" (the default: quick, for
# the edit-test loop) and "ci" (thorough and derandomised, set by .ci/run). No test sets
# its own max_examples; a test that needs fewer examples scales them from the profile.
settings.register_profile(
    "dev",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
# "default" is kept as an alias of "dev" for scripts that name it.
settings.register_profile("default", settings.get_profile("dev"))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def pytest_configure(config: pytest.Config) -> None:
    """Deselect ``slow`` tests by default; CI (profile "ci") or ``NETCORE_SLOW=1`` runs them.

    An explicit ``-m`` expression always wins, so ``pytest -m slow`` runs only those.
    """
    wants_slow = PROFILE == "ci" or os.environ.get("NETCORE_SLOW") == "1"
    if not config.option.markexpr and not wants_slow:
        config.option.markexpr = "not slow"


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
