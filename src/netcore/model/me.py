"""Who "me" is: the owner of a network, never a contact, never scored."""

from __future__ import annotations

import unicodedata

from pydantic import field_validator

from netcore.model._validate import single_line
from netcore.model.values import Email, Record

__all__ = ["Me"]


def _clean(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    out = []
    for v in values:
        text = single_line(v, what).strip()
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _name_key(name: str) -> str:
    """How my names compare: Unicode NFC, case-folded, runs of spaces as one."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class Me(Record):
    """The owner of a network: their email addresses, phone numbers and names.

    Me is never a contact: ``Network.add_events`` never links or creates me, and scoring
    never ranks, suggests or follows up a contact that is me (one of my emails or
    phones). An attendee without an email is me when their name is one of mine, compared
    in Unicode NFC, case-insensitively and with runs of spaces as one ("José  NÚÑEZ" in
    decomposed form is "José Núñez"). Emails compare case-insensitively.

    Examples:
        >>> me = Me(emails=("Sam@Example.org",), names=("Sam Carter",))
        >>> me.has_email("sam@example.ORG"), me.has_name("Sam Carter")
        (True, True)
    """

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @field_validator("emails", "phones", "names")
    @classmethod
    def _one_line_each(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _clean(value, "an email, phone or name of me")

    @classmethod
    def from_emails(cls, text: str) -> Me:
        """Me from comma-separated emails, as ``NETCORE_ME`` and ``--me`` give them.

        Examples:
            >>> Me.from_emails("sam@example.org, sam@home.example").emails
            ('sam@example.org', 'sam@home.example')
        """
        return cls(emails=tuple(p.strip() for p in text.split(",") if p.strip()))

    def has_email(self, email: str | None) -> bool:
        """True when ``email`` is one of mine (case-insensitive)."""
        if not email:
            return False
        key = Email.normalize(email)
        return any(key == Email.normalize(e) for e in self.emails)

    def has_name(self, name: str | None) -> bool:
        """True when ``name`` is one of my names (NFC, case and spacing ignored)."""
        if not name:
            return False
        key = _name_key(name)
        return bool(key) and any(key == _name_key(n) for n in self.names)

    def __bool__(self) -> bool:
        return bool(self.emails or self.phones or self.names)
