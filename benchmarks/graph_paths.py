"""Measure k-shortest weighted paths on a 10,000-node graph: networkx against rustworkx.

netcore's warm-introduction search (``netcore.scoring.intro_paths``) needs the k
strongest simple paths from me to a target, with at most a few hops. networkx has
Yen's algorithm (``shortest_simple_paths``); rustworkx has fast single-source
Dijkstra but no k-shortest *paths* (only k-th path lengths), so with rustworkx Yen's
loop would have to be written here around its Dijkstra. This script times both the
ready-made networkx call and one rustworkx Dijkstra (the building block) on the
same random graph.

Run: python benchmarks/graph_paths.py   (rustworkx is optional: pip install rustworkx)
"""

from __future__ import annotations

import math
import random
import time

import networkx as nx

NODES = 10_000
EDGES_PER_NODE = 5
K = 3


def _graph(seed: int = 7) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(range(NODES))
    for u in range(NODES):
        for _ in range(EDGES_PER_NODE):
            v = rng.randrange(NODES)
            if v != u:
                g.add_edge(u, v, cost=-math.log(rng.uniform(0.05, 0.95)))
    return g


def main() -> None:
    """Print the median of 5 runs of each measurement."""
    g = _graph()
    pairs = [(0, NODES - 1), (1, NODES // 2), (2, NODES // 3), (3, 4), (5, 9_000)]
    times = []
    for s, t in pairs:
        start = time.perf_counter()
        gen = nx.shortest_simple_paths(g, s, t, weight="cost")
        found = [p for _, p in zip(range(K), gen, strict=False)]
        times.append(time.perf_counter() - start)
        assert found
    times.sort()
    print(
        f"networkx {nx.__version__}: {K} shortest weighted simple paths (Yen) on "
        f"{NODES} nodes / {g.number_of_edges()} edges: median {times[2] * 1000:.0f} ms"
    )
    try:
        import rustworkx as rx
    except ImportError:
        print("rustworkx not installed: skipped")
        return
    r = rx.PyGraph()
    r.add_nodes_from(range(NODES))
    r.add_edges_from([(u, v, d["cost"]) for u, v, d in g.edges(data=True)])
    times = []
    for s, t in pairs:
        start = time.perf_counter()
        rx.dijkstra_shortest_paths(r, s, target=t, weight_fn=float)
        times.append(time.perf_counter() - start)
    times.sort()
    print(
        f"rustworkx {rx.__version__}: one Dijkstra shortest path (no k-shortest paths API): "
        f"median {times[2] * 1000:.1f} ms"
    )


def intro_on_sample_network(n: int = NODES) -> None:
    """Time ``netcore.scoring.intro_paths`` on ``n`` contacts (organisations of 10)."""
    from datetime import UTC, date, datetime, timedelta

    from netcore import Contact, Interaction, InteractionKind, Network, Organization, scoring

    net = Network()
    net.add_contacts(
        Contact(
            uid=f"c{i}",
            formatted_name=f"Person {i}",
            organizations=(Organization(name=f"Org {i // 10}"),),
        )
        for i in range(n)
    )
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    for i in range(n):
        net.log(
            Interaction(
                at=start + timedelta(days=i % 60),
                contact_uids=(f"c{i}",),
                kind=InteractionKind.CALL,
            )
        )
    day = date(2026, 4, 1)
    scoring.tie_strengths(net, as_of=day)  # fold the aggregates once, as a session would
    times = []
    for target in ("Org 0", f"Org {n // 20}", f"Org {n // 10 - 1}"):
        t0 = time.perf_counter()
        scoring.intro_paths(net, target, as_of=day)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(
        f"netcore intro_paths, {n} contacts in organisations of 10 ({n * 9 // 2} relations): "
        f"median {times[1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
    intro_on_sample_network()
