"""`contactlint`: the contract in DESIGN.md, run in-process and as a real process."""

from __future__ import annotations

import csv
import gc
import io
import itertools
import os
import pty
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest

from linter.cli import main
from linter.rules import RULES
from tests.support.cli import offline_unless_told

CONTACTLINT = (sys.executable, "-m", "linter.cli")
FINDING_KEYS = ["rule", "field", "severity", "message", "span"]
SUGGESTION_KEYS = ["email", "reason", "verified"]

SMALL_JSONL = (
    b'{"id": "1", "email": "anna.svensson@kvarnbo.se", "name": "Anna Svensson", "purpose": "billing"}\n'  # noqa: E501
    b'{"id": "2", "email": "ekonomi@kvarnbo.se", "purpose": "billing"}\n'
    b'{"id": "3", "email": "lars1972@hotmail.se", "domain": "kvarnbo.se"}\n'
    b'{"id": "4", "email": "not-an-address"}\n'
)
SMALL_CSV = (
    b"id,email,name,purpose,domain\n"
    b"1,anna.svensson@kvarnbo.se,Anna Svensson,billing,\n"
    b"2,ekonomi@kvarnbo.se,,billing,\n"
    b"3,lars1972@hotmail.se,,,kvarnbo.se\n"
    b"4,not-an-address,,,\n"
)
GOOD_FIRST = b'{"id": "g1", "email": "ekonomi@kvarnbo.se"}\n'
GOOD_LAST = b'{"id": "g3", "email": "drift@kvarnbo.se"}\n'


