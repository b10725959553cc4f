"""Outputs are written whole or not at all, write errors are one clear line, and a batch can be stopped.

The fault matrix of issue "hostile inputs": killed or failing writes keep the previous output,
every write error exits 2 naming the path, nothing ends in a traceback, Ctrl-C or SIGTERM stops a
batch within seconds with its summary written, and workers die with their parent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import OutputError
from assistant.export import write_atomic

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests check the English wording (test_cli_lang.py checks the Chinese)."""
    monkeypatch.setenv("ASSISTANT_LANG", "en")


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "table.json"
    target.write_text("previous good output")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"new output")
    assert target.read_text() == "previous good output"
    assert [p.name for p in tmp_path.iterdir()] == ["table.json"]


def test_outputs_get_the_usual_permissions_and_keep_a_file_s_own(tmp_path):
    fresh = tmp_path / "fresh.json"
    umask = os.umask(0o022)
    try:
        write_atomic(fresh, b"{}")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600: colleagues can read the output
    shared = tmp_path / "shared.json"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_atomic(shared, b"new")
    assert shared.stat().st_mode & 0o777 == 0o664 and shared.read_bytes() == b"new"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_is_one_line_and_exit_2(seed_path, capsys):
    assert main(["extract", str(seed_path), "-o", "/dev/full"]) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full" in err and "Traceback" not in err


def test_output_into_a_folder_or_a_read_only_folder_is_exit_2(seed_path, tmp_path, capsys):
    folder = tmp_path / "existing"
    folder.mkdir()
    assert main(["extract", str(seed_path), "-o", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["extract", str(seed_path), "-o", str(locked / "t.json")]) == 2
        assert "cannot write" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(seed_path, monkeypatch, capsys):
    import assistant.pipeline as pipeline

    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(pipeline, "extract", bug)
    assert main(["validate", str(seed_path)]) == 3
    err = capsys.readouterr().err
    assert "internal error ZeroDivisionError: a bug" in err and "--debug" in err and "Traceback" not in err
    assert main(["--debug", "validate", str(seed_path)]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_json_on_standard_input_is_read_as_a_table(seed_path):
    extracted = subprocess.run(
        [sys.executable, "cli.py", "extract", str(seed_path)], capture_output=True, cwd=ROOT, timeout=120, check=True
    ).stdout
    for fmt in ("json", "jsonl"):
        data = (
            extracted
            if fmt == "json"
            else subprocess.run(
                [sys.executable, "cli.py", "extract", str(seed_path), "-f", "jsonl"],
                capture_output=True,
                cwd=ROOT,
                timeout=120,
                check=True,
            ).stdout
        )
        linted = subprocess.run(
            [sys.executable, "cli.py", "--lang", "en", "validate", "-"],
            input=data,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
        assert linted.returncode == 0, linted.stderr.decode()
        assert "6 warning(s), 0 unread row(s) in 29 project(s)" in linted.stderr.decode()


def test_jsonl_output_reads_back(seed_path, tmp_path, capsys):
    out = tmp_path / "t.jsonl"
    assert main(["extract", str(seed_path), "-o", str(out)]) == 0
    assert main(["--lang", "en", "validate", str(out)]) == 0
    assert "in 29 project(s)" in capsys.readouterr().err


def test_a_folder_to_a_file_name_is_refused(seed_path, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(seed_path.read_bytes())
    assert main(["extract", str(inbox), "-o", str(tmp_path / "one.json")]) == 2
    assert "not to the file" in capsys.readouterr().err
    assert not (tmp_path / "one.json").exists()


def _slow_batch(tmp_path: Path, seed_path: Path, files: int) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(files):
        (inbox / f"t{n:03}.txt").write_bytes(seed_path.read_bytes())
    return inbox, tmp_path / "out"


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGINT to the group"])
def test_stopping_a_batch_writes_the_summary_and_exits_130(seed_path, tmp_path, how):
    inbox, out = _slow_batch(tmp_path, seed_path, 200)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "cli.py", "extract", str(inbox), "-o", str(out), "--jobs", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:  # wait for the workers to start
        time.sleep(0.1)
    stopped_at = time.monotonic()
    if how.endswith("group"):  # a terminal's Ctrl-C reaches the parent and every worker
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(getattr(signal, how))
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - stopped_at < 5
    assert process.returncode == 130, err.decode()
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True and summary["counts"]["not_done"] > 0
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    # a rerun finishes the rest and skips what was done
    rerun = subprocess.run(
        [sys.executable, "cli.py", "extract", str(inbox), "-o", str(out), "--jobs", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr.decode()
    again = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    assert again["counts"]["not_done"] == 0 and again["counts"]["skipped"] > 0


@pytest.mark.slow
def test_workers_die_with_a_killed_batch(seed_path, tmp_path):
    inbox, out = _slow_batch(tmp_path, seed_path, 200)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "cli.py", "extract", str(inbox), "-o", str(out), "--jobs", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any(out.glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    children = _children(process.pid)
    assert children, "the batch started no worker processes"
    process.kill()
    process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("command", ["validate", "lint", "library add"])
def test_json_nested_100000_deep_is_a_clear_error(tmp_path, capsys, command):
    deep = tmp_path / "deep.json"
    deep.write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert main([*command.split(), str(deep)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err


def test_a_deep_yaml_request_is_a_clear_error(tmp_path, capsys):
    request = tmp_path / "project.yaml"
    request.write_text("name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert main(["draft", "-i", str(request)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_json_output_is_strict_and_infinity_is_not_accepted(tmp_path, capsys):
    table = tmp_path / "inf.json"
    table.write_text('{"units": [], "amounts": {"total": Infinity}}')
    assert main(["validate", str(table)]) == 2
    assert "Infinity is not allowed" in capsys.readouterr().err


def test_a_csv_that_is_not_a_budget_table_is_refused(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("name,age,city\nAlice,30,NYC\nBob,25,LA\n")
    assert main(["extract", str(people)]) == 2
    out = capsys.readouterr()
    assert "no recognisable table" in out.err and "Alice" not in out.out
