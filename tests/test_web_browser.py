"""End to end in a real headless Chromium: upload the seed, wait for extraction, edit an
indicator value, see the lint finding change, accept, export xlsx and check the cell —
on the default SQLite store and on a real PostgreSQL started in a temp folder.

Screenshots go to tests/artifacts/web/ (or $ASSISTANT_TEST_ARTIFACTS).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from web_support import (
    ARTIFACTS,
    chromium,
    chromium_or_skip,
    live_server,
    postgres_server,
)

from assistant.web.app import Settings

pytestmark = pytest.mark.slow


def _wait(driver, condition, timeout: float = 90, what: str = "the page"):
    from selenium.common.exceptions import (
        NoSuchElementException,
        StaleElementReferenceException,
        TimeoutException,
        WebDriverException,
    )
    from selenium.webdriver.support.ui import WebDriverWait

    def looked(d):
        try:
            return condition(d)
        except WebDriverException as exc:  # chromedriver's word for an element the page just replaced
            if "does not belong to the document" in str(exc):
                return False
            raise

    try:  # pages are redrawn and navigated while we look: a vanished element means "not yet"
        return WebDriverWait(
            driver,
            timeout,
            poll_frequency=0.2,
            ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
        ).until(looked, message=f"waiting for {what}")
    except TimeoutException:
        driver.save_screenshot(str(_shots() / "timeout.png"))  # what the page showed instead
        raise


def _shots() -> Path:
    folder = Path(os.environ.get("ASSISTANT_TEST_ARTIFACTS") or ARTIFACTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_flow(driver, base: str, seed: Path, downloads: Path, label: str) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    shots = _shots()
    driver.get(base + "/")
    name = driver.find_element(By.NAME, "clerk")
    name.send_keys("张会计")
    name.submit()
    _wait(
        driver, lambda d: d.find_element(By.NAME, "clerk").get_attribute("value") == "张会计", what="the clerk's name"
    )

    driver.find_element(By.ID, "files").send_keys(str(seed))  # the change event uploads it
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "tr.st-todo a"), what="extraction")
    driver.save_screenshot(str(shots / f"{label}-1-documents.png"))
    driver.get(driver.find_element(By.CSS_SELECTOR, "tr.st-todo a").get_attribute("href"))  # the list keeps polling

    findings = _wait(
        driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".rowfinding[data-code=VALUE_VAGUE]"), what="the review page"
    )
    driver.save_screenshot(str(shots / f"{label}-2-review.png"))
    ref = next(f.get_attribute("data-ref") for f in findings if f.get_attribute("data-ref").endswith("annual_value"))
    field_id = f"f-{ref}"  # f-<project>-indicators-<i>-annual_value
    field = driver.find_element(By.ID, field_id)
    project_id, index = field_id.split("-")[1], int(field_id.split("-")[3])
    card = driver.find_element(By.ID, f"proj-{project_id}")
    project_name = card.find_element(By.ID, f"f-{project_id}-name").get_attribute("value")
    seq = int(card.find_element(By.ID, f"f-{project_id}-indicators-{index}-seq").get_attribute("value"))
    field.click()  # the value's source span lights up
    mark = driver.find_element(By.ID, "m-" + field_id[2:])
    assert "hl" in mark.get_attribute("class")

    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("≥95%")
    field.send_keys(Keys.TAB)  # change -> saved, re-checked, card redrawn

    def rechecked(d):  # the card is redrawn when the answer arrives
        still = d.find_elements(By.CSS_SELECTOR, f'.rowfinding[data-ref="{ref}"][data-code=VALUE_VAGUE]')
        return d.find_element(By.ID, field_id).get_attribute("value") == "≥95%" and not still

    _wait(driver, rechecked, what="the finding to clear after the edit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", driver.find_element(By.ID, field_id))
    driver.save_screenshot(str(shots / f"{label}-3-edited.png"))

    driver.find_element(By.ID, "accept-doc").click()
    _wait(driver, lambda d: "已审核" in d.find_element(By.CSS_SELECTOR, ".rhead h1").text, what="acceptance")
    driver.save_screenshot(str(shots / f"{label}-4-accepted.png"))

    driver.find_element(By.ID, "export-xlsx").click()
    deadline = time.monotonic() + 30
    while not [p for p in downloads.glob("*.xlsx")] and time.monotonic() < deadline:
        time.sleep(0.2)
    exported = sorted(downloads.glob("*.xlsx"))
    assert exported, "the xlsx export did not download"
    rows = list(load_workbook(exported[0])["绩效指标"].iter_rows(values_only=True))
    row = next(r for r in rows if r[1] == project_name and r[2] == seq)
    assert row[-1] == "≥95%"

    driver.get(base + "/d/1/history")
    history = driver.find_element(By.CSS_SELECTOR, "table.hist").text
    assert "张会计" in history and "≥95%" in history


@pytest.fixture()
def downloads(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def test_review_flow_in_chromium_on_sqlite(tmp_path, seed_path, downloads):
    chromium_or_skip()
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'wb.sqlite'}", files=tmp_path / "uploads", evals_dir=tmp_path / "evals"
    )
    with live_server(settings) as base, chromium(downloads) as driver:
        run_flow(driver, base, seed_path, downloads, "sqlite")
        _two_clerks(driver, base)
        _draft_and_accuracy(driver, base, tmp_path / "evals")


def _two_clerks(driver, base: str) -> None:
    """Another clerk saves the project first: this clerk gets the conflict, keeps the value, re-applies it."""
    import httpx
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(base + "/d/1")
    card = driver.find_elements(By.CSS_SELECTOR, "section.project textarea.textarea")[0].find_element(
        By.XPATH, "ancestor::section[contains(@class, 'project')]"
    )
    pid = card.get_attribute("id").removeprefix("proj-")
    version = driver.find_element(By.ID, f"v-{pid}").get_attribute("value")
    other = httpx.Client(base_url=base, cookies={"clerk": "%E6%9D%8E%E4%BC%9A%E8%AE%A1"})  # 李会计
    other.get("/health")
    saved = other.post(
        f"/d/1/p/{pid}/edit",
        data={"field": "goal", "value": "李会计改的目标", "version": version},
        headers={"X-CSRF-Token": other.cookies.get("csrf")},
    )
    assert saved.status_code == 200

    goal = driver.find_element(By.ID, f"f-{pid}-goal")
    goal.send_keys(Keys.CONTROL, "a")
    goal.send_keys("张会计改的目标")
    goal.send_keys(Keys.TAB)
    banner = _wait(
        driver, lambda d: d.find_element(By.CSS_SELECTOR, f"#proj-{pid} .banner.conflict"), what="the conflict"
    )
    assert "李会计" in banner.text and "张会计改的目标" in banner.text
    assert driver.find_element(By.ID, f"f-{pid}-goal").get_attribute("value") == "李会计改的目标"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", banner)
    driver.save_screenshot(str(_shots() / "sqlite-4b-conflict.png"))
    banner.find_element(By.TAG_NAME, "button").click()  # 用我的值覆盖
    _wait(
        driver,
        lambda d: (
            d.find_element(By.ID, f"f-{pid}-goal").get_attribute("value") == "张会计改的目标"
            and not d.find_elements(By.CSS_SELECTOR, f"#proj-{pid} .banner.conflict")
        ),
        what="the value re-applied",
    )


def _draft_and_accuracy(driver, base: str, evals: Path) -> None:
    """The drafting page drafts in the browser; the accuracy chart draws a (test) history with a drop."""
    import json

    from selenium.webdriver.common.by import By

    driver.get(base + "/draft")
    driver.find_element(By.NAME, "name").send_keys("社区普法宣传")
    driver.find_element(By.NAME, "goal").send_keys("每月组织开展一场普法讲座")
    driver.find_element(By.NAME, "budget").send_keys("20")
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.NAME, "project_type")).select_by_visible_text("宣传")
    driver.find_element(By.CSS_SELECTOR, ".draftform button[type=submit]").click()
    _wait(driver, lambda d: "指标草稿：社区普法宣传" in d.find_element(By.TAG_NAME, "h1").text, what="the draft")
    assert "项目类型：宣传" in driver.find_element(By.CSS_SELECTOR, "p.summary").text
    assert "1、1-产出指标" in driver.find_element(By.CSS_SELECTOR, "textarea.cell").get_attribute("value")
    count = len(driver.find_elements(By.CSS_SELECTOR, "table.inds tbody input[aria-label=name]"))
    driver.find_element(By.ID, "draft-add").click()  # a blank indicator: the linter says what it lacks
    _wait(driver, lambda d: d.find_elements(By.ID, f"d-{count}-name"), what="the added indicator")
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-code="VALUE_MISSING"]'), what="its finding")
    driver.save_screenshot(str(_shots() / "sqlite-5-draft.png"))
    driver.execute_script("window.confirm = () => true")  # hx-confirm asks before a delete
    driver.find_element(By.ID, f"d-{count}-delete").click()
    _wait(
        driver,
        lambda d: (
            not d.find_elements(By.ID, f"d-{count}-name")
            and not d.find_elements(By.CSS_SELECTOR, '[data-code="VALUE_MISSING"]')
        ),
        what="the indicator deleted and re-linted",
    )

    evals.mkdir(parents=True, exist_ok=True)
    runs = [("2026-11-20T09:00:00+00:00", 1.0), ("2026-11-24T09:00:00+00:00", 1.0), ("2026-11-28T09:00:00+00:00", 0.99)]
    (evals / "history.jsonl").write_text(
        "\n".join(
            json.dumps(
                {
                    "run_id": f"test-run-{n}",
                    "time": time_,
                    "kind": "extract",
                    "backend": "rules",
                    "metrics": {"indicator_f1": f1, "project_f1": 1.0, "amounts": 1.0, "goal_exact": 0.98},
                }
            )
            for n, (time_, f1) in enumerate(runs)
        ),
        encoding="utf-8",
    )
    driver.get(base + "/accuracy")
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart polyline")
    driver.save_screenshot(str(_shots() / "sqlite-6-accuracy-test-history.png"))


def test_review_flow_in_chromium_on_postgresql(tmp_path, seed_path, downloads):
    chromium_or_skip()
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[web]'")
    with postgres_server() as url:
        settings = Settings(db_url=url, files=tmp_path / "uploads")
        with live_server(settings) as base, chromium(downloads) as driver:
            run_flow(driver, base, seed_path, downloads, "postgresql")
