"""Screenshots of each page of `clausewise serve` for the README (docs/web-*.png).

    python tools/web_screenshots.py [--db clausewise-demo/demo.db]

Serves a copy of the demo's database on a free loopback port and photographs each page in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), 1280 pixels wide.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clausewise.web import WebSettings, create_app  # noqa: E402
from tests.conftest import corpus_path  # noqa: E402

DOCS = ROOT / "docs"
WIDTH, HEIGHT = 1280, 900
SPILSBY = "/council?name=Spilsby%20Town%20Council&policy=Councillor-Officer%20Protocol"


def serve(db: Path) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=str(db))), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def shoot(page: Page, name: str, height: int = HEIGHT) -> None:
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.screenshot(path=str(DOCS / f"web-{name}.png"))
    print(DOCS / f"web-{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "clausewise-demo" / "demo.db")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        shutil.copy(args.db, db)
        base = serve(db)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=args.chromium)
            page = browser.new_context(base_url=base, viewport={"width": WIDTH, "height": HEIGHT}).new_page()
            page.set_default_timeout(120_000)
            page.goto("/")
            shoot(page, "home", 640)
            page.goto("/compare")
            page.set_input_files("input[name=left_file]", str(corpus_path("sandon-burston", "pdf")))
            page.set_input_files("input[name=right_file]", str(corpus_path("spilsby", "docx")))
            page.click("button:has-text('Compare')")
            page.wait_for_selector("#counts")
            page.click("label[for=show-substantive]")
            shoot(page, "compare", 1100)
            page.goto(SPILSBY)
            shoot(page, "council", 1250)
            page.set_input_files("input[name=file]", str(corpus_path("sandon-burston-v4", "docx")))
            page.click("button:has-text('Read the file')")
            page.wait_for_selector("#add-form")
            shoot(page, "add", 760)
            page.goto("/reviews")
            shoot(page, "reviews", 760)
            page.goto("/corpus")
            page.wait_for_load_state("networkidle")
            shoot(page, "corpus", 1000)
            browser.close()


if __name__ == "__main__":
    main()
