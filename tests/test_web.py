"""The workbench's routes through FastAPI's TestClient, on a real SQLite store."""

from __future__ import annotations

import io
import json
import re

import pytest
from web_support import csrf, make_client, upload, wait_done

from assistant.web.models import Edit, ProjectRecord


@pytest.fixture()
def client(tmp_path):
    with make_client(tmp_path, gold_dir=tmp_path / "gold") as c:
        yield c


@pytest.fixture()
def seeded(client, seed_path):
    upload(client, "000_e2922c57f8184701.txt", seed_path.read_bytes())
    wait_done(client, 1)
    return client


def _record(client, predicate):
    with client.app.state.sessions() as session:
        for record in session.query(ProjectRecord).order_by(ProjectRecord.position):
            if predicate(record):
                return record
    raise AssertionError("no such project")


def _vague_index(record) -> int | None:
    from assistant.checks import lint_project
    from assistant.schema import Project

    project = Project.model_validate(record.data)
    seqs = [f.seq for f in lint_project(project) if f.code == "VALUE_VAGUE" and f.field == "annual_value"]
    return next((i for i, ind in enumerate(project.indicators) if seqs and ind.seq == seqs[0]), None)


def _vague(client):
    """The first project with a vague annual value, and that indicator's index."""
    record = _record(client, lambda r: _vague_index(r) is not None)
    return record, _vague_index(record)


def _edit(client, record, field, value, version=None):
    return client.post(
        f"/d/1/p/{record.id}/edit",
        data={"field": field, "value": value, "version": record.version if version is None else version},
        headers={"X-CSRF-Token": csrf(client), "HX-Request": "true"},
    )


def test_upload_extracts_in_background_and_lists_the_document(seeded):
    page = seeded.get("/").text
    assert "000_e2922c57f8184701.txt" in page and "待审核" in page
    review = seeded.get("/d/1")
    assert review.status_code == 200
    assert "资金使用单位：中共广州市黄埔区委政法委员会" in review.text
    assert 'class="finding error" data-code="VALUE_VAGUE"' in review.text
    assert "指标值模糊" in review.text  # findings in Chinese
    assert '<mark id="m-' in review.text  # source spans highlighted


def test_edit_rechecks_findings_and_is_recorded(seeded):
    record, index = _vague(seeded)
    path = f"indicators.{index}.annual_value"
    old = record.data["indicators"][index]["annual_value"]
    vague_here = f'data-ref="{record.id}-indicators-{index}-annual_value" data-code="VALUE_VAGUE"'
    assert vague_here in seeded.get("/d/1").text
    response = _edit(seeded, record, path, "≥95%")
    assert response.status_code == 200
    card = response.text
    field = re.search(
        rf'<div class="field[^"]*">\s*<textarea id="f-{record.id}-indicators-{index}-annual_value".*?</div>\s*(?=<)',
        card,
        re.DOTALL,
    )
    assert field and "≥95%" in field.group(0)
    assert vague_here not in card
    with seeded.app.state.sessions() as session:
        edit = session.query(Edit).filter_by(action="edit").one()
        assert (edit.field, edit.old, edit.new, edit.user) == (path, old, "≥95%", "未署名")
    history = seeded.get("/d/1/history").text
    assert old in history and "≥95%" in history and "年度指标值" in history
    assert "审核中" in seeded.get("/").text


def test_stale_version_is_a_conflict_that_keeps_the_clerks_value(seeded):
    record, index = _vague(seeded)
    path = f"indicators.{index}.annual_value"
    assert _edit(seeded, record, path, "≥90%").status_code == 200
    stale = _edit(seeded, record, path, "≥99%", version=record.version)  # drawn before the first save
    assert stale.status_code == 409
    assert "保存冲突" in stale.text and "≥99%" in stale.text and "用我的值覆盖" in stale.text
    current = _record(seeded, lambda r: r.id == record.id)
    assert current.data["indicators"][index]["annual_value"] == "≥90%"


def test_bad_amount_is_refused_with_a_chinese_message(seeded):
    record = _record(seeded, lambda r: r.data["name"] == "区法学会经费")
    response = _edit(seeded, record, "amounts.total", "四十")
    assert response.status_code == 422 and "不是金额" in response.text and "四十" in response.text
    assert _record(seeded, lambda r: r.id == record.id).data["amounts"]["total"] == 40.0


def test_amount_edit_shows_the_row_sum_finding(seeded):
    record = _record(seeded, lambda r: r.data["name"] == "区法学会经费")
    card = _edit(seeded, record, "amounts.total", "41").text
    assert 'data-code="AMOUNT_ROW_SUM"' in card and "金额不平" in card


