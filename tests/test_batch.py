"""Batch extraction: a folder of mixed files, parallel workers, skip-if-up-to-date, a summary of failures."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from form_copies import FORM, write_form_docx
from office_copies import table_lines, write_xlsx

from assistant.batch import SUMMARY_NAME, collect_inputs, exit_code, plan_outputs, run_batch
from assistant.cli import main
from assistant.export import load_table


@pytest.fixture()
def inbox(tmp_path, seed_path, seed_text):
    """A folder with a text table, an xlsx copy in a sub-folder, a form, a corrupt file and a lock file."""
    folder = tmp_path / "inbox"
    (folder / "2023").mkdir(parents=True)
    shutil.copy(seed_path, folder / "seed.txt")
    write_xlsx(table_lines(seed_text), folder / "2023" / "seed.xlsx", numbers=True)
    write_form_docx(FORM, folder / "2023" / "form.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "~$seed.xlsx").write_bytes(b"lock")  # an Office lock file: not an input
    (folder / "notes.md").write_text("not a table")  # no reader for .md: not collected from a folder
    return folder


def test_batch_reads_every_file_and_reports_the_bad_one(inbox, tmp_path, gold_table, monkeypatch):
    monkeypatch.setenv("ASSISTANT_LANG", "en")  # the summary speaks the clerk's language; English here
    out = tmp_path / "out"
    summary = run_batch([str(inbox)], out, jobs=2, on_progress=None)
    by_name = {os.path.basename(r.input): r for r in summary.results}
    assert set(by_name) == {"seed.txt", "seed.xlsx", "form.docx", "broken.pdf"}
    assert by_name["broken.pdf"].status == "failed"
    assert "broken.pdf" in by_name["broken.pdf"].error and "not a readable PDF" in by_name["broken.pdf"].error
    for name in ("seed.txt", "seed.xlsx", "form.docx"):
        assert by_name[name].status == "ok", by_name[name]
    gold = gold_table.model_dump(mode="json")
    assert load_table(out / "seed.txt.json").model_dump(mode="json") == gold
    assert load_table(out / "2023" / "seed.xlsx.json").model_dump(mode="json") == gold
    assert load_table(out / "2023" / "form.docx.json").projects()[0].name == FORM["name"]
    written = json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert written["counts"] == {"ok": 3, "partial": 0, "failed": 1, "skipped": 0, "not_done": 0}
    assert written["interrupted"] is False
    assert exit_code(summary) == 1


def test_up_to_date_outputs_are_skipped(inbox, tmp_path):
    out = tmp_path / "out"
    run_batch([str(inbox / "seed.txt"), str(inbox / "2023" / "seed.xlsx")], out, jobs=1, on_progress=None)
    again = run_batch([str(inbox / "seed.txt"), str(inbox / "2023" / "seed.xlsx")], out, jobs=1, on_progress=None)
    assert [r.status for r in again.results] == ["skipped", "skipped"]
    assert exit_code(again) == 0
    # a changed input is redone; --force redoes everything
    later = os.stat(out / "seed.txt.json").st_mtime + 10
    os.utime(inbox / "seed.txt", (later, later))
    third = run_batch([str(inbox / "seed.txt"), str(inbox / "2023" / "seed.xlsx")], out, jobs=1, on_progress=None)
    assert [r.status for r in third.results] == ["ok", "skipped"]
    forced = run_batch([str(inbox / "seed.txt")], out, jobs=1, force=True, on_progress=None)
    assert [r.status for r in forced.results] == ["ok"]


def test_same_stem_inputs_keep_their_suffix(inbox, tmp_path):
    shutil.copy(inbox / "seed.txt", inbox / "2023" / "seed.txt")
    pairs = plan_outputs(collect_inputs([str(inbox)]), tmp_path / "out", "json")
    names = sorted(str(o.relative_to(tmp_path / "out")) for _, o in pairs)
    assert names == [
        "2023/form.docx.json",
        "2023/seed.txt.json",
        "2023/seed.xlsx.json",
        "broken.pdf.json",
        "seed.txt.json",
    ]


def test_cli_batch_exit_codes(inbox, tmp_path, capsys):
    code = main(["--lang", "en", "extract", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "broken.pdf" in err and "1 failed" in err
    assert (
        main(["extract", str(inbox / "seed.txt"), str(inbox / "2023" / "form.docx"), "-o", str(tmp_path / "o2")]) == 0
    )
    assert main(["extract", str(inbox / "broken.pdf"), str(inbox / "notes.md"), "-o", str(tmp_path / "o3")]) == 2
    # a path that does not exist is one more failure, not the end of the batch
    assert main(["extract", str(inbox / "seed.txt"), str(inbox / "missing.xlsx"), "-o", str(tmp_path / "o4")]) == 1
    assert (tmp_path / "o4" / "seed.txt.json").exists()
    assert main(["--lang", "en", "extract", str(inbox), "-o", "-"]) == 2  # a folder needs an output folder
    assert "-o OUT_DIR" in capsys.readouterr().err


def test_a_crashing_reader_does_not_stop_the_batch(inbox, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_LANG", "en")
    """An unexpected exception in one file is recorded as that file's failure (in-process run)."""
    import assistant.pipeline as pipeline

    real = pipeline.extract_path

    def flaky(path, backend="rules", **options):
        if str(path).endswith("seed.txt"):
            raise RuntimeError("boom")
        return real(path, backend, **options)

    monkeypatch.setattr(pipeline, "extract_path", flaky)
    summary = run_batch(
        [str(inbox / "seed.txt"), str(inbox / "2023" / "form.docx")], tmp_path / "out", jobs=1, on_progress=None
    )
    assert [r.status for r in summary.results] == ["failed", "ok"]
    assert "internal error RuntimeError: boom" in summary.results[0].error


def test_an_output_folder_inside_the_input_folder_is_not_read(inbox):
    out = inbox / "out"
    first = run_batch([str(inbox)], out, fmt="source", jobs=1, on_progress=None)  # writes .txt outputs
    second = run_batch([str(inbox)], out, fmt="source", jobs=1, on_progress=None)
    assert len(second.results) == len(first.results) == 4
    assert not any("/out/" in r.input for r in second.results)


def test_files_named_directly_keep_their_folders(inbox, tmp_path):
    shutil.copy(inbox / "seed.txt", inbox / "2023" / "seed.txt")
    pairs = plan_outputs(
        collect_inputs([str(inbox / "seed.txt"), str(inbox / "2023" / "seed.txt")]), tmp_path / "o", "json"
    )
    assert [str(o.relative_to(tmp_path / "o")) for _, o in pairs] == ["seed.txt.json", "2023/seed.txt.json"]
