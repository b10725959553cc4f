"""Nothing the tool reads leaves the machine: every offline command runs with outbound
connections forbidden, and the telemetry switches of the libraries are set on import."""

from __future__ import annotations

import os
import socket

import pytest

from assistant.cli import main


@pytest.fixture()
def no_outbound(monkeypatch):
    """Any connection except to this machine raises and is recorded."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and (host.startswith("127.") or host in ("::1", "localhost"))
            or self.family == socket.AF_UNIX
        ):
            return real_connect(self, address)
        attempts.append(address)
        raise OSError(f"test forbids connecting to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: guarded(socket.socket(), address))
    return attempts


def test_library_telemetry_is_off_on_import():
    import assistant  # noqa: F401

    for name in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY", "ORT_DISABLE_TELEMETRY"):
        assert os.environ.get(name) == "1", name
    assert os.environ.get("LANGCHAIN_TRACING_V2") == "false"


def test_offline_commands_open_no_connection(no_outbound, seed_path, tmp_path):
    out = tmp_path / "table.json"
    assert main(["extract", str(seed_path), "-o", str(out)]) == 0
    assert main(["extract", str(seed_path), "-o", str(tmp_path / "table.xlsx")]) == 0
    assert main(["validate", str(out)]) == 0
    assert main(["lint", str(out)]) == 0
    assert (
        main(
            [
                "draft",
                "--name",
                "社区普法宣传经费",
                "--goal",
                "每月开展一场普法宣传活动",
                "--budget",
                "20",
                "-f",
                "json",
                "-o",
                str(tmp_path / "draft.json"),
            ]
        )
        == 0
    )
    assert main(["eval", "extract", "--evals-dir", str(tmp_path / "evals")]) == 0  # datasets save_to_disk too
    assert no_outbound == []
    with pytest.raises(OSError):  # the guard itself works (it refuses before any lookup or packet)
        socket.create_connection(("telemetry.example.invalid", 443))
    assert no_outbound == [("telemetry.example.invalid", 443)]
