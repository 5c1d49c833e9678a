"""What every rule is: a stable code, a name, a one-line summary, a doc with examples.

A rule reads `ContactFacts` and returns its findings; it never parses anything itself.
Rules return sequences (usually empty) rather than generators: they run for every record
of a bulk audit, and a tuple costs less than a generator frame.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from linter.facts import ContactFacts, FactFinder
from linter.model import Field, Finding, Severity, Span, new_tuple


class Rule(ABC):
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING

    def __init__(self, finder: FactFinder) -> None:
        """A rule that needs a shared reader (person names, word lists) takes it here."""
        self.finder = finder

    @classmethod
    def doc(cls) -> str:
        """The rule's docstring: what it finds, why it matters, a bad and a good example."""
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(self, field: Field, message: str, span: Span | None = None) -> Finding:
        return new_tuple(Finding, (self.code, field, self.severity, message, span))

    @abstractmethod
    def check(self, facts: ContactFacts) -> Sequence[Finding]: ...
