"""Every report rendered by the real tools a clerk would use: HTML printed by headless
Chromium, Word files converted by LibreOffice. Each tool runs once per module and the
results are shared, since a conversion costs a second or more."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document as open_docx

from clausewise.app import write_report
from clausewise.reports import (
    HistoryRow,
    build_divergence,
    build_history,
    build_matrix,
    build_redline,
    build_reviews,
    render,
    review_row,
)
from clausewise.reports.divergence import DivergenceReport
from clausewise.reports.docx_layout import TEXT_WIDTH
from clausewise.reports.words import long_date
from tests.conftest import corpus_document
from tests.reports.corpus import AS_OF, COUNCILS, MODEL, against_model, council_name, local, model
from tests.reports.tools import chromium, docx_to_pdf, pdf_pages


@dataclass(frozen=True)
class Printed:
    council: str
    html: Path
    pdf: Path


def _divergence(key: str) -> DivergenceReport:
    return build_divergence(model(), local(key), against_model(key), council=council_name(key), as_of=AS_OF)


def _reports() -> dict[str, object]:
    matrix_pairs = [(council_name(k), against_model(k)) for k in COUNCILS]
    rows = [review_row(corpus_document(k, "txt"), council=council_name(k)) for k in (MODEL, *COUNCILS)]
    return {
        "divergence-chard": _divergence("chard"),
        "divergence-spilsby": _divergence("spilsby"),
        "redline": build_redline(
            model(), local("spilsby"), against_model("spilsby"), council="Spilsby Town Council", as_of=AS_OF
        ),
        "matrix": build_matrix(model(), matrix_pairs, council=council_name(MODEL), as_of=AS_OF),
        "reviews": build_reviews(rows, council="All councils", as_of=AS_OF),
        "history": build_history(
            [HistoryRow("2026", AS_OF, "Council", "12", changes=against_model("spilsby"))],
            council="Spilsby Town Council",
            policy="Councillor–Officer Protocol",
            as_of=AS_OF,
        ),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    out = tmp_path_factory.mktemp("html")
    result = {}
    for name, report in _reports().items():
        html = out / f"{name}.html"
        html.write_text(render(report, "html"), encoding="utf-8")
        pdf = out / f"{name}.pdf"
        chromium(html, pdf=pdf)
        result[name] = Printed(report.council, html, pdf)  # type: ignore[attr-defined]
    return result


@pytest.mark.parametrize("name", ["divergence-chard", "divergence-spilsby", "redline", "matrix", "reviews", "history"])
def test_chromium_prints_every_report_with_a_header_on_each_page(name: str, printed: dict[str, Printed]) -> None:
    report = printed[name]
    pages = pdf_pages(report.pdf)
    assert pages
    for number, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert report.council in flat, f"page {number} has no council name"
        assert long_date(AS_OF) in flat, f"page {number} has no report date"
        assert flat.endswith(f"Page {number} of {len(pages)}"), f"page {number} is not numbered at its foot"


def test_long_reports_run_to_several_pages(printed: dict[str, Printed]) -> None:
    assert len(pdf_pages(printed["divergence-spilsby"].pdf)) > 2
    assert len(pdf_pages(printed["redline"].pdf)) > 2


def test_chromium_screenshot(printed: dict[str, Printed], tmp_path: Path) -> None:
    png = tmp_path / "divergence.png"
    chromium(printed["divergence-chard"].html, png=png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each council's divergence .docx, and the Spilsby redline, with LibreOffice's PDF of each."""
    out = tmp_path_factory.mktemp("docx")
    files = {key: write_report(_divergence(key), out / f"divergence-{key}.docx") for key in COUNCILS}
    files["redline"] = write_report(_reports()["redline"], out / "redline.docx")
    pdfs = docx_to_pdf(list(files.values()), out, out / "profile")
    return {key: (path, pdfs[path]) for key, path in files.items()}


@pytest.mark.parametrize("key", [*COUNCILS, "redline"])
def test_word_reports_number_every_page_in_the_footer(key: str, word_files: dict[str, tuple[Path, Path]]) -> None:
    path, pdf = word_files[key]
    footer = open_docx(str(path)).sections[0].footer._element
    fields = [" ".join(t.split()) for t in footer.xpath(".//w:instrText/text()")]
    assert fields == ["PAGE", "NUMPAGES"]
    pages = pdf_pages(pdf)
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):  # LibreOffice computed the fields for each page
        assert " ".join(page.split()).endswith(f"Page {number} of {len(pages)}"), f"page {number}"


@pytest.mark.parametrize("key", COUNCILS)
def test_divergence_tables_break_no_word(key: str, word_files: dict[str, tuple[Path, Path]]) -> None:
    """The section table as LibreOffice lays it out: every word of every heading and section
    title whole on one line (a narrow column used to split "INTRODUCTION" mid-word)."""
    report = _divergence(key)
    path, pdf = word_files[key]
    text = "\n".join(pdf_pages(pdf))
    table = text[text.index("By section of the model") : text.index("Modified clauses")]
    words = set(table.split())
    titles = ["Section Clauses Kept Cosmetic Modified Missing Similarity", *(s.title for s in report.sections)]
    assert {word for title in titles for word in title.split()} <= words
    widths = [column.width for column in open_docx(str(path)).tables[1].columns]
    assert sum(widths) <= TEXT_WIDTH and widths[0] == max(widths)  # the section titles get the room


@pytest.mark.parametrize("key", COUNCILS)
def test_libreoffice_converts_each_divergence_docx(key: str, word_files: dict[str, tuple[Path, Path]]) -> None:
    path, pdf = word_files[key]
    pages = pdf_pages(pdf)
    assert all(council_name(key) in " ".join(page.split()) for page in pages)
    report = _divergence(key)
    document = open_docx(str(path))
    styles = [p.style.name if p.style else "" for p in document.paragraphs]
    assert styles[0] == "Title"
    assert styles.count("Heading 1") == 5
    headings2 = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"]
    # A Heading 2 where the section changes, in the modified, the missing and the added clauses.
    parts = (
        [m.section for m in report.modified],
        [c.section for c in report.missing],
        [c.section for c in report.added],
    )
    assert headings2 == [title for part in parts for k, title in enumerate(part) if part[k - 1 : k] != [title]]
    references = [p.text for p in document.paragraphs if p.text.startswith("In the model: ")]
    assert references == [m.where for m in report.modified]
    assert [t.style.name if t.style else "" for t in document.tables] == ["Light Grid Accent 1"] * 2
    assert len(document.tables[1].rows) == len(report.sections) + 1
    assert any(p.text.startswith("Legend:") for p in document.paragraphs)
    struck = [r for p in document.paragraphs for r in p.runs if r.font.strike]
    assert len(struck) == sum(1 for m in report.modified for s in m.diff if s.op == "delete") + 1
