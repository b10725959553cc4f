"""Batch extraction on a real local Ray runtime (issue 15): no mocks, ``ray.init(num_cpus=2)``.

The same folder goes through the process pool and through Ray and must give the same
records and the same summary; a bad file is listed as failed and the rest are written; a
rerun skips what is up to date. Skipped, saying why, when Ray is not installed
(``pip install -e '.[ray]'``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from office_copies import table_lines, write_xlsx

from assistant.batch import SUMMARY_NAME, exit_code, run_batch
from assistant.errors import InputError

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[ray]'); the Ray executor is optional")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    """A real local Ray of two CPUs, without its dashboard; workers import the project as the tests do."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        logging_level="ERROR",
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": root, "RAY_USAGE_STATS_ENABLED": "0"}},
    )
    yield ray
    ray.shutdown()


@pytest.fixture()
def inbox(tmp_path, seed_path, seed_text):
    folder = tmp_path / "inbox"
    (folder / "2023").mkdir(parents=True)
    shutil.copy(seed_path, folder / "seed.txt")
    write_xlsx(table_lines(seed_text), folder / "2023" / "seed.xlsx", numbers=True)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "2023" / "empty.xlsx").write_bytes(b"")
    return folder


def _outputs(out) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != SUMMARY_NAME
    }


def _summary(out) -> dict:
    data = json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))
    return {
        "counts": data["counts"],
        "files": sorted(
            (
                os.path.basename(f["input"]),
                f["status"],
                f["projects"],
                f["indicators"],
                (f["error"] or "").replace(str(out), "OUT"),
            )
            for f in data["files"]
        ),
    }


def test_ray_gives_the_same_records_and_summary_as_the_process_pool(local_ray, inbox, tmp_path):
    pool_out, ray_out = tmp_path / "pool", tmp_path / "ray"
    calls = []
    pool = run_batch([str(inbox)], pool_out, jobs=2)
    by_ray = run_batch([str(inbox)], ray_out, jobs=2, executor="ray", on_progress=lambda *a: calls.append(a))
    assert _outputs(ray_out) == _outputs(pool_out)
    assert set(_outputs(ray_out)) == {"seed.txt.json", "2023/seed.xlsx.json"}
    assert _summary(ray_out) == _summary(pool_out)
    assert calls[0] == (0, 4, "") and calls[-1][:2] == (4, 4) and len(calls) == 5
    assert exit_code(by_ray) == exit_code(pool) == 1


def test_a_bad_file_is_listed_as_failed_and_the_rest_are_written(local_ray, inbox, tmp_path):
    out = tmp_path / "out"
    summary = run_batch([str(inbox)], out, jobs=2, executor="ray")
    by_name = {os.path.basename(r.input): r for r in summary.results}
    assert by_name["broken.pdf"].status == "failed" and "broken.pdf" in by_name["broken.pdf"].error
    assert by_name["empty.xlsx"].status == "failed" and "empty.xlsx" in by_name["empty.xlsx"].error
    assert by_name["seed.txt"].status == "ok" and by_name["seed.txt"].projects == 29
    assert (out / "seed.txt.json").is_file() and (out / "2023" / "seed.xlsx.json").is_file()
    assert not list(out.rglob("*.tmp"))  # the driver writes atomically


def test_a_rerun_skips_what_is_up_to_date(local_ray, inbox, tmp_path):
    out = tmp_path / "out"
    run_batch([str(inbox)], out, jobs=2, executor="ray")
    again = run_batch([str(inbox)], out, jobs=2, executor="ray")
    statuses = {os.path.basename(r.input): r.status for r in again.results}
    assert statuses == {"seed.txt": "skipped", "seed.xlsx": "skipped", "broken.pdf": "failed", "empty.xlsx": "failed"}