def test_add_move_delete_indicators(seeded):
    record = _record(seeded, lambda r: r.data["name"] == "区法学会经费")
    headers = {"X-CSRF-Token": csrf(seeded)}
    count = len(record.data["indicators"])
    assert (
        seeded.post(f"/d/1/p/{record.id}/indicators/add", data={"version": record.version}, headers=headers).status_code
        == 200
    )
    record = _record(seeded, lambda r: r.id == record.id)
    assert len(record.data["indicators"]) == count + 1 and record.data["indicators"][-1]["seq"] == count + 1
    first = record.data["indicators"][0]["name"]
    seeded.post(
        f"/d/1/p/{record.id}/indicators/0/move", data={"version": record.version, "direction": "down"}, headers=headers
    )
    record = _record(seeded, lambda r: r.id == record.id)
    assert record.data["indicators"][1]["name"] == first
    seeded.post(f"/d/1/p/{record.id}/indicators/{count}/delete", data={"version": record.version}, headers=headers)
    record = _record(seeded, lambda r: r.id == record.id)
    assert len(record.data["indicators"]) == count
    card = seeded.post(f"/d/1/p/{record.id}/renumber", data={"version": record.version}, headers=headers).text
    assert [i["seq"] for i in _record(seeded, lambda r: r.id == record.id).data["indicators"]] == list(
        range(1, count + 1)
    )
    assert "SEQ_" not in card


def test_low_confidence_values_block_acceptance_until_confirmed(seeded):
    record = _record(seeded, lambda r: r.data["name"] == "区法学会经费")
    with seeded.app.state.sessions() as session:  # as an OCR read would leave it
        stored = session.get(ProjectRecord, record.id)
        data = json.loads(json.dumps(stored.data))
        data["indicators"][0]["spans"]["name"]["confidence"] = 0.42
        stored.data = data
        session.commit()
        version = stored.version
    headers = {"X-CSRF-Token": csrf(seeded), "HX-Request": "true"}
    page = seeded.get("/d/1").text
    assert "识别置信度 0.42" in page and 'data-code="LOW_CONFIDENCE"' in page
    refused = seeded.post(f"/d/1/p/{record.id}/accept", data={"version": version}, headers=headers)
    assert refused.status_code == 422 and "待核对" in refused.text
    assert seeded.post("/d/1/accept", data={"csrf_token": csrf(seeded)}).status_code == 409
    confirmed = seeded.post(
        f"/d/1/p/{record.id}/confirm", data={"field": "indicators.0.name", "version": version}, headers=headers
    )
    assert "识别置信度 0.42" not in confirmed.text
    accepted = seeded.post(f"/d/1/p/{record.id}/accept", data={"version": version + 1}, headers=headers)
    assert accepted.status_code == 200 and "已接受" in accepted.text


def test_accept_document_and_export_every_format(seeded):
    from openpyxl import load_workbook

    record, index = _vague(seeded)
    _edit(seeded, record, f"indicators.{index}.annual_value", "≥95%")
    assert seeded.post("/d/1/accept", data={"csrf_token": csrf(seeded)}, follow_redirects=False).status_code == 303
    assert "已审核" in seeded.get("/").text
    workbook = load_workbook(io.BytesIO(seeded.get("/d/1/export.xlsx").content))
    rows = list(workbook["绩效指标"].iter_rows(values_only=True))
    seq = record.data["indicators"][index]["seq"]
    row = next(r for r in rows if r[1] == record.data["name"] and r[2] == seq)
    assert row[-1] == "≥95%"
    assert "≥95%" in seeded.get("/d/1/export.csv").content.decode("utf-8-sig")
    assert json.loads(seeded.get("/d/1/export.json").text)["units"][0]["name"] == "中共广州市黄埔区委政法委员会"
    assert "年度指标值:≥95%" in seeded.get("/d/1/export.source").text
    assert seeded.get("/d/1/export.exe").status_code == 404


def test_save_as_gold_is_read_by_the_eval_harness(seeded, tmp_path):
    from assistant.gold import load_gold

    response = seeded.post("/d/1/gold", data={"csrf_token": csrf(seeded)})
    assert response.status_code == 200 and "已存为标准答案" in response.text
    records = load_gold(tmp_path / "gold")
    assert len(records) == 1 and records[0].source_path.suffix == ".txt"
    assert len(records[0].table.projects()) == 29


