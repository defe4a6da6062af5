"""A small FastAPI app that serves contacts and their relationship health.

netcore's records are pydantic models, so FastAPI validates and documents them as they
are. FastAPI is not a dependency of netcore: install it to run this example.

Run: pip install fastapi uvicorn && uvicorn examples.fastapi_app:app
     (or python examples/fastapi_app.py, which calls the API once in-process and prints it)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from netcore import Contact, Network, NotFoundError, io, scoring

DATA = Path(__file__).resolve().parent / "data"
AS_OF = date(2026, 11, 27)  # the sample data's day; a real app would pass date.today()


class HealthOut(BaseModel):
    """One contact's health, as the API returns it."""

    uid: str
    name: str
    score: float
    status: str
    reasons: list[str]


def load_network(folder: Path = DATA) -> Network:
    return io.build_network([folder]).network


def create_app(net: Network, as_of: date = AS_OF) -> FastAPI:
    api = FastAPI(title="netcore example", version="1")

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
    def health(limit: int = 10) -> list[HealthOut]:
        return [
            HealthOut(
                uid=h.uid,
                name=net.contact(h.uid).display_name,
                score=round(h.score, 1),
                status=h.status.value,
                reasons=list(h.reasons),
            )
            for h in scoring.rank(net, as_of=as_of)[:limit]
        ]

    return api


app = create_app(load_network())


if __name__ == "__main__":
    from fastapi.testclient import TestClient

    client = TestClient(app)
    top = client.get("/health", params={"limit": 3}).json()
    for row in top:
        print(f"{row['score']:5.1f} {row['status']:<9} {row['name']}")
    first = client.get(f"/contacts/{top[0]['uid']}").json()
    print(f"GET /contacts/{{uid}} -> {first['formatted_name']} <{first['emails'][0]['address']}>")
    print(f"GET /contacts/nobody -> {client.get('/contacts/nobody').status_code}")
