"""contactlint: find what in contact data identifies a person, and suggest role addresses.

from linter import Contact, Linter
result = Linter().lint(Contact("anna.svensson@kvarnbo.se", purpose=Purpose.BILLING))
"""

from linter.engine import Linter
from linter.model import Contact, Field, Finding, LintResult, Purpose, Severity, Suggestion, Verdict

__all__ = [
    "Contact", "Field", "Finding", "LintResult", "Linter", "Purpose", "Severity", "Suggestion",
    "Verdict",
]  # fmt: skip
