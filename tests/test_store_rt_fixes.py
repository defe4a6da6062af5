"""Store-level regression tests for red-team findings (RT-store-N) fixed in the store."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from netcore import Contact
from netcore.store import Store


def test_set_cadence_out_of_range_is_refused_and_nothing_is_written() -> None:
    with Store.open(":memory:") as store:
        store.add_contacts([Contact(uid="ada", formatted_name="Ada")])
        with pytest.raises(ValidationError):
            store.set_cadence("ada", 99_999_999_999)
        assert store.contact("ada").cadence_days is None
        assert store.load().contact("ada").formatted_name == "Ada"
