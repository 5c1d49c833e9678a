"""`text`: diagnostics for a person at a terminal, in the manner of a compiler.

    id 42, row 3: personal
      email: warning[CL101]: the local part is a person's name
        åsa.ström@kvarnbo.se
        ^^^^^^^^^
      suggestion: ekonomi@kvarnbo.se (billing address in Swedish) (verified)

Records without findings print nothing, so an audit of many contacts shows only what
needs attention, then the totals. Every value in the report comes from the input and may
be hostile: control characters, terminal escape sequences and invisible format characters
(bidirectional overrides, zero-width spaces) are printed as escapes such as `\\x1b` and
`\\u202e`, never passed to the terminal.
"""

from __future__ import annotations

import unicodedata

from linter.formats import AuditItem, Summary
from linter.model import Contact, Field, Finding, LintResult, Severity, Span, Suggestion, Verdict

# A longer line is shown as a window around the span, with `…` where it was cut.
MAX_LINE_WIDTH = 120
# How many columns the window shows before the span, when the line is cut.
CONTEXT_WIDTH = 40

# Categories whose characters are escaped: controls, format characters (bidi overrides,
# zero-width spaces), lone surrogates, private-use and unassigned code points, and the
# line and paragraph separators. Spaces (Zs) stay as they are.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_STYLES = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_VERIFICATION_NOTES = {
    True: " (verified)",
    False: " (not verified: domain does not accept mail)",
    None: "",
}


def escaped(char: str) -> str:
    """`char` as a visible escape: `\\x1b`, `\\u202e`, `\\t`."""
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def glyph(char: str) -> tuple[str, int]:
    """What to print for `char`, and how many terminal columns it takes."""
    if unicodedata.category(char) in _ESCAPED_CATEGORIES:
        shown = escaped(char)
        return shown, len(shown)
    if unicodedata.combining(char):
        return char, 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return char, 2
    return char, 1


def safe_text(text: str) -> str:
    """`text` with every character that could act on a terminal made visible."""
    if text.isprintable():
        return text
    return "".join(glyph(char)[0] for char in text)


def field_value(contact: Contact, field: Field) -> str:
    """The value of the contact field a finding is about; empty if there is none."""
    match field:
        case Field.EMAIL:
            return contact.email
        case Field.NAME:
            return contact.name
        case Field.ADDRESS:
            return contact.address
        case Field.DOMAIN:
            return contact.domain
        case Field.PURPOSE:
            return contact.purpose.value if contact.purpose is not None else ""


def _window(widths: list[int], focus: int) -> tuple[int, int]:
    """The glyphs to show of a line, `[first, last)`, as wide as allowed, with `focus` in."""
    if sum(widths) <= MAX_LINE_WIDTH:
        return 0, len(widths)
    budget = MAX_LINE_WIDTH - 2  # room for an ellipsis at each end
    first, used = focus, 0
    while first > 0 and used + widths[first - 1] <= CONTEXT_WIDTH:
        first -= 1
        used += widths[first]
    last = focus
    while last < len(widths) and used + widths[last] <= budget:
        used += widths[last]
        last += 1
    # Near the end of the line, spend what is left of the budget on the left.
    while first > 0 and used + widths[first - 1] <= budget:
        first -= 1
        used += widths[first]
    return first, last


def _line_around(value: str, position: int) -> tuple[int, int]:
    """Where the line holding `position` starts and ends, without its line break."""
    start = value.rfind("\n", 0, position) + 1
    newline = value.find("\n", position)
    end = len(value) if newline < 0 else newline
    if end > start and value[end - 1] == "\r":
        end -= 1
    return start, end


