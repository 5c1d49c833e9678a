"""The register of processing is derived from the models' declarations."""

from __future__ import annotations

from accountsvc.storage.models import Base
from accountsvc.storage.personal_data import (
    LegalBasis,
    PersonalData,
    Retention,
    register_of_processing,
)


def register() -> dict[tuple[str, str], PersonalData]:
    return {(e.table, e.column): e.declaration for e in register_of_processing(Base.metadata)}


def test_every_personal_field_of_design_md_is_declared() -> None:
    assert set(register()) == {
        ("accounts", "master_email"),
        ("accounts", "master_name"),
        ("billing_info", "email"),
        ("billing_info", "contact_name"),
        ("billing_info", "address_lines"),
        ("technical_contacts", "email"),
        ("technical_contacts", "display_name"),
    }


def test_billing_fields_are_kept_for_bookkeeping() -> None:
    declaration = register()[("billing_info", "email")]
    assert declaration.retention is Retention.BOOKKEEPING_SEVEN_YEARS
    assert LegalBasis.LEGAL_OBLIGATION in declaration.legal_basis


def test_ids_and_timestamps_are_not_personal() -> None:
    assert not {column for (_table, column) in register()} & {"id", "account_id", "etag"}
