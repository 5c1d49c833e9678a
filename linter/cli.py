"""`contactlint`: the command line. A thin edge over the linter, the readers and reports.

Exit status: 0 no findings, 1 findings (or unreadable records), 2 usage error or
unreadable input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import orjson

from linter.audit import Batch, Job, Progress, RowReader, batched, default_jobs, run_audit
from linter.config import (
    ConfigError,
    LintConfig,
    check_rule_prefixes,
    find_config_file,
    read_config_file,
)
from linter.engine import Linter
from linter.formats import Report, Summary
from linter.formats.csv import CsvReport
from linter.formats.json import JsonReport
from linter.formats.jsonl import JsonLinesReport
from linter.formats.sarif import SarifReport
from linter.formats.text import TextReport
from linter.known_checks import DirectAnswers, KnownChecks
from linter.model import Purpose
from linter.records import InputError, csv_rows, input_kind, json_blocks, open_input
from linter.rules import RULES

if TYPE_CHECKING:
    from linter.verification import DomainVerifier

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
NAMESERVER_VARIABLE = "CONTACTLINT_NAMESERVER"
FORMATS = ("text", "json", "jsonl", "csv", "sarif")

CHECK_EXAMPLES = """examples:
  contactlint check anna.svensson@kvarnbo.se --purpose billing
  contactlint check ekonomi@kvarnbo.se --name "Anna Svensson" --format json
  contactlint check lars1972@hotmail.se --domain kvarnbo.se --purpose technical
"""
AUDIT_EXAMPLES = """examples:
  contactlint audit contacts.csv
  contactlint audit contacts.jsonl --offline --format jsonl > findings.jsonl
  contactlint export ... | contactlint audit - --format sarif > audit.sarif

A CSV file needs a header row with an 'email' column; 'id', 'name', 'purpose',
'address' and 'domain' are read when present. A JSONL line is an object with the same
keys. A row that cannot be read becomes an error record with its row number.
"""
RULES_EXAMPLES = """examples:
  contactlint rules
  contactlint rules E002
  contactlint rules --format json
"""


class UsageError(Exception):
    """A bad flag value or configuration (exit status 2)."""


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument("--config", type=Path, help="configuration file (default: nearest "
                        "contactlint.toml or pyproject.toml [tool.contactlint])")  # fmt: skip
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--select", help="rule codes or prefixes to run, comma-separated")
    parser.add_argument("--ignore", help="rule codes or prefixes to skip, comma-separated")
    parser.add_argument("--role-word", action="append", default=[], metavar="WORD",
                        help="an extra role word (repeatable)")  # fmt: skip
    parser.add_argument("--allow-domain", action="append", default=[], metavar="DOMAIN",
                        help="a domain to treat as the company's own (repeatable)")  # fmt: skip
    dns = parser.add_argument_group("DNS verification (on unless --offline)")
    dns.add_argument("--offline", action="store_true", help="make no DNS look-ups at all")
    dns.add_argument("--nameserver", action="append", default=[], metavar="HOST[:PORT]",
                     help="ask this server (repeatable; default: $CONTACTLINT_NAMESERVER, "
                     "else the system's resolver configuration)")  # fmt: skip
    dns.add_argument("--dns-timeout", type=float, default=2.0, metavar="SECONDS",
                     help="time for one try of one look-up (default 2)")  # fmt: skip
    dns.add_argument("--dns-retries", type=int, default=1, metavar="N",
                     help="tries after the first (default 1)")  # fmt: skip
    dns.add_argument("--dns-concurrency", type=int, default=64, metavar="N",
                     help="look-ups in flight at once (default 64)")  # fmt: skip
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour in the text format")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contactlint",
        description="Find what in contact data identifies a person, and suggest role "
        "addresses at the customer's own domain.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="lint one contact", epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    check.add_argument("email", help="the e-mail address")
    check.add_argument("--name", default="", help="the contact's name")
    check.add_argument("--purpose", choices=[p.value for p in Purpose], help="what it is for")
    check.add_argument("--address", default="", help="the postal address")
    check.add_argument("--domain", default="", help="the customer's own domain")
    check.add_argument("--id", default="1", help="the record id to report (default 1)")
    _common_options(check)

    audit = commands.add_parser(
        "audit", help="lint every contact in a CSV or JSONL file", epilog=AUDIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    audit.add_argument("input", help="a .csv or .jsonl file, or - for JSONL on standard input")
    audit.add_argument("--input-format", choices=("csv", "jsonl"), help="override the suffix")
    audit.add_argument("--jobs", type=int, default=0, help="worker processes (default: cores)")
    audit.add_argument("--no-progress", action="store_true", help="no progress line on stderr")
    _common_options(audit)

    rules = commands.add_parser(
        "rules", help="list the rules, or explain one", epilog=RULES_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    rules.add_argument("code", nargs="?", help="a rule code to explain")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().upper() for v in (value or "").split(",") if v.strip())


def load_config(args: argparse.Namespace) -> LintConfig:
    config = LintConfig()
    if not args.isolated:
        path = args.config or find_config_file(Path.cwd())
        if path is not None:
            config = read_config_file(path)
    select, ignore = _split(args.select), _split(args.ignore)
    codes = [rule.code for rule in RULES]
    check_rule_prefixes(select, codes, "--select")
    check_rule_prefixes(ignore, codes, "--ignore")
    return config.with_overrides(
        select=select,
        ignore=ignore,
        role_words=config.role_words + tuple(args.role_word),
        allowed_domains=config.allowed_domains | {d.lower() for d in args.allow_domain},
    )


def make_verifier(args: argparse.Namespace) -> DomainVerifier | None:
    """The run's DNS verifier, or None with --offline."""
    if args.offline:
        return None
    # Imported here: an --offline run has no use for the DNS library.
    from linter.verification import DomainVerifier, ResolverSettings, parse_nameserver

    if args.dns_timeout <= 0 or args.dns_retries < 0 or args.dns_concurrency < 1:
        raise UsageError(
            "--dns-timeout must be above 0, --dns-retries 0 or more, --dns-concurrency 1 or more"
        )
    given = args.nameserver or os.environ.get(NAMESERVER_VARIABLE, "").replace(",", " ").split()
    try:
        nameservers = tuple(parse_nameserver(text) for text in given)
    except ValueError as error:
        source = "--nameserver" if args.nameserver else NAMESERVER_VARIABLE
        raise UsageError(f"{source}: {error}") from None
    settings = ResolverSettings(
        nameservers, args.dns_timeout, args.dns_retries, args.dns_concurrency
    )
    return DomainVerifier(settings, on_unreachable=_warn)


