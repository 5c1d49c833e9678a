"""The values that flow through the linter."""

from __future__ import annotations

import pytest

from linter.model import Field, Finding, LintResult, Severity, Suggestion, Verdict, new_tuple


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(
            Finding("E002", Field.EMAIL, Severity.WARNING, "the part before the @ ...", (0, 13)),
            id="finding",
        ),
        pytest.param(Suggestion("ekonomi@kvarnbo.se", "a billing address", None), id="suggestion"),
        pytest.param(LintResult(Verdict.ROLE, (), ()), id="result"),
    ],
)
def test_new_tuple_builds_what_the_class_builds(value: tuple[object, ...]) -> None:
    built = new_tuple(type(value), tuple(value))

    assert type(built) is type(value)
    assert built == value
    assert built._asdict() == value._asdict()  # type: ignore[attr-defined]
