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