def excerpt(value: str, span: Span | None, multiline: bool = False) -> tuple[str, int, int] | None:
    """The part of `value` to print for a finding, and where its carets go.

    Returns the printable line, the column where the carets start and how many there are,
    or None for an empty value. A span of None covers the whole value. In a `multiline`
    value (a postal address) the line holding the start of the span is shown.
    """
    if not value:
        return None
    if span is None:
        start, end = 0, len(value)
    else:
        start = min(max(span[0], 0), len(value))
        end = min(max(span[1], start), len(value))
    line_start, line_end = _line_around(value, start) if multiline else (0, len(value))
    glyphs = [glyph(char) for char in value[line_start:line_end]]
    widths = [width for _, width in glyphs]
    start -= line_start
    end = max(min(end - line_start, len(glyphs)), start)

    first, last = _window(widths, start)
    lead = "…" if first > 0 else ""
    trail = "…" if last < len(glyphs) else ""
    shown = lead + "".join(text for text, _ in glyphs[first:last]) + trail
    column = len(lead) + sum(widths[first:start])
    carets = max(sum(widths[start : min(end, last)]), 1)
    return shown, column, carets


class TextReport:
    """Compiler-style diagnostics; with `color`, ANSI colours for a terminal."""

    separator = b""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def header(self) -> bytes:
        return b""

    def record(self, item: AuditItem) -> bytes:
        if item.result is None:
            lines = [self._error_line(item)]
        elif item.result.findings or item.result.verdict is Verdict.INVALID:
            lines = self._result_lines(item, item.result)
        else:
            return b""
        # A blank line after each record, so records read apart whatever the writer does.
        return ("\n".join(lines) + "\n\n").encode()

    def footer(self, summary: Summary) -> bytes:
        verdicts = ", ".join(f"{summary.verdicts[verdict.value]} {verdict}" for verdict in Verdict)
        ranked = sorted(summary.rules.items(), key=lambda rule: (-rule[1], rule[0]))
        findings = ", ".join(f"{safe_text(code)} {count}" for code, count in ranked) or "none"
        lines = [
            f"records read     {summary.records}",
            f"unreadable rows  {summary.errors}",
            f"verdicts         {verdicts}",
            f"findings         {findings}",
            self._paint(_conclusion(summary), _BOLD),
        ]
        return ("\n".join(lines) + "\n").encode()

    def _error_line(self, item: AuditItem) -> str:
        label = self._paint("error", _SEVERITY_STYLES[Severity.ERROR])
        return f"row {item.row}: {label}: {safe_text(item.error or 'unreadable record')}"

    def _result_lines(self, item: AuditItem, result: LintResult) -> list[str]:
        name = (
            f"row {item.row}" if item.record_id is None else f"id {item.record_id}, row {item.row}"
        )
        lines = [f"{self._paint(safe_text(name), _BOLD)}: {result.verdict}"]
        for finding in result.findings:
            lines.extend(self._finding_lines(item.contact, finding))
        lines.extend(_suggestion_line(suggestion) for suggestion in result.suggestions)
        return lines

    def _finding_lines(self, contact: Contact | None, finding: Finding) -> list[str]:
        style = _SEVERITY_STYLES[finding.severity]
        label = self._paint(f"{finding.severity}[{safe_text(finding.rule)}]", style)
        lines = [f"  {finding.field}: {label}: {safe_text(finding.message)}"]
        value = field_value(contact, finding.field) if contact is not None else ""
        shown = excerpt(value, finding.span, multiline=finding.field is Field.ADDRESS)
        if shown is not None:
            text, column, carets = shown
            lines.append(f"    {text}")
            lines.append("    " + " " * column + self._paint("^" * carets, style))
        return lines

    def _paint(self, text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if self.color else text


def _suggestion_line(suggestion: Suggestion) -> str:
    reason = f" ({safe_text(suggestion.reason)})" if suggestion.reason else ""
    verified = _VERIFICATION_NOTES[suggestion.verified]
    return f"  suggestion: {safe_text(suggestion.email)}{reason}{verified}"


def _conclusion(summary: Summary) -> str:
    """`3 of 10 addresses identify a person; each could be a role address.`"""
    checked = summary.records - summary.errors
    personal = summary.personal
    noun = "address" if checked == 1 else "addresses"
    verb = "identifies" if personal == 1 else "identify"
    sentence = f"{personal} of {checked} {noun} {verb} a person"
    if personal == 0:
        return sentence + "."
    pronoun = "it" if personal == 1 else "each"
    return f"{sentence}; {pronoun} could be a role address."
