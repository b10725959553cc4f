"""The CLI end to end: outputs, standard input/output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_extract_writes_the_interchange_json(seed_path, tmp_path, gold_table):
    out = tmp_path / "table.json"
    assert main(["extract", str(seed_path), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("meta"), data.pop("failures")
    assert data == gold_table.model_dump(mode="json")


def test_extract_format_from_suffix_and_flag(seed_path, tmp_path):
    assert main(["extract", str(seed_path), "-o", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["extract", str(seed_path), "-o", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"
    assert main(["extract", str(seed_path), "--format", "jsonl", "-o", str(tmp_path / "t.out")]) == 0
    assert len((tmp_path / "t.out").read_text(encoding="utf-8").splitlines()) == 29


def test_stdin_to_stdout_as_a_subprocess(seed_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", "-", "--format", "jsonl"],
        input=seed_path.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode("utf-8").splitlines()) == 29


def test_bad_input_exits_2_and_names_the_file(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["--lang", "en", "extract", str(empty)]) == 2
    assert f"error: {empty}: the file is empty" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    assert main(["extract", str(ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"), "--format", "pdf"]) == 2


def test_partial_results_are_written_and_failures_reported(seed_text, tmp_path, capsys):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(seed_text.replace("40.00\t40.00", "4O.0x\t40.00"), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["--lang", "en", "extract", str(damaged), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {damaged}:13 [amounts.total]: not an amount: '4O.0x'" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sum(len(u["projects"]) for u in data["units"]) == 29
    assert data["failures"][0]["row"] == 13
    assert main(["extract", str(damaged), "-o", str(out), "--strict"]) == 1


def test_validate_flags_the_mismatched_pairs_and_strict_exits_1(seed_path, capsys):
    assert main(["validate", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("CODE_PAIR_MISMATCH") == 6
    assert main(["validate", str(seed_path), "--strict"]) == 1
    capsys.readouterr()
    assert main(["validate", str(seed_path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["code"] for line in lines} == {"CODE_PAIR_MISMATCH"}


def test_validate_reads_interchange_json(tmp_path, capsys):
    assert main(["validate", str(ROOT / "gold" / "000_e2922c57f8184701.json")]) == 0
    assert capsys.readouterr().out.count("CODE_PAIR_MISMATCH") == 6
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"units": [{"name": "x", "projects": [{"name": 5, "amounts": {"total": "abc"}}]}]}', encoding="utf-8"
    )
    assert main(["validate", str(bad)]) == 2
    assert "units.0.projects.0" in capsys.readouterr().err


def test_every_command_has_help_with_an_example(capsys):
    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    commands = [line.split()[0] for line in listing.split("Commands:")[1].splitlines() if line.strip()]
    assert {"extract", "validate"} <= set(commands)
    for command in commands:
        assert main([command, "--help"]) == 0
        text = capsys.readouterr().out
        assert "Usage:" in text and "python cli.py" in text, command
