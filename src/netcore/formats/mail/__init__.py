r"""Email headers in, interactions out: mbox, Maildir, ``.eml`` and folders of them.

Only headers are read (``From``, ``To``, ``Cc``, ``Bcc``, ``Date``, ``Subject``,
``Message-ID``, ``In-Reply-To``, ``References`` and the list/bulk/automatic signals);
bodies are skipped and never stored or logged. The rules that turn messages into
interactions are tabled in ``docs/mail.md``.

Examples:
    >>> import io
    >>> from netcore.formats import mail
    >>> raw = (b"From: me@example.com\nTo: Ada <ada@example.org>\nMessage-ID: <1@x>\n"
    ...        b"Date: Mon, 2 Nov 2026 10:00:00 +0000\n\n")
    >>> r = mail.read_interactions(io.BytesIO(raw), me_emails=["me@example.com"],
    ...                            contacts_lookup={"ada@example.org": "ada"}.get)
    >>> [(i.direction.value, i.replied) for i in r.interactions]
    [('outbound', False)]
"""

from netcore.formats.mail._map import (
    REPLY_WINDOW_DAYS,
    Answer,
    MailRead,
    Missing,
    address_key,
    answered_ids,
    interaction_id,
    log_into,
    lookup_in,
    read_interactions,
)
from netcore.formats.mail._read import (
    HEADER_LIMIT,
    MailHeaders,
    iter_headers,
    looks_like_mail,
    looks_like_mail_head,
    read_headers,
)
from netcore.formats.mail._rules import (
    BULK_RECIPIENTS,
    automatic_reason,
    group_factor,
    is_no_reply,
)

__all__ = [
    "BULK_RECIPIENTS",
    "HEADER_LIMIT",
    "REPLY_WINDOW_DAYS",
    "Answer",
    "MailHeaders",
    "MailRead",
    "Missing",
    "address_key",
    "answered_ids",
    "automatic_reason",
    "group_factor",
    "interaction_id",
    "is_no_reply",
    "iter_headers",
    "log_into",
    "looks_like_mail",
    "looks_like_mail_head",
    "lookup_in",
    "read_headers",
    "read_interactions",
]
