"""The hypothesis profiles: every example count of the test suite, in this one table.

Two profiles, chosen by the environment variable ``HYPOTHESIS_PROFILE``: ``dev`` (the
default: quick, for the edit-test loop) and ``ci`` (thorough and derandomised, set by
``.ci/run``). A test whose every example is expensive (a rank on four dataframe engines,
a Dask cluster) does not set its own ``max_examples``: it names its cost class with
:func:`costly`, and the count comes from the profile in force, so ``ci`` stays more
thorough than ``dev`` for those tests too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES: dict[str, dict[str, int]] = {
    # profile: {cost class: examples per test}
    "dev": {"standard": 30, "columnar": 5, "engines": 2, "cluster": 2},
    "ci": {"standard": 200, "columnar": 33, "engines": 13, "cluster": 2},
}
"""Examples per test, by profile and cost class.

``standard`` is every test that names no class; ``columnar``: a rank on Polars (about
0.1 s an example); ``engines``: the same rank on pandas, PyArrow and DuckDB (about 0.3 s);
``cluster``: a rank on Dask or Spark (30 s or more here, so CI runs two as well).
"""

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
"""The profile in force (``dev`` unless ``HYPOTHESIS_PROFILE`` names another)."""

for _name, _counts in EXAMPLES.items():
    settings.register_profile(
        _name,
        max_examples=_counts["standard"],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        derandomize=_name == "ci",
    )
    for _cost, _count in _counts.items():
        settings.register_profile(
            f"{_name}.{_cost}", settings.get_profile(_name), max_examples=_count
        )
# "default" is kept as an alias of "dev" for scripts that name it.
settings.register_profile("default", settings.get_profile("dev"))
settings.load_profile(PROFILE)


def costly(cost: str) -> settings:
    """The profile in force, with the example count of cost class ``cost``.

    Used as a decorator in place of ``@settings(max_examples=...)``::

        @costly("columnar")
        @given(net=networks())
        def test_...(net): ...

    Args:
        cost: A key of :data:`EXAMPLES` (``columnar``, ``engines``, ``cluster``).
    """
    base = PROFILE if PROFILE in EXAMPLES else "dev"
    return settings.get_profile(f"{base}.{cost}")