@pytest.fixture(autouse=True)
def clean_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run from an empty directory, so no configuration file is found, and give the test
    process back the collector settings that an in-process audit changes."""
    monkeypatch.chdir(tmp_path)
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def contactlint(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, bytes]:
    """Run the CLI in this process: exit status, stdout, stderr."""
    status = main(offline_unless_told(args))
    out, err = capsysbinary.readouterr()
    return status, out, err


def run(
    args: Sequence[str], *, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI as its own process, as a script would."""
    return subprocess.run(
        [*CONTACTLINT, *offline_unless_told(args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=20,
        check=False,
    )


def jsonl(out: bytes) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in out.splitlines()]


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def generated_jsonl(count: int) -> bytes:
    """`count` lines of varied records, a few of them unreadable, each with its id."""
    shapes = (
        b'{"id": "%d", "email": "anna.svensson@kvarnbo.se", "name": "Anna Svensson"}\n',
        b'{"id": "%d", "email": "ekonomi@kvarnbo.se", "purpose": "billing"}\n',
        b'{"id": "%d", "email": "lars1972@hotmail.se", "domain": "kvarnbo.se"}\n',
        b'{"id": "%d", "email": "erik.lind@bauwerk.de", "purpose": "technical"}\n',
        b'{"id": "%d", "email": "not-an-address"}\n',
        b'{"id": "%d", "email": ["list"]}\n',
    )
    return b"".join(shapes[n % len(shapes)] % n for n in range(count))


def generated_csv(count: int) -> bytes:
    shapes = (
        b"%d,anna.svensson@kvarnbo.se,Anna Svensson,\n",
        b"%d,ekonomi@kvarnbo.se,,billing\n",
        b"%d,lars1972@hotmail.se,,technical\n",
        b"%d,erik.lind@bauwerk.de,,\n",
        b"%d\n",
    )
    return b"id,email,name,purpose\n" + b"".join(shapes[n % len(shapes)] % n for n in range(count))


# --- check --------------------------------------------------------------------------------


def test_check_json_prints_one_object_in_the_contract_shape(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = contactlint(
        capsysbinary, "check", "anna.svensson@kvarnbo.se", "--format", "json"
    )
    assert status == 1
    assert out.count(b"\n") == 1
    record = orjson.loads(out)
    assert list(record) == ["id", "verdict", "findings", "suggestions"]
    assert (record["id"], record["verdict"]) == ("1", "personal")
    assert {"rule": "E002", "field": "email", "severity": "warning", "span": [0, 13]}.items() <= (
        record["findings"][0].items()
    )
    assert all(list(finding) == FINDING_KEYS for finding in record["findings"])
    assert record["suggestions"][0] == {
        "email": "ekonomi@kvarnbo.se",
        "reason": "a billing role address in Swedish at kvarnbo.se",
        "verified": None,
    }
    assert all(list(suggestion) == SUGGESTION_KEYS for suggestion in record["suggestions"])


def test_check_span_counts_code_points(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _, out, _ = contactlint(capsysbinary, "check", "åsa.ström@kvarnbo.se", "--format", "json")
    assert orjson.loads(out)["findings"][0]["span"] == [0, 9]


def test_check_role_address_has_no_findings_and_exits_0(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = contactlint(capsysbinary, "check", "ekonomi@kvarnbo.se", "--format", "json")
    assert status == 0
    assert orjson.loads(out) == {"id": "1", "verdict": "role", "findings": [], "suggestions": []}


def test_check_reports_the_given_id_and_purpose(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    given = ["--id", "42", "--purpose", "technical", "--format", "json"]
    _, out, _ = contactlint(capsysbinary, "check", "anna.svensson@kvarnbo.se", *given)
    record = orjson.loads(out)
    assert record["id"] == "42"
    assert record["suggestions"][0]["email"] == "drift@kvarnbo.se"


@pytest.mark.parametrize(
    "email",
    ["anna.svensson@kvarnbo.se", "lars1972@hotmail.se", "åsa.ström@kvarnbo.se"],
    ids=["first-dot-last", "free-mail", "nordic-letters"],
)
def test_check_text_puts_carets_under_each_span(
    capsysbinary: pytest.CaptureFixture[bytes], email: str
) -> None:
    _, out, _ = contactlint(capsysbinary, "check", email, "--format", "json")
    spans = sorted(tuple(f["span"]) for f in orjson.loads(out)["findings"])
    status, out, _ = contactlint(capsysbinary, "check", email, "--color", "never")
    lines = out.decode().splitlines()
    underlined = sorted(
        (below.index("^") - 4, below.index("^") - 4 + below.count("^"))
        for line, below in itertools.pairwise(lines)
        if line == f"    {email}"
    )
    assert status == 1
    assert spans
    assert underlined == spans


def test_check_unknown_purpose_is_a_usage_error(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "ekonomi@kvarnbo.se", "--purpose", "marketing"])
    assert exit_.value.code == 2
    assert b"invalid choice: 'marketing'" in capsysbinary.readouterr().err


# --- audit: one object per record, in input order -----------------------------------------


def test_audit_jsonl_gives_one_object_per_record_in_input_order(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.jsonl", SMALL_JSONL)
    status, out, err = contactlint(capsysbinary, "audit", path, "--format", "jsonl", "--offline")
    records = jsonl(out)
    assert status == 1
    assert err == b""
    assert [(r["id"], r["verdict"]) for r in records] == [
        ("1", "personal"),
        ("2", "role"),
        ("3", "personal"),
        ("4", "invalid"),
    ]
    assert all(list(r) == ["id", "verdict", "findings", "suggestions"] for r in records)


def test_audit_csv_reports_as_the_same_records_in_jsonl_do(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    csv_path = write(tmp_path / "contacts.csv", SMALL_CSV)
    jsonl_path = write(tmp_path / "contacts.jsonl", SMALL_JSONL)
    _, from_csv, _ = contactlint(capsysbinary, "audit", csv_path, "--format", "jsonl")
    _, from_jsonl, _ = contactlint(capsysbinary, "audit", jsonl_path, "--format", "jsonl")
    assert [r["id"] for r in jsonl(from_csv)] == ["1", "2", "3", "4"]
    assert from_csv == from_jsonl


def test_audit_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    from_stdin = run(
        ["audit", "-", "--format", "jsonl", "--offline"], stdin=SMALL_JSONL, cwd=tmp_path
    )
    from_file = run(
        ["audit", write(tmp_path / "contacts.jsonl", SMALL_JSONL), "--format", "jsonl"],
        cwd=tmp_path,
    )
    assert from_stdin.returncode == 1
    assert from_stdin.stderr == b""
    assert [r["id"] for r in jsonl(from_stdin.stdout)] == ["1", "2", "3", "4"]
    assert from_stdin.stdout == from_file.stdout


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("contacts.jsonl", generated_jsonl(5000), id="jsonl"),
        pytest.param("contacts.csv", generated_csv(5000), id="csv"),
    ],
)
def test_audit_with_two_workers_writes_what_one_writes(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = write(tmp_path / name, data)
    one = run(["audit", path, "--format", "jsonl", "--jobs", "1"], cwd=tmp_path)
    two = run(["audit", path, "--format", "jsonl", "--jobs", "2"], cwd=tmp_path)
    assert (one.returncode, two.returncode) == (1, 1)
    assert two.stdout == one.stdout
    assert [r["id"] for r in jsonl(two.stdout) if "verdict" in r][:3] == ["0", "1", "2"]
    assert two.stdout.count(b"\n") == 5000


def test_audit_with_two_workers_keeps_input_order(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.jsonl", generated_jsonl(5000))
    result = run(["audit", path, "--format", "jsonl", "--jobs", "2"], cwd=tmp_path)
    records = jsonl(result.stdout)
    readable = [int(r["id"]) for r in records if "verdict" in r]
    unreadable = [r["row"] for r in records if "error" in r]
    assert readable == [n for n in range(5000) if n % 6 != 5]
    assert unreadable == [n + 1 for n in range(5000) if n % 6 == 5]


# --- audit: unreadable records ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(b"{not json}\n", "not valid JSON", id="invalid-json"),
        pytest.param(b'["ekonomi@kvarnbo.se"]\n', "JSON list, not an object", id="json-array"),
        pytest.param(
            b'{"id": "2", "email": ["a@kvarnbo.se"]}\n', "'email' must be a string", id="list-email"
        ),
        pytest.param(b'{"id": "2", "email": 5}\n', "'email' must be a string", id="number-email"),
        pytest.param(
            b'{"id": "2", "email": "\xe5sa@kvarnbo.se"}\n', "not valid UTF-8", id="invalid-utf8"
        ),
        pytest.param(
            b'{"id": "2", "email": "a@kvarnbo.se", "purpose": "sales"}\n',
            "unknown purpose 'sales'",
            id="unknown-purpose",
        ),
        pytest.param(b'{"id": "2"}\n', "no 'email'", id="missing-email"),
    ],
)
def test_audit_jsonl_unreadable_line_is_an_error_record_and_the_run_goes_on(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], line: bytes, message: str
) -> None:
    path = write(tmp_path / "contacts.jsonl", GOOD_FIRST + line + GOOD_LAST)
    status, out, _ = contactlint(capsysbinary, "audit", path, "--format", "jsonl")
    first, error, last = jsonl(out)
    assert status == 1
    assert (first["id"], last["id"], last["verdict"]) == ("g1", "g3", "role")
    assert error.get("row") == 2, error
    assert message in error["error"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(b"2,\xe5sa@kvarnbo.se,\n", "not valid UTF-8", id="invalid-utf8"),
        pytest.param(b"2\n", "the row has 1 cells; the e-mail is in column 2", id="too-few-cells"),
        pytest.param(b"2,a@kvarnbo.se,sales\n", "unknown purpose 'sales'", id="unknown-purpose"),
    ],
)
def test_audit_csv_unreadable_row_is_an_error_record_and_the_run_goes_on(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], row: bytes, message: str
) -> None:
    data = b"id,email,purpose\n1,ekonomi@kvarnbo.se,\n" + row + b"3,drift@kvarnbo.se,\n"
    path = write(tmp_path / "contacts.csv", data)
    status, out, _ = contactlint(capsysbinary, "audit", path, "--format", "jsonl")
    first, error, last = jsonl(out)
    assert status == 1
    assert (first["id"], last["id"], last["verdict"]) == ("1", "3", "role")
    assert error.get("row") == 3, error
    assert message in error["error"]


def test_audit_csv_error_row_after_a_multiline_address_has_its_own_row_number(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # The record with the unknown purpose starts on row 2 of the file (line 2 as well);
    # its quoted address runs on to line 3.
    data = b'id,email,address,purpose\n1,a@kvarnbo.se,"Storgatan 1\n123 45 Kvarnby",sales\n'
    path = write(tmp_path / "contacts.csv", data)
    _, out, _ = contactlint(capsysbinary, "audit", path, "--format", "jsonl")
    assert jsonl(out)[0]["row"] == 2


def test_audit_skips_blank_lines_and_counts_them_in_line_numbers(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.jsonl", GOOD_FIRST + b"\n  \n" + b"[]\n" + GOOD_LAST)
    _, out, _ = contactlint(capsysbinary, "audit", path, "--format", "jsonl")
    records = jsonl(out)
    assert [r.get("id") for r in records] == ["g1", None, "g3"]
    assert records[1]["row"] == 4


def test_audit_csv_skips_blank_lines(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = b"id,email\n1,ekonomi@kvarnbo.se\n\n\n2,drift@kvarnbo.se\n"
    _, out, _ = contactlint(
        capsysbinary, "audit", write(tmp_path / "c.csv", data), "--format", "jsonl"
    )
    assert [r["id"] for r in jsonl(out)] == ["1", "2"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param(
            "huge.jsonl",
            b'{"id": "1", "email": "' + b"a" * 2**20 + b'@kvarnbo.se"}\n' + GOOD_LAST,
            id="jsonl-email",
        ),
        pytest.param(
            "huge.jsonl",
            b'{"id": "1", "email": "ekonomi@kvarnbo.se", "name": "'
            + b"A " * 2**19
            + b'"}\n'
            + GOOD_LAST,
            id="jsonl-name",
        ),
        pytest.param(
            "huge.csv",
            b'id,email,address\n1,ekonomi@kvarnbo.se,"'
            + b"Storgatan 1\n" * 90_000
            + b'"\n'
            + b"g3,drift@kvarnbo.se,\n",
            id="csv-address",
        ),
    ],
)
def test_audit_refuses_a_megabyte_field_quickly_and_goes_on(
    tmp_path: Path, name: str, data: bytes
) -> None:
    result = run(["audit", write(tmp_path / name, data), "--format", "jsonl"], cwd=tmp_path)
    huge, last = jsonl(result.stdout)
    assert result.returncode == 1
    assert huge["id"] == "1"
    assert "the longest accepted is" in huge["error"]
    assert huge["row"] >= 1
    assert (last["id"], last["verdict"]) == ("g3", "role")


def test_audit_of_unreadable_records_only_exits_1(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.jsonl", b"[]\n")
    assert contactlint(capsysbinary, "audit", path, "--format", "jsonl")[0] == 1


def test_audit_without_findings_exits_0(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.jsonl", GOOD_FIRST + GOOD_LAST)
    status, out, _ = contactlint(capsysbinary, "audit", path, "--format", "jsonl")
    assert status == 0
    assert [r["findings"] for r in jsonl(out)] == [[], []]


# --- audit: unreadable input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        pytest.param(
            ["audit", "contacts.csv"],
            {"contacts.csv": b"id,mail_addr,name\n1,a@kvarnbo.se,A\n"},
            "no e-mail column (looked for 'email'); the columns are: 'id', 'mail_addr', 'name'",
            id="csv-without-email-column",
        ),
        pytest.param(
            ["audit", "missing.csv"], {}, "cannot open missing.csv: No such file", id="missing-file"
        ),
        pytest.param(
            ["audit", "contacts.txt"],
            {"contacts.txt": GOOD_FIRST},
            "cannot tell the format of contacts.txt",
            id="unknown-suffix",
        ),
        pytest.param(
            ["audit", "contacts.csv"],
            {"contacts.csv": b""},
            "the CSV input is empty",
            id="empty-csv",
        ),
        pytest.param(
            ["audit", "contacts.jsonl", "--jobs", "-1"],
            {"contacts.jsonl": GOOD_FIRST},
            "--jobs must be 0",
            id="negative-jobs",
        ),
    ],
)
def test_audit_of_unreadable_input_exits_2_and_says_why(
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    args: list[str],
    files: dict[str, bytes],
    message: str,
) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    status, out, err = contactlint(capsysbinary, *args)
    assert status == 2
    assert out == b""
    assert err.startswith(b"contactlint: ")
    assert message.encode() in err


def test_unknown_suffix_is_read_with_input_format(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.txt", SMALL_CSV)
    status, out, _ = contactlint(
        capsysbinary, "audit", path, "--input-format", "csv", "--format", "jsonl"
    )
    assert status == 1
    assert [r["id"] for r in jsonl(out)] == ["1", "2", "3", "4"]


def test_audit_as_a_process_exits_2_for_a_missing_file(tmp_path: Path) -> None:
    result = run(["audit", "missing.jsonl", "--format", "jsonl"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"cannot open missing.jsonl" in result.stderr
    assert b"Traceback" not in result.stderr


# --- report formats -----------------------------------------------------------------------


@pytest.fixture
def small_audit(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> Callable[[str], bytes]:
    """The small input, and a function that audits it in a given format."""
    path = write(tmp_path / "contacts.jsonl", SMALL_JSONL)

    def audit(report: str) -> bytes:
        status, out, _ = contactlint(capsysbinary, "audit", path, "--format", report)
        assert status == 1
        return out

    return audit


def test_json_format_is_an_array_of_the_jsonl_objects(small_audit: Callable[[str], bytes]) -> None:
    assert orjson.loads(small_audit("json")) == jsonl(small_audit("jsonl"))


def test_json_format_of_no_records_is_an_empty_array(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.csv", b"id,email\n")
    status, out, _ = contactlint(capsysbinary, "audit", path, "--format", "json")
    assert status == 0
    assert orjson.loads(out) == []


def test_csv_format_has_a_row_per_finding_in_input_order(
    small_audit: Callable[[str], bytes],
) -> None:
    expected = [
        (r["id"], f["rule"])
        for r in jsonl(small_audit("jsonl"))
        for f in r["findings"] or [{"rule": ""}]
    ]
    rows = list(csv.DictReader(io.StringIO(small_audit("csv").decode())))
    assert [(row["id"], row["rule"]) for row in rows] == expected
    assert rows[0]["verdict"] == "personal"
    assert (rows[0]["span_start"], rows[0]["span_end"]) == ("0", "13")


def test_sarif_format_has_a_result_per_finding(small_audit: Callable[[str], bytes]) -> None:
    findings = sum(len(r["findings"]) for r in jsonl(small_audit("jsonl")))
    log = orjson.loads(small_audit("sarif"))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert len(log["runs"][0]["results"]) == findings
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]][: len(RULES)] == [
        rule.code for rule in RULES
    ]


def test_sarif_format_of_unreadable_records_is_valid(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = write(tmp_path / "contacts.jsonl", GOOD_FIRST + b"[]\n" + GOOD_LAST + b"{\n")
    _, out, _ = contactlint(capsysbinary, "audit", path, "--format", "sarif")
    results = orjson.loads(out)["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["row"]) for r in results] == [
        ("unreadable-record", 2),
        ("unreadable-record", 4),
    ]


def test_text_format_ends_with_the_totals(small_audit: Callable[[str], bytes]) -> None:
    lines = small_audit("text").decode().splitlines()
    assert lines[-5:] == [
        "records read     4",
        "unreadable rows  0",
        "verdicts         2 personal, 1 role, 0 unknown, 1 invalid",
        "findings         E002 2, E001 1, E003 1, N001 1",
        "2 of 4 addresses identify a person; each could be a role address.",
    ]


def test_text_format_shows_only_records_that_need_attention(
    small_audit: Callable[[str], bytes],
) -> None:
    text = small_audit("text").decode()
    assert [line for line in text.splitlines() if line.startswith("id ")] == [
        "id 1, row 1: personal",
        "id 3, row 3: personal",
        "id 4, row 4: invalid",
    ]


# --- rules --------------------------------------------------------------------------------


def test_rules_lists_every_rule_with_its_name_and_summary(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = contactlint(capsysbinary, "rules")
    lines = out.decode().splitlines()
    assert status == 0
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES, strict=True):
        assert line.split()[:2] == [rule.code, rule.name]
        assert line.endswith(rule.summary)


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_rules_code_explains_the_rule_with_a_bad_and_a_good_example(
    capsysbinary: pytest.CaptureFixture[bytes], code: str
) -> None:
    status, out, _ = contactlint(capsysbinary, "rules", code.lower())
    text = out.decode()
    rule = next(r for r in RULES if r.code == code)
    assert status == 0
    assert text.startswith(f"{code} {rule.name} ({rule.severity.value})\n")
    assert "\nBad:" in text
    assert "\nGood:" in text


def test_rules_json_lists_code_name_summary_severity_and_doc(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = contactlint(capsysbinary, "rules", "--format", "json")
    assert status == 0
    assert orjson.loads(out) == [
        {
            "code": r.code,
            "name": r.name,
            "summary": r.summary,
            "severity": r.severity.value,
            "doc": r.doc(),
        }
        for r in RULES
    ]


def test_rules_unknown_code_exits_2(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = contactlint(capsysbinary, "rules", "E999")
    assert status == 2
    assert out == b""
    assert b"no rule E999" in err


# --- progress and pipes -------------------------------------------------------------------


def test_no_progress_on_stderr_that_is_not_a_terminal(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.jsonl", generated_jsonl(5000))
    result = run(["audit", path, "--format", "jsonl", "--jobs", "2"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == b""


def stderr_on_a_terminal(args: Sequence[str], cwd: Path) -> bytes:
    """What the CLI writes to its stderr when that is a terminal."""
    controller, terminal = pty.openpty()
    try:
        subprocess.run(
            [*CONTACTLINT, *offline_unless_told(args)],
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            cwd=cwd,
            timeout=20,
            check=False,
        )
    finally:
        os.close(terminal)
    written = b""
    try:
        while chunk := os.read(controller, 65536):
            written += chunk
    except OSError:  # EIO: the terminal's other end is closed and all was read
        pass
    finally:
        os.close(controller)
    return written


def test_progress_on_a_terminal_stderr(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.jsonl", generated_jsonl(3000))
    shown = stderr_on_a_terminal(["audit", path, "--format", "jsonl", "--jobs", "1"], tmp_path)
    assert b" records, " in shown
    assert shown.endswith(b"\r\x1b[K")


def test_no_progress_on_a_terminal_with_no_progress(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.jsonl", generated_jsonl(3000))
    args = ["audit", path, "--format", "jsonl", "--jobs", "1", "--no-progress"]
    assert stderr_on_a_terminal(args, tmp_path) == b""


def test_reader_closing_the_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.jsonl", generated_jsonl(5000))
    with subprocess.Popen(
        [*CONTACTLINT, *offline_unless_told(["audit", path, "--format", "jsonl", "--jobs", "2"])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=20)
    assert orjson.loads(first)["id"] == "0"
    assert status == 0
    assert b"Traceback" not in err