def _warn(message: str) -> None:
    sys.stderr.write(f"contactlint: {message}\n")
    sys.stderr.flush()


def make_report(args: argparse.Namespace, out: BinaryIO) -> Report:
    name = args.format
    if name == "text":
        color = args.color == "always" or (args.color == "auto" and out.isatty())
        return TextReport(color=color)
    if name == "json":
        return JsonReport()
    if name == "jsonl":
        return JsonLinesReport()
    if name == "csv":
        return CsvReport()
    input_name = getattr(args, "input", None)
    return SarifReport(rules=RULES, input_uri=None if input_name in (None, "-") else input_name)


def _exit_status(summary: Summary) -> int:
    return EXIT_FINDINGS if summary.findings or summary.errors else EXIT_CLEAN


def command_check(args: argparse.Namespace, out: BinaryIO) -> int:
    line = orjson.dumps({
        "id": args.id, "email": args.email, "name": args.name, "purpose": args.purpose,
        "address": args.address, "domain": args.domain,
    })  # fmt: skip
    # One contact, one object: `json` prints the contract's object, not an array of one.
    report = JsonLinesReport() if args.format == "json" else make_report(args, out)
    linter = Linter(load_config(args))
    job = Job(linter, report, RowReader())
    verifier = make_verifier(args)
    known = None if verifier is None else KnownChecks(DirectAnswers(verifier))
    text, summary = job.run([(1, line)], known)
    out.write(report.header() + text)
    if args.format == "text":
        if not text:
            verdict = next(iter(summary.verdicts), "unknown")
            out.write(f"{args.email}: {verdict}, no findings\n".encode())
    else:
        out.write(report.footer(summary))
    return _exit_status(summary)


def command_audit(args: argparse.Namespace, out: BinaryIO) -> int:
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    linter = Linter(load_config(args))
    kind = input_kind(args.input, args.input_format)
    stream = open_input(args.input)
    with stream:
        batches: Iterator[Batch]
        if kind == "csv":
            columns, rows = csv_rows(stream)
            batches, reader = batched(rows), RowReader(columns)
        else:
            batches, reader = json_blocks(stream), RowReader()
        show = sys.stderr.isatty() and not args.no_progress
        summary = run_audit(
            Job(linter, make_report(args, out), reader),
            batches,
            out,
            jobs=args.jobs or default_jobs(),
            progress=Progress(sys.stderr if show else None),
            verifier=make_verifier(args),
        )
    return _exit_status(summary)


def command_rules(args: argparse.Namespace, out: BinaryIO) -> int:
    rules = RULES
    if args.code:
        rules = tuple(r for r in RULES if r.code == args.code.upper())
        if not rules:
            raise UsageError(f"no rule {args.code}; `contactlint rules` lists them")
    if args.format == "json":
        out.write(orjson.dumps([
            {"code": r.code, "name": r.name, "summary": r.summary,
             "severity": r.severity.value, "doc": r.doc()} for r in rules
        ], option=orjson.OPT_INDENT_2) + b"\n")  # fmt: skip
        return EXIT_CLEAN
    if args.code:
        rule = rules[0]
        text = f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.doc()}\n"
    else:
        text = "".join(f"{r.code}  {r.name:<30} {r.summary}\n" for r in rules)
    out.write(text.encode())
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout.buffer
    handlers = {"check": command_check, "audit": command_audit, "rules": command_rules}
    try:
        return handlers[args.command](args, out)
    except (UsageError, ConfigError, InputError) as error:
        sys.stderr.write(f"contactlint: {error}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        sys.stderr.close()
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