def test_the_ocr_engine_is_held_by_the_actor_and_scans_are_read(local_ray, tmp_path, cjk_font):
    from scan_render import render_page

    rows = [
        ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
        ["合计", "40.00", "40.00", "", "", "", ""],
        [
            "区法学会经费",
            "40.00",
            "40.00",
            "",
            "",
            "开展法治宣传活动",
            "1、1-产出指标:11-数量指标;活动场次;实施周期指标值:4场;年度指标值:4场。",
        ],
    ]
    page = render_page(["项目支出绩效目标表", "单位：万元"], rows, dpi=150, font_path=cjk_font)
    folder = tmp_path / "scans"
    folder.mkdir()
    page.image.crop((0, 0, page.image.width, page.cells[-1].box[3] + 30)).save(folder / "scan.png")
    summary = run_batch([str(folder)], tmp_path / "out", jobs=1, executor="ray")
    (result,) = summary.results
    assert result.status == "ok" and result.projects == 1 and result.indicators == 1


def _scan_pages(cjk_font, count: int):
    """Small scanned table pages (PIL images), one project each."""
    from scan_render import render_page

    pages = []
    for n in range(count):
        rows = [
            ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
            ["合计", f"{40 + n}.00", f"{40 + n}.00", "", "", "", ""],
            [
                f"区法学会经费{n + 1}",
                f"{40 + n}.00",
                f"{40 + n}.00",
                "",
                "",
                "开展法治宣传活动",
                f"1、1-产出指标:11-数量指标;活动场次;实施周期指标值:{n + 4}场;年度指标值:{n + 4}场。",
            ],
        ]
        page = render_page(["项目支出绩效目标表", "单位：万元"], rows, dpi=150, font_path=cjk_font)
        pages.append(page.image.crop((0, 0, page.image.width, page.cells[-1].box[3] + 30)).convert("L"))
    return pages


def test_each_page_of_a_scanned_pdf_is_a_task_and_the_records_are_the_pool_s(local_ray, tmp_path, cjk_font):
    from assistant.batch_ray import ExtractWorker, PageTasks
    from assistant.ingest.ocr.pdf import read_pdf_page

    folder = tmp_path / "scans"
    folder.mkdir()
    first, *rest = _scan_pages(cjk_font, 3)
    first.save(folder / "long.pdf", "PDF", resolution=150, save_all=True, append_images=rest)
    pool = run_batch([str(folder)], tmp_path / "pool", jobs=2)
    by_ray = run_batch([str(folder)], tmp_path / "ray", jobs=2, executor="ray")
    assert _outputs(tmp_path / "ray") == _outputs(tmp_path / "pool")
    (result,) = by_ray.results
    assert result.status == pool.results[0].status == "ok" and result.projects == 3

    # the pages really are tasks on the actors: each comes back as the page one process reads
    actor = ray.remote(num_cpus=1)(ExtractWorker)
    actors = [actor.remote(True) for _ in range(2)]
    try:
        data = (folder / "long.pdf").read_bytes()
        remote = PageTasks(ray, actors)(data, "long.pdf", [2, 0], 200)
        assert [r.page for r in remote] == [3, 1]
        local = [read_pdf_page(data, "long.pdf", i, 200) for i in (2, 0)]
        assert [[[c.text for c in row] for row in r.rows] for r in remote] == [
            [[c.text for c in row] for row in r.rows] for r in local
        ]
        assert len({ray.get(a.pid.remote()) for a in actors}) == 2
    finally:
        for a in actors:
            ray.kill(a)


#: loaded by every Python process of the CLI runs below (driver and Ray workers) through
#: PYTHONPATH: reading a file named crash* ends its process at once, as a segfault in a
#: native library would; reading slow* takes a minute, so Ctrl-C lands while it runs
HOOK = """
import os, time
if os.environ.get("ASSISTANT_TEST_HOOK"):
    import assistant.ingest as ingest
    real = ingest.read_bytes
    def read_bytes(data, source, *args, **kwargs):
        name = os.path.basename(source)
        if name.startswith("crash"):
            os._exit(17)
        if name.startswith("slow"):
            time.sleep(60)
        return real(data, source, *args, **kwargs)
    ingest.read_bytes = read_bytes
"""