def test_add_to_library_feeds_drafting(seeded):
    from assistant.draft.library import user_tables

    response = seeded.post("/d/1/library", data={"csrf_token": csrf(seeded)})
    assert response.status_code == 200 and "已加入指标库" in response.text
    assert len(user_tables()) == 1


def test_every_post_needs_the_csrf_token(seeded):
    record = _record(seeded, lambda r: r.data["name"] == "区法学会经费")
    forged = seeded.post(f"/d/1/p/{record.id}/edit", data={"field": "goal", "value": "x", "version": record.version})
    assert forged.status_code == 403 and "CSRF" in forged.text
    wrong = seeded.post("/d/1/accept", data={"csrf_token": "not-the-token"})
    assert wrong.status_code == 403
    assert seeded.post("/upload", files={"files": ("a.txt", b"x")}).status_code == 403


def test_upload_limit_unsupported_files_and_generated_names(tmp_path):
    with make_client(tmp_path, max_upload_mb=1) as client:
        too_big = client.post(
            "/upload", files={"files": ("big.txt", b"x" * (2 * 1024 * 1024))}, data={"csrf_token": csrf(client)}
        )
        assert too_big.status_code == 413 and "上限为 1 MB" in too_big.text
        refused = client.post("/upload", files={"files": ("evil.exe", b"MZ")}, data={"csrf_token": csrf(client)})
        assert refused.status_code == 400 and "不支持的文件类型" in refused.text
        upload(client, "../../../etc/passwd.txt", "项目名称\t总计\n".encode())
        stored = [p.name for p in (tmp_path / "uploads").iterdir()]
        assert len(stored) == 1 and re.fullmatch(r"[0-9a-f]{32}\.txt", stored[0])
        assert not (tmp_path / "etc").exists()


def test_cells_are_escaped(tmp_path, seed_text):
    hostile = seed_text.replace("区法学会经费", "<script>alert(1)</script>经费")
    with make_client(tmp_path) as client:
        upload(client, "<img src=x onerror=alert(1)>.txt", hostile.encode("utf-8"))
        wait_done(client, 1)
        for page in (client.get("/").text, client.get("/d/1").text):
            assert "<script>alert" not in page and "<img src=x" not in page
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "&lt;img src=x" in page


def test_unreadable_rows_are_listed_with_their_raw_text(tmp_path, seed_text):
    lines = seed_text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("区法学会经费"))
    cells = lines[row].split("\t")
    cells[-1] = "1、这一格不是指标"
    lines[row] = "\t".join(cells)
    with make_client(tmp_path) as client:
        upload(client, "broken.txt", "\n".join(lines).encode("utf-8"))
        wait_done(client, 1)
        page = client.get("/d/1").text
        assert "未读出的行" in page and "这一格不是指标" in page
        assert "应为一个绩效目标单元格" in page  # the parser's message, in Chinese


def test_a_file_that_cannot_be_read_says_why(tmp_path):
    with make_client(tmp_path) as client:
        upload(client, "scan.png", b"not an image")
        wait_done(client, 1)
        page = client.get("/").text
        assert "读取失败" in page and "scan.png" in page and "不是本工具能读取的图像" in page


def test_token_is_required_when_set(tmp_path):
    with make_client(tmp_path, token="口令123") as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/login"
        assert client.get("/d/1/export.json", follow_redirects=False).status_code == 303
        bad = client.post("/login", data={"token": "nope", "csrf_token": csrf(client)})
        assert bad.status_code == 403
        good = client.post("/login", data={"token": "口令123", "csrf_token": csrf(client)}, follow_redirects=False)
        assert good.status_code == 303
        assert client.get("/").status_code == 200


