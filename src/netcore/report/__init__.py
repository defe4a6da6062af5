"""The network report as one self-contained HTML page (inline SVG charts, no scripts).

:func:`render_html` turns a :class:`netcore.scoring.NetworkReport` into a page that needs
nothing else: no script, no stylesheet or font to fetch, no network access. Every piece
of text that comes from data (names, notes, titles, topics) goes through one escaping
rule, :func:`escape`.

Examples:
    >>> from datetime import date
    >>> from netcore import Contact, Network, scoring
    >>> net = Network()
    >>> net.add_contacts([Contact(uid="x", formatted_name="<b>Bo</b>")])
    >>> page = render_html(scoring.report(net, as_of=date(2026, 4, 1)))
    >>> "<script" in page, page.count("<svg")
    (False, 3)
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence

from netcore.model import Ask, EntryType, FavourDirection
from netcore.scoring import NetworkReport

__all__ = ["ask_text", "escape", "render_html"]

_COLOURS = ("#2f6f4f", "#4f9f6f", "#d9a441", "#d9663f", "#8a8a8a")


def escape(value: object) -> str:
    """The one escaping rule for text from data: HTML-escaped, quotes included.

    Examples:
        >>> escape('<script>alert("1")</script>')
        '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;'
    """
    return html.escape(str(value), quote=True)


_LABEL_WIDTH = 28
"""The widest chart label, in average Latin letters (a wide CJK character counts two).

Labels are drawn at font size 12 in a column 190 pixels wide, about 28 average letters
of a sans-serif font; a longer label is cut to fit with an ellipsis (:func:`_fit`)."""


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _fit(label: str, width: int = _LABEL_WIDTH) -> str:
    """``label`` cut to ``width`` with an ellipsis when longer (marks kept with their letter).

    Examples:
        >>> _fit("Contoso Pharmaceuticals and Medical Devices")
        'Contoso Pharmaceuticals and…'
        >>> _fit("Acme")
        'Acme'
    """
    if sum(_width(ch) for ch in label) <= width:
        return label
    used = 0
    end = 0
    for i, ch in enumerate(label):
        used += _width(ch)
        if used > width - 1:  # room for the ellipsis
            break
        end = i + 1
    return label[:end].rstrip() + "…"


def _bars(title: str, items: Sequence[tuple[str, int]], *, width: int = 560) -> str:
    """A horizontal bar chart as inline SVG (labels escaped, long ones cut by :func:`_fit`)."""
    row = 26
    label_w = 190
    height = row * max(1, len(items)) + 34
    top = max((v for _, v in items), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    span = width - label_w - 50
    for i, (label, value) in enumerate(items):
        y = 28 + i * row
        w = round(span * value / top)
        colour = _COLOURS[i % len(_COLOURS)]
        short = _fit(label)
        text = f'<text x="0" y="{y + 15}" font-size="12">{escape(short)}</text>'
        if short != label:  # the full name as a tooltip
            text = f"<g><title>{escape(label)}</title>{text}</g>"
        parts.append(
            text + f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="16" fill="{colour}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    if not rows:
        return "<p class=none>None.</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def ask_text(a: Ask) -> str:
    """``they asked me``, ``I asked them``, ``they offered``, ``I offered``."""
    mine = a.direction is FavourDirection.GIVEN
    if a.type is EntryType.ASK:
        return "they asked me" if mine else "I asked them"
    return "I offered" if mine else "they offered"


_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{padding:3px 10px;text-align:left;"
    "border-bottom:1px solid #eee}th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;"
    "gap:24px}.none{color:#777}"
)


def render_html(report: NetworkReport) -> str:
    """The report as one self-contained HTML page (inline SVG charts, no scripts).

    Args:
        report: What ``netcore.scoring.report`` returned.

    Returns:
        The page, as text (write it as UTF-8).
    """

    def name(uid: str) -> str:
        return report.names.get(uid, uid)

    layers = [(f"layer {k}", v) for k, v in report.layers.items()]
    health = [(k.replace("_", " "), v) for k, v in report.health.items()]
    orgs = [(c.name, c.count) for c in report.organisations]
    sections = [
        f"<h1>Network report as of {escape(report.as_of.isoformat())}</h1>",
        f"<p>{report.contacts} contacts; {report.organisation_count} organisations "
        f"(evenness {report.organisation_evenness:.2f} of 1).</p>",
        '<div class="charts">',
        _bars("Contacts by layer", layers),
        _bars("Health", health),
        _bars("Largest organisations", orgs),
        "</div>",
        "<h2>Open asks and offers</h2>",
        _table(
            ["asked on", "who", "what", "kind", "topic", "note"],
            [
                [
                    a.asked_on.isoformat(),
                    name(a.contact_uid),
                    ask_text(a),
                    a.kind.value.replace("_", " "),
                    a.topic or "",
                    a.note or "",
                ]
                for a in report.open_asks
            ],
        ),
        "<h2>Ties to revive</h2>",
        _table(["contact", "why"], [[name(r.uid), "; ".join(r.reasons)] for r in report.revive]),
        "<h2>Reciprocity outliers</h2>",
        _table(
            ["contact", "side", "why"],
            [
                [name(t.uid), t.side.replace("_", " "), "; ".join(t.reasons)]
                for t in (*report.taking, *report.giving)
            ],
        ),
        "<h2>Events that produced lasting relationships</h2>",
        _table(
            ["day", "event", "first met", "healthy 90 days later", "share"],
            [
                [e.day.isoformat(), e.title, e.met, e.lasting, f"{e.share:.0%}"]
                for e in report.events
            ],
        ),
        "<h2>Categories</h2>",
        _table(["category", "contacts"], [[c.name, c.count] for c in report.categories]),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Network report {escape(report.as_of.isoformat())}</title>"
        f"<style>{_STYLE}</style></head><body>\n" + "\n".join(sections) + "\n</body></html>\n"
    )