def _cli(tmp_path, *args):
    """The CLI in a subprocess of its own (its own local Ray), with the test hook loaded."""
    root = Path(__file__).resolve().parents[1]
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(textwrap.dedent(HOOK), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=f"{hooks}{os.pathsep}{root}", ASSISTANT_TEST_HOOK="1", ASSISTANT_LANG="en")
    env.pop("RAY_ADDRESS", None)  # a local Ray of its own
    return subprocess.Popen(
        [sys.executable, str(root / "cli.py"), "extract", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ray_cli_on_seeds(tmp_path, seed_path, names: list[str], out: Path):
    """The CLI on Ray (2 jobs) over an inbox of seed copies with these names (the hook reads
    crash*/slow* names as a worker that dies or hangs)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in names:
        shutil.copy(seed_path, folder / name)
    return _cli(tmp_path, str(folder), "-o", str(out), "--executor", "ray", "--jobs", "2")


def test_a_task_that_crashes_its_worker_is_listed_as_failed_and_the_rest_are_written(tmp_path, seed_path):
    out = tmp_path / "out"
    run = _ray_cli_on_seeds(tmp_path, seed_path, ["crash.txt", "a.txt", "b.txt", "c.txt"], out)
    _, err = run.communicate(timeout=600)
    assert run.returncode == 1, err
    files = {os.path.basename(f["input"]): f for f in json.loads((out / SUMMARY_NAME).read_text("utf-8"))["files"]}
    assert files["crash.txt"]["status"] == "failed" and "worker stopped" in files["crash.txt"]["error"]
    assert {files[n]["status"] for n in ("a.txt", "b.txt", "c.txt")} == {"ok"}
    assert sorted(p.name for p in out.iterdir()) == ["_summary.json", "a.txt.json", "b.txt.json", "c.txt.json"]


def test_ctrl_c_cancels_the_tasks_and_leaves_no_half_written_output(tmp_path, seed_path):
    out = tmp_path / "out"
    run = _ray_cli_on_seeds(tmp_path, seed_path, ["a.txt", "slow1.txt", "slow2.txt", "slow3.txt"], out)
    deadline = time.monotonic() + 300
    while not (out / "a.txt.json").exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    assert (out / "a.txt.json").exists(), run.communicate(timeout=60)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    summary = json.loads((out / SUMMARY_NAME).read_text("utf-8"))
    assert summary["interrupted"] is True
    statuses = {os.path.basename(f["input"]): f["status"] for f in summary["files"]}
    assert statuses == {"a.txt": "ok", "slow1.txt": "not_done", "slow2.txt": "not_done", "slow3.txt": "not_done"}
    assert sorted(p.name for p in out.iterdir()) == ["_summary.json", "a.txt.json"]  # nothing half-written
    assert json.loads((out / "a.txt.json").read_text("utf-8"))["units"]


def test_the_cli_option_runs_the_batch_on_ray(local_ray, inbox, tmp_path, capsys):
    from assistant.cli import main

    code = main(
        ["--lang", "en", "extract", str(inbox), "-o", str(tmp_path / "out"), "--executor", "ray", "--jobs", "2"]
    )
    err = capsys.readouterr().err
    assert code == 1 and "broken.pdf" in err and "2 failed" in err
    assert (tmp_path / "out" / "seed.txt.json").is_file()
    assert main(["extract", str(inbox), "-o", str(tmp_path / "o2"), "--executor", "dask"]) == 2


def test_without_ray_the_executor_says_how_to_install_it(monkeypatch, inbox, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    with pytest.raises(InputError, match=r"pip install -e '\.\[ray\]'"):
        run_batch([str(inbox)], tmp_path / "out", executor="ray")
