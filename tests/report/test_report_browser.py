"""The HTML report in a real browser: headless Chromium renders it, a screenshot is checked.

Skips only where no ``chromium`` binary exists, and fails instead when ``CI=true`` (CI
installs Debian's chromium in ``.ci/run``). With ``NETCORE_UPDATE_SCREENSHOT=1`` the
screenshot is also saved into the docs (``docs/img/report.png``, shown in
``docs/guides/report.md``); a normal run never writes into the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from netcore import Contact, EntryType, FavourDirection, FavourKind, LedgerEntry, io, scoring
from netcore.report import render_html

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
HOSTILE = "<script>alert(1)</script>"
DAY = date(2026, 11, 27)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no chromium binary: .ci/run installs Debian's chromium")
        pytest.skip("no chromium binary on PATH (apt-get install chromium) for the browser test")
    return found


def _page(tmp_path: Path) -> Path:
    net = io.build_network([DATA], as_of=DAY).network
    net.add_contacts([Contact(uid="hostile", formatted_name=HOSTILE, note=HOSTILE)])
    # An open ask puts the hostile name (and a hostile note) in the report's table.
    net.ledger.record(
        LedgerEntry(
            on=date(2026, 11, 20),
            contact_uid="hostile",
            direction=FavourDirection.GIVEN,
            kind=FavourKind.ADVICE,
            type=EntryType.ASK,
            topic=HOSTILE,
            note=HOSTILE,
        )
    )
    page = tmp_path / "report.html"
    page.write_text(render_html(scoring.report(net, as_of=DAY)), encoding="utf-8")
    return page


def _run(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.slow
def test_chromium_renders_the_report_with_charts_and_the_hostile_name_as_text(
    tmp_path: Path,
) -> None:
    from PIL import Image

    binary = _chromium()
    page = _page(tmp_path)
    shot = tmp_path / "report.png"
    done = _run(binary, tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == (1200, 2000)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        assert colours is not None
        # Not blank: many colours, and the bars' green (#2f6f4f) is painted.
        assert len(colours) > 20
        assert any(c == (0x2F, 0x6F, 0x4F) for _, c in colours)
        white = next((n for n, c in colours if c == (255, 255, 255)), 0)
        assert white < 0.98 * 1200 * 2000
    if os.environ.get("NETCORE_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs" / "img").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "img" / "report.png")

    dom = _run(binary, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count("<svg") == 3
    assert dom.count("<rect") >= 5
    # The hostile name is text inside a cell, and no script element exists at all.
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in dom
    assert re.search(r"<script\b", dom) is None
