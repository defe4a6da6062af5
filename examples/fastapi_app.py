"""A small FastAPI app that serves contacts and their relationship health.

netcore's records and scoring results are frozen pydantic models, so FastAPI validates,
serialises and documents them as they are: the endpoints return ``Contact``,
``scoring.Health``, ``scoring.DueList``, ``scoring.Balance`` and ``scoring.FollowUp``
directly. FastAPI is not a dependency of netcore: install it to run this example.

Run: pip install fastapi uvicorn && uvicorn examples.fastapi_app:app
     (or python examples/fastapi_app.py, which calls the API once in-process and prints it)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query

from netcore import Contact, Network, NotFoundError, io, scoring

DATA = Path(__file__).resolve().parent / "data"
AS_OF = date(2026, 11, 27)  # the sample data's day; a real app would pass date.today()


def load_network(folder: Path = DATA) -> Network:
    """The sample network (a real app would open its store)."""
    return io.build_network([folder]).network


def create_app(net: Network, as_of: date = AS_OF) -> FastAPI:
    """The API over one network, scored as of ``as_of``; a negative ``limit`` is a 422."""
    api = FastAPI(title="netcore example", version="1")

    def known(uid: str) -> str:
        if uid not in net:
            raise HTTPException(status_code=404, detail=f"no contact with uid {uid!r}")
        return uid

    @api.get("/contacts")
    def list_contacts() -> list[Contact]:
        return list(net.contacts.values())

    @api.get("/contacts/{uid}")
    def get_contact(uid: str) -> Contact:
        try:
            return net.contact(uid)
        except NotFoundError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None

    @api.get("/health")
    def health(limit: Annotated[int, Query(ge=0)] = 10) -> list[scoring.Health]:
        return scoring.rank(net, as_of=as_of)[:limit]

    @api.get("/health/{uid}")
    def health_of(uid: str) -> scoring.Health:
        return scoring.health(net, known(uid), as_of=as_of)

    @api.get("/due")
    def due(limit: Annotated[int | None, Query(ge=0)] = None) -> scoring.DueList:
        return scoring.due(net, as_of=as_of, limit=limit)

    @api.get("/balance/{uid}")
    def balance(uid: str) -> scoring.Balance:
        return scoring.balance(net, known(uid), as_of=as_of)

    @api.get("/events/{event_uid}/follow-ups")
    def follow_ups(event_uid: str) -> list[scoring.FollowUp]:
        try:
            return scoring.follow_ups(net, event_uid, as_of=as_of)
        except NotFoundError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None

    return api


app = create_app(load_network())


if __name__ == "__main__":
    from fastapi.testclient import TestClient

    client = TestClient(app)
    top = client.get("/health", params={"limit": 3}).json()
    for row in top:
        print(f"{row['score']:5.1f} {row['status']:<9} {row['uid']}: {row['reasons'][0]}")
    first = client.get(f"/contacts/{top[0]['uid']}").json()
    print(f"GET /contacts/{{uid}} -> {first['formatted_name']} <{first['emails'][0]['address']}>")
    print(f"GET /contacts/nobody -> {client.get('/contacts/nobody').status_code}")
    due = client.get("/due", params={"limit": 3}).json()
    print(f"GET /due -> {len(due['nudges'])} suggestions, {len(due['held_back'])} held back")
