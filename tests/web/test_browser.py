"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright for Python
without downloading a browser of its own): a real server on loopback, a real browser, the
corpus files. Without Chromium or Playwright these skip saying why; under CI (CI=true) they fail."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
import uvicorn

from clausewise.align.summary import summarise
from clausewise.app.comparing import compare
from clausewise.web import WebSettings, create_app
from tests.conftest import corpus_path

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = os.environ.get("CLAUSEWISE_CHROMIUM", "/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (the dev extra)")


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        pytest.fail(f"{reason} (CI=true: .ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture
def server(demo_db: str) -> Iterator[str]:
    """The web app served by uvicorn on a free loopback port, in this process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(WebSettings(db=demo_db, port=port)), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server: str) -> Iterator[Page]:
    if not shutil.which(CHROMIUM):
        _missing(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = browser.new_context(base_url=server, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        yield tab
        browser.close()


def upload_two(page: Page, left: Path, right: Path) -> None:
    page.goto("/compare")
    page.set_input_files("input[name=left_file]", str(left))
    page.set_input_files("input[name=right_file]", str(right))
    page.click("button:has-text('Compare')")
    page.wait_for_selector("#counts")


def test_upload_two_files_and_see_the_counts(page: Page) -> None:
    left, right = corpus_path("sandon-burston", "pdf"), corpus_path("spilsby", "docx")
    upload_two(page, left, right)
    shown = {
        li.get_attribute("data-count"): int(li.inner_text().split()[0]) for li in page.query_selector_all("#counts li")
    }
    summary = summarise(compare(left, right))
    assert shown == {name: getattr(summary, name) for name in shown}
    assert len(shown) == 6
    rows = page.locator("table.sbs tbody tr")
    everything = rows.count()
    page.click("label[for=show-removed]")
    visible = [row for row in rows.all() if row.is_visible()]
    assert len(visible) == summary.removed < everything


def test_record_a_review_and_see_it_on_the_reviews_page(page: Page) -> None:
    page.goto("/")
    page.click("text=Chard Town Council")
    page.fill("#review-form input[name=on]", "2026-11-02")
    page.fill("#review-form input[name=next_due]", "2027-10-31")
    page.fill("#review-form input[name=minute]", "88/26")
    page.click("#review-form button")
    assert "Review recorded" in page.inner_text(".done")
    assert "2026-11-02: unchanged (minute 88/26)" in page.inner_text("table")
    page.click("nav >> text=Reviews")
    row = page.locator("tr", has_text="Chard Town Council")
    assert "2027-10-31" in row.inner_text()


def test_download_a_redline_and_open_it_in_python_docx(page: Page, tmp_path: Path) -> None:
    upload_two(page, corpus_path("sandon-burston", "docx"), corpus_path("sandon-burston-v4", "docx"))
    with page.expect_download() as waiting:
        page.click("text=Redline for Word (.docx)")
    saved = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    assert saved.suffix == ".docx"
    document = docx.Document(io.BytesIO(saved.read_bytes()))
    body = document.element.body.xml
    assert "<w:ins " in body and "<w:del " in body
    assert len(document.paragraphs) > 50


def test_a_hostile_file_shows_as_text(page: Page, hostile_file: Path) -> None:
    dialogs: list[str] = []  # an alert() that ran would open one
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    upload_two(page, hostile_file, corpus_path("spilsby", "txt"))
    table = page.inner_text("table.sbs")
    assert "<script>alert('x')</script>" in table
    assert '<img src=x onerror="alert(1)">' in table
    assert page.locator("table.sbs img").count() == 0
    assert page.locator("table.sbs script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == []
    assert "hostile<b>protocol.txt" in page.inner_text("h1")


def test_a_comparison_says_it_is_working_after_a_second(page: Page) -> None:
    """The page's script shows "Working…" one second after a comparison is sent, and not at
    once. The answer goes to a frame of the page, so the page itself stays to be looked at
    however fast this machine compares."""
    page.goto("/compare")
    page.evaluate(
        """() => {
            const sink = document.createElement("iframe");
            sink.name = "sink";
            document.body.append(sink);
            document.querySelector("form[data-working]").target = "sink";
        }"""
    )
    page.set_input_files("input[name=left_file]", str(corpus_path("chard", "txt")))
    page.set_input_files("input[name=right_file]", str(corpus_path("spilsby", "txt")))
    page.click("button:has-text('Compare')")
    page.wait_for_timeout(300)
    assert page.locator("#working").is_hidden()
    page.wait_for_selector("#working", state="visible", timeout=3000)
    assert "Working" in page.inner_text("#working")
