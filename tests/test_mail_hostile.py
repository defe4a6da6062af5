"""Mail headers the standard library's address parser cannot take (found by tools/fuzz.py)."""

import io

from netcore.formats.mail import iter_headers


def test_an_address_list_of_many_groups_does_not_recurse_out():
    # email.utils.getaddresses recurses once per ':' (group syntax): 5,000 overflow it.
    to = b"x:" * 5000 + b" <p@x.org>"
    msg = b"From: A <a@x.org>\nTo: " + to + b"\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n\nhi\n"
    heads = list(iter_headers(io.BytesIO(msg)))
    assert len(heads) == 1
    assert [a for _, a in heads[0].to] == ["p@x.org"]
