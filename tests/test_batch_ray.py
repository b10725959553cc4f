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
import sys

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
