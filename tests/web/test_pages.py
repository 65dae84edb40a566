"""The pages on the corpus store: what a clerk sees on each, and the forms that write."""

from __future__ import annotations

import io
import re

import docx
from click.testing import CliRunner
from fastapi.testclient import TestClient

from clausewise.align.summary import summarise
from clausewise.app import Store
from clausewise.app.comparing import compare
from clausewise.cli import cli
from tests.conftest import corpus_path
from tests.store.conftest import snapshot

from .conftest import csrf_of

SPILSBY = "/council?name=Spilsby%20Town%20Council&policy=Councillor-Officer%20Protocol"


def test_home_lists_each_council_with_similarity_and_review_state(client: TestClient, demo_db: str) -> None:
    html = client.get("/?as_of=2026-11-30").text
    divergence = Store(demo_db).divergence("Spilsby")
    row = html[html.index("Spilsby Town Council") :].split("</tr>")[0]
    assert f"{divergence.headline.similarity:.0f}%" in row
    assert "Due in more than 90 days" in row and "due 2028-04<" in row  # April 2028: known to the month
    assert "version 3" in row and "the model is now at version 4" in row
    assert "this is the model" in html and "Chard Town Council" in html


def test_compare_uploads_shows_counts_and_side_by_side(client: TestClient) -> None:
    left, right = corpus_path("sandon-burston", "txt"), corpus_path("spilsby", "docx")
    with left.open("rb") as one, right.open("rb") as two:
        files = {"left_file": (left.name, one), "right_file": (right.name, two)}
        html = client.post("/compare", data={"csrf": csrf_of(client)}, files=files).text
    summary = summarise(compare(left, right))
    counts = {name: int(n) for name, n in re.findall(r'data-count="(\w+)"><b>(\d+)</b>', html)}
    expected = ("identical", "cosmetic", "modified", "removed", "added", "moved")
    assert counts == {name: getattr(summary, name) for name in expected}
    assert html.count('<tr class="row ') == len(re.findall(r'<tr class="row [^"]*">', html)) > 50
    assert html.count("row removed") == summary.removed and "<del>" in html and "<ins>" in html
    redline = re.search(r'href="(/compare/redline\.docx\?[^"]+)"', html)
    assert redline is not None
    response = client.get(redline.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert any("w:ins" in p._p.xml for p in document.paragraphs)  # tracked changes, in Word's own terms


def test_compare_stored_versions(client: TestClient, demo_db: str) -> None:
    html = client.get("/compare?left=model&right=Spilsby").text
    names = "Sandon and Burston Parish Council, version 4", "Spilsby Town Council, version 2026"
    assert f'{names[0]} <span class="arrow">→</span> {names[1]}' in html
    data = client.get("/compare/changes.json?left=model&right=Spilsby")
    printed = CliRunner().invoke(cli, ["compare", "model", "Spilsby", "--format", "json", "--db", demo_db]).stdout
    assert data.text == printed


def test_council_page_review_then_reviews_page(client: TestClient, demo_db: str) -> None:
    html = client.get(SPILSBY).text
    assert "History" in html and "of the model's words kept" in html and "Record a review" in html
    form = {"csrf": csrf_of(client), "name": "Spilsby Town Council", "policy": "Councillor-Officer Protocol"}
    form |= {"on": "2026-11-02", "next_due": "2027-11-30", "minute": "77/26"}
    done = client.post("/council/review", data=form)
    assert "Review recorded" in done.text and "2026-11-02: unchanged (minute 77/26)" in done.text
    reviews = client.get("/reviews?as_of=2026-11-30").text
    assert "2027-11-30" in reviews
    csv = client.get("/reviews.csv?as_of=2026-11-30")
    assert csv.headers["content-disposition"].startswith("attachment") and "2027-11-30" in csv.text


def test_bad_review_date_changes_nothing(client: TestClient, demo_db: str) -> None:
    before = snapshot(demo_db)
    form = {"csrf": csrf_of(client), "name": "Spilsby Town Council", "policy": "Councillor-Officer Protocol"}
    response = client.post("/council/review", data={**form, "on": "2026-11-02", "next_due": "30/11/2027"})
    assert response.status_code == 400 and "next review due" in response.text and "Traceback" not in response.text
    assert snapshot(demo_db) == before


def test_add_version_prefilled_then_edited(client: TestClient, demo_db: str) -> None:
    csrf = csrf_of(client)
    new = corpus_path("sandon-burston-v4", "docx")
    with new.open("rb") as file:
        form = {"csrf": csrf, "name": "Spilsby Town Council", "policy": "Councillor-Officer Protocol"}
        html = client.post("/council/add", data=form, files={"file": (new.name, file)}).text
    assert 'name="label" value="4"' in html and 'name="adopted_on" value="2026-10-20"' in html
    key = re.search(r'name="key" value="([^"]+)"', html)
    assert key is not None
    fields = {"label": "4", "adopted_on": "2026-11-01", "adopted_by": "", "minute_ref": "12/26"}
    fields["review_due"] = "2027-10"  # as the document says it: left as it is, it stays the document's
    done = client.post("/council/add/confirm", data={**form, "key": key.group(1), **fields})
    assert "added as version 4" in done.text
    stored = Store(demo_db).version("Spilsby@4")
    assert (stored.adopted_on.isoformat() if stored.adopted_on else None, stored.minute_ref) == ("2026-11-01", "12/26")
    assert stored.source_name == new.name and stored.status == "current"


def test_corpus_page(client: TestClient) -> None:
    html = client.get("/corpus").text
    assert '<img src="/corpus/matrix.svg"' in html and "most often drop or change" in html
    svg = client.get("/corpus/matrix.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<svg" in svg.text