def test_serve_refuses_another_host_without_a_token(monkeypatch):
    from assistant.cli import main

    monkeypatch.delenv("ASSISTANT_WEB_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == 2


def test_drafting_page_drafts_lints_and_exports(client):
    from openpyxl import load_workbook

    response = client.post(
        "/draft",
        data={"name": "社区普法宣传", "goal": "每月组织开展一场普法讲座", "budget": "20", "csrf_token": csrf(client)},
    )
    assert response.status_code == 200 and "指标草稿：社区普法宣传" in response.text
    assert "依据与来源" in response.text and "产出指标" in response.text
    edited = client.post(
        "/draft/1/edit",
        data={"index": 0, "field": "annual_value", "value": "逐步提高", "version": 1},
        headers={"X-CSRF-Token": csrf(client)},
    )
    assert 'data-code="VALUE_VAGUE"' in edited.text and "指标值模糊" in edited.text
    workbook = load_workbook(io.BytesIO(client.get("/draft/1/export.xlsx").content))
    assert any(r[-1] == "逐步提高" for r in workbook["绩效指标"].iter_rows(values_only=True))
    assert client.get("/draft/1/export.txt").text.startswith("1、1-产出指标")
    refused = client.post("/draft", data={"name": "x", "budget": "二十", "csrf_token": csrf(client)})
    assert refused.status_code == 422 and "预算请填大于0的数字" in refused.text


def test_drafting_page_type_sector_and_add_delete_relint(client):
    from assistant.draft.types import load_types
    from assistant.i18n import SECTORS
    from assistant.web.models import DraftRecord

    assert set(SECTORS) == set(load_types().sectors)  # every sector of the type file has its Chinese name

    form = client.get("/draft").text
    assert '<option value="training">培训</option>' in form and '<option value="health">卫生健康</option>' in form
    page = client.post(
        "/draft",
        data={
            "name": "年度业务工作经费",
            "goal": "完成年度工作",
            "budget": "30",
            "project_type": "training",
            "sector": "training",
            "csrf_token": csrf(client),
        },
    ).text
    assert "项目类型：培训" in page and "领域：培训" in page  # the clerk's choice, not the name's guess
    with client.app.state.sessions() as session:
        record = session.get(DraftRecord, 1)
        count, version = len(record.data["indicators"]), record.version
    headers = {"X-CSRF-Token": csrf(client)}
    added = client.post("/draft/1/indicators/add", data={"version": version}, headers=headers)
    assert added.status_code == 200 and f'id="d-{count}-name"' in added.text
    assert 'data-code="NAME_MISSING"' in added.text or 'data-code="VALUE_MISSING"' in added.text  # re-linted
    stale = client.post("/draft/1/indicators/0/delete", data={"version": version}, headers=headers)
    assert stale.status_code == 409 and "未保存" in stale.text
    filled = client.post(
        "/draft/1/edit",
        data={"index": count, "field": "name", "value": "培训满意度", "version": version + 1},
        headers=headers,
    )
    assert 'value="培训满意度"' in filled.text
    deleted = client.post("/draft/1/indicators/0/delete", data={"version": version + 2}, headers=headers)
    assert deleted.status_code == 200
    with client.app.state.sessions() as session:
        data = session.get(DraftRecord, 1).data
    assert [i["seq"] for i in data["indicators"]] == list(range(1, count + 1))  # renumbered after the delete
    assert data["indicators"][-1]["name"] == "培训满意度"
    assert all(f["seq"] in {None, *range(1, count + 1)} for f in data["findings"])
    refused = client.post("/draft", data={"name": "x", "project_type": "no-such", "csrf_token": csrf(client)})
    assert refused.status_code == 422


def test_accuracy_page_shows_a_small_drop(client, tmp_path, monkeypatch):
    evals = tmp_path / "evals"
    evals.mkdir()
    lines = [
        {
            "run_id": f"run{n}",
            "time": f"2026-11-2{n}T10:00:00+00:00",
            "kind": "extract",
            "backend": "rules",
            "metrics": {"indicator_f1": value, "project_f1": 1.0, "amounts": 1.0, "goal_exact": 1.0},
        }
        for n, value in enumerate((1.0, 1.0, 0.99))
    ]
    (evals / "history.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_EVALS_DIR", str(evals))
    page = client.get("/accuracy").text
    assert "指标完全正确率（F1）" in page and "0.9900" in page
    ticks = re.findall(r'text-anchor="end" fill="#444">([0-9.]+)<', page)
    assert float(ticks[0]) >= 0.94 and float(ticks[-1]) == 1.0  # the axis spans the data: 0.99 is a visible step
    ys = [float(y) for y in re.findall(r'<circle cx="[0-9.]+" cy="([0-9.]+)" r="4" fill="#1f6feb"', page)]
    assert ys[2] - ys[1] > 20  # pixels between 1.00 and 0.99
    assert client.get("/accuracy/runs/run0/report").status_code == 404
    assert client.get("/accuracy/runs/..%2F..%2Fetc/report").status_code == 404


def test_every_finding_code_has_chinese_text():
    from assistant.checks import RULES
    from assistant.i18n import FINDINGS

    for code in RULES:
        entry = FINDINGS[code]
        assert entry.zh_name and entry.zh and entry.en and entry.fix
        assert re.search(r"[\u4e00-\u9fff]", entry.zh)


@pytest.mark.slow
def test_a_scanned_page_shows_its_image_with_the_ocr_boxes(tmp_path, cjk_font):
    from scan_render import render_gold_page

    from assistant.gold import load_gold

    table = next(r.table for r in load_gold() if r.stem == "000_e2922c57f8184701")
    page, _ = render_gold_page(table, [1, 2], dpi=200)
    buffer = io.BytesIO()
    page.image.save(buffer, format="PNG")
    with make_client(tmp_path) as client:
        upload(client, "扫描件.png", buffer.getvalue())
        wait_done(client, 1, timeout=300)
        review = client.get("/d/1").text
        assert '<img src="/d/1/page/1.png"' in review
        boxes = re.findall(r'<div class="box[^"]*" data-ref="([^"]+)" data-refs="([^"]+)"', review)
        assert boxes and any(" " in refs for _, refs in boxes)  # a cell's fields share its box
        name_ref = next(ref for ref, _ in boxes if ref.endswith("-name"))
        assert f'id="f-{name_ref}"' in review  # the box leads to its field
        image = client.get("/d/1/page/1.png")
        assert image.headers["content-type"] == "image/png" and image.content[:4] == b"\x89PNG"
        assert client.get("/d/1/page/2.png").status_code == 404


def test_pages_load_nothing_from_outside(seeded):
    """No CDN: every script, style and image the pages use is served by the workbench itself."""
    for path in ("/", "/d/1", "/draft", "/accuracy", "/d/1/history"):
        page = seeded.get(path).text
        external = re.findall(r'(?:src|href|action)="((?:https?:)?//[^"]*)"', page)
        assert external == [], (path, external)
    assert seeded.get("/static/htmx.min.js").status_code == 200
    assert "default-src 'self'" in seeded.get("/").headers["content-security-policy"]


def test_the_migrations_build_exactly_the_models(tmp_path):
    """A new column in models.py without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.web.models import Base
    from assistant.web.store import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    upgrade(engine)
    upgrade(engine)  # a second start finds it up to date
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_text_pdf_shows_its_pages_with_the_cell_boxes(tmp_path, seed_text):
    from office_copies import table_lines, write_pdf

    pdf = write_pdf(table_lines(seed_text), tmp_path / "seed.pdf")
    with make_client(tmp_path) as client:
        upload(client, "seed.pdf", pdf.read_bytes())
        wait_done(client, 1)
        review = client.get("/d/1").text
        assert '<img src="/d/1/page/1.png"' in review and '<img src="/d/1/page/2.png"' in review
        lefts = [
            float(x)
            for x in re.findall(r'class="box[^"]*" data-ref="[^"]+" data-refs="[^"]+" style="left:([0-9.]+)%', review)
        ]
        assert lefts and all(0 <= x < 100 for x in lefts)  # points scaled to the 200-dpi image
        assert client.get("/d/1/page/1.png").content[:4] == b"\x89PNG"


def test_deleting_a_document_removes_its_records_and_files(seeded, tmp_path):
    uploads = tmp_path / "uploads"
    assert list(uploads.iterdir())
    response = seeded.post("/d/1/delete", data={"csrf_token": csrf(seeded)}, follow_redirects=False)
    assert response.status_code == 303
    assert seeded.get("/d/1").status_code == 404
    assert list(uploads.iterdir()) == []
    with seeded.app.state.sessions() as session:
        assert session.query(ProjectRecord).count() == 0 and session.query(Edit).count() == 0


def test_the_upload_list_follows_ocr_page_by_page(tmp_path, monkeypatch):
    """The OCR reader's page callback becomes the document's stage: 第 k/n 页, then done."""
    from test_cli_lang import _OneBoxEngine, _tiff

    from assistant.ingest.ocr import image
    from assistant.web.jobs import Extractor

    monkeypatch.setattr(image, "get_engine", lambda: _OneBoxEngine())
    stages: list[tuple[int, str]] = []
    real = Extractor._stage

    def recording(self, document_id, state, progress, stage, **fields):
        stages.append((progress, stage))
        real(self, document_id, state, progress, stage, **fields)

    monkeypatch.setattr(Extractor, "_stage", recording)
    with make_client(tmp_path) as client:
        upload(client, "两页扫描件.tiff", _tiff(2))
        wait_done(client, 1)
    pages = [(p, s) for p, s in stages if s.startswith("OCR")]
    assert pages == [
        (10, "OCR 识别第 1/2 页（每页约 5–10 秒）"),
        (35, "OCR 识别第 2/2 页（每页约 5–10 秒）"),
        (60, "OCR 识别完成，共 2 页"),
    ]
