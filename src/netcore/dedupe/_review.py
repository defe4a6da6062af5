"""What a reviewer sees of a pair: the two records field by field."""

from __future__ import annotations

from netcore.model import Contact

__all__ = ["side_by_side"]


def _fields(c: Contact) -> dict[str, str]:
    orgs = [" / ".join(x for x in (o.name, o.title or "") if x) for o in c.organizations]
    return {
        "uid": c.uid,
        "name": c.display_name,
        "emails": ", ".join(e.address for e in c.emails),
        "phones": ", ".join(p.number for p in c.phones),
        "organizations": "; ".join(orgs),
        "profiles": ", ".join(u.value for u in (*c.social_profiles, *c.urls)),
        "birthday": str(c.birthday) if c.birthday is not None else "",
        "source": c.source or "",
    }


def side_by_side(keep: Contact, drop: Contact) -> list[tuple[str, str, str]]:
    """Rows ``(field, keep's value, drop's value)`` for the fields either one has.

    Examples:
        >>> from netcore.model import Contact
        >>> side_by_side(Contact(uid="1", formatted_name="Ada"),
        ...              Contact(uid="2", formatted_name="Ada L.", source="phone"))
        [('uid', '1', '2'), ('name', 'Ada', 'Ada L.'), ('source', '', 'phone')]
    """
    left, right = _fields(keep), _fields(drop)
    return [(k, left[k], right[k]) for k in left if left[k] or right[k]]
