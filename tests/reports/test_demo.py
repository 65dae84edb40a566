"""The demo's index.html: every report it wrote, grouped by council, in the reports' own style."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from clausewise.app.demo import Demo, build_demo
from clausewise.app.reviews import ALL_COUNCILS
from clausewise.reports.html import environment
from tests.reports.corpus import AS_OF, COUNCILS, council_name


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo", as_of=AS_OF)


def _sections(page: str) -> dict[str, list[str]]:
    """Each group's heading and the files its table links, in page order."""
    parts = re.split(r"<h2>(.*?)</h2>", page)[1:]
    return {
        unescape(title): re.findall(r'href="([^"]+)"', body)
        for title, body in zip(parts[::2], parts[1::2], strict=True)
    }


def test_index_groups_the_reports_by_council(demo: Demo) -> None:
    page = demo.index.read_text(encoding="utf-8")
    sections = _sections(page)
    councils = sorted(council_name(key) for key in COUNCILS)
    assert list(sections) == [*councils, ALL_COUNCILS]
    for group, links in sections.items():
        assert sorted(links) == sorted(w.path.name for w in demo.written if w.group == group)
        assert all((demo.index.parent / link).is_file() for link in links)
    assert sorted(link for links in sections.values() for link in links) == sorted(w.path.name for w in demo.written)
    slug = re.compile(r"^[a-z-]+-(divergence|redline|history|update)\.(html|docx|md)$")
    for council in councils:
        assert all(slug.match(link) for link in sections[council])
        assert len(sections[council]) == 8  # divergence in three formats, redline in two, history, update in two
    assert sections[ALL_COUNCILS] == ["reviews.html", "reviews.csv", "matrix.html", "matrix.svg", "matrix.csv"]


def test_index_uses_the_reports_stylesheet(demo: Demo) -> None:
    stylesheet = environment().get_template("style.css.j2").render()
    assert "@page { size: A4" in stylesheet
    page = demo.index.read_text(encoding="utf-8")
    report = (demo.index.parent / "spilsby-town-council-divergence.html").read_text(encoding="utf-8")
    assert stylesheet in page and stylesheet in report
    assert "<script" not in page and "<link" not in page  # self-contained, like the reports
    assert '<table class="data">' in page and 'class="page"' in page  # the reports' table and page layout


def test_index_names_each_report_and_its_formats(demo: Demo) -> None:
    page = demo.index.read_text(encoding="utf-8")
    spilsby = page[page.index("<h2>Spilsby Town Council</h2>") : page.index(f"<h2>{ALL_COUNCILS}</h2>")]
    rows = re.findall(r'<td class="report">(.*?)</td><td>(.*?)</td><td class="files">(.*?)</td>', spilsby)
    assert [name for name, _, _ in rows] == [
        "Divergence",
        "Redline from the model",
        "History",
        "Update to the current model",
    ]
    assert [re.findall(r">([^<]+)</a>", files) for _, _, files in rows] == [
        ["HTML", "Word", "Markdown"],
        ["HTML", "Word"],
        ["HTML"],
        ["HTML", "Word"],
    ]
    assert unescape(rows[0][1]) == "How a council's policy differs from the model"


def test_written_paths_are_what_the_command_prints(demo: Demo) -> None:
    assert all(isinstance(w.path, Path) and w.path.parent == demo.index.parent for w in demo.written)
    assert {w.title for w in demo.written if w.group == "Spilsby Town Council"} == {
        "Divergence: Spilsby Town Council (html)",
        "Divergence: Spilsby Town Council (docx)",
        "Divergence: Spilsby Town Council (md)",
        "Redline from the model: Spilsby Town Council (docx)",
        "Redline from the model: Spilsby Town Council (html)",
        "History: Spilsby Town Council (html)",
        "Update to the current model: Spilsby Town Council (docx)",
        "Update to the current model: Spilsby Town Council (html)",
    }
