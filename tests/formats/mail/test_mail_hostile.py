"""Mail headers the standard library's address parser cannot take (found by tools/fuzz.py)."""

import io

from _complexity import assert_linear
from netcore.formats.mail import iter_headers


def test_an_address_list_of_many_groups_does_not_recurse_out():
    # email.utils.getaddresses recurses once per ':' (group syntax): 5,000 overflow it.
    to = b"x:" * 5000 + b" <p@x.org>"
    msg = b"From: A <a@x.org>\nTo: " + to + b"\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhi\n"
    heads = list(iter_headers(io.BytesIO(msg)))
    assert len(heads) == 1
    assert [a for _, a in heads[0].to] == ["p@x.org"]


def _groups(n: int) -> bytes:
    to = b"g:" * n + b" <p@x.org>, " + b", ".join(b"<q%d@x.org>" % i for i in range(n))
    return b"From: A <a@x.org>\nTo: " + to + b"\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhi\n"


def test_reading_many_groups_and_recipients_is_linear():
    assert_linear(
        _groups,
        lambda data: list(iter_headers(io.BytesIO(data))),  # type: ignore[arg-type]
        small=300,
        what="mail address list with n groups and n recipients",
    )


def _maildir(tmp_path):
    box = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1").write_bytes(
        b"From: Ada <ada@example.org>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nbody\n"
    )
    return box


def test_a_maildir_skips_pipes_devices_and_dangling_links_with_an_issue_each(tmp_path):
    import os

    from netcore.formats.mail import read_headers

    box = _maildir(tmp_path)
    os.mkfifo(box / "cur" / "2:2,S")
    (box / "cur" / "3:2,S").symlink_to("/dev/zero")
    (box / "cur" / "4:2,S").symlink_to(tmp_path / "gone")
    (box / "cur" / ".hidden").write_bytes(b"From: x@y.org\n\n")
    read = read_headers(box)
    assert [h.sender for h in read] == [("Ada", "ada@example.org")]
    skipped = sorted(i.message for i in read.issues)
    assert len(skipped) == 3, skipped
    assert skipped[0].endswith("/2: is not a regular file (a pipe, a device?); skipped")
    assert skipped[1].endswith("/3: is not a regular file (a pipe, a device?); skipped")
    assert "/4: cannot be read" in skipped[2]


def test_a_maildir_message_over_the_input_limit_is_skipped(tmp_path, monkeypatch):
    from netcore.formats.mail import read_headers

    monkeypatch.setenv("NETCORE_MAX_INPUT_BYTES", "1000")
    box = _maildir(tmp_path)
    (box / "cur" / "2:2,S").write_bytes(b"From: Bo <bo@example.org>\n" + b"X-Pad: y\n" * 200)
    read = read_headers(box)
    assert [h.sender for h in read] == [("Ada", "ada@example.org")]
    assert [i.message for i in read.issues] == [
        f"{box / 'cur' / '2:2,S'}: input of 1,826 bytes is larger than the limit"
        " of 1,000 bytes (set NETCORE_MAX_INPUT_BYTES to read larger files); skipped"
    ]
