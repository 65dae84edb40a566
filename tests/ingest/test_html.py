"""Saved web pages: the corpus protocols as LibreOffice writes them to HTML, a council's own web
page around a protocol, list numbering as a browser draws it, and hostile HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from clausewise.cli import cli
from clausewise.errors import CorruptFile, EmptyDocument
from clausewise.ingest import Document, read
from clausewise.ingest.model import RawDocument
from clausewise.ingest.readers import read_raw
from clausewise.ingest.readers.html import _TOO_DEEP
from tests.conftest import DATA, STEMS, corpus_document
from tests.ingest.fuzz_inputs import outcome
from tests.ingest.test_renditions import _matched_pairs
from tests.reports.tools import require

HTML = DATA / "html"
PAGES = ("chard-council-web-page.html", "chard-council-legacy-page.htm")
# What surrounds the policy on the council's pages: none of it is a clause.
FURNITURE = (
    "cookie",
    "Skip to main content",
    "Home",
    "Breadcrumb",
    "Related documents",
    "Standing Orders",
    "01460 239567",
    "Office hours",
    "Share this page",
    "All rights reserved",
    "Best viewed",
    "Text written by a script",
    "Search this site",
)


def rendition(key: str) -> Path:
    return HTML / "corpus" / f"{STEMS[key]}.html"


def _tree(document: Document) -> list[tuple[str, str | None, str, tuple[str, ...]]]:
    return [(c.kind, c.number, c.text, c.heading) for c in document.clauses]


# --- the corpus as web pages -----------------------------------------------------------------


def test_web_page_renditions_give_the_same_clauses_as_the_text(corpus_key: str) -> None:
    """As the Word and PDF renditions do (test_renditions): the district protocol's text has one
    paragraph more than its Word file, and so than its web page."""
    text = list(corpus_document(corpus_key, "txt").content)
    page = list(read(rendition(corpus_key)).content)
    assert abs(len(text) - len(page)) <= 1
    pairs, unmatched = _matched_pairs(text, page)
    assert unmatched <= 2
    for left, right in pairs:
        assert (left.number, left.text) == (right.number, right.text)


def test_web_page_renditions_equal_their_word_file_exactly(corpus_key: str) -> None:
    page = read(rendition(corpus_key))
    assert page.format == "html"
    assert _tree(page) == _tree(corpus_document(corpus_key, "docx"))


def test_libreoffice_still_writes_the_committed_rendition(tmp_path: Path) -> None:
    """The committed pages are LibreOffice's; a fresh export reads the same (make_renditions.py)."""
    from tests.data.html.make_renditions import ORIGINALS, convert

    require("soffice")  # skipped without LibreOffice, failed with CI=true

    convert([ORIGINALS / f"{STEMS['chard']}.docx"], tmp_path)
    assert _tree(read(tmp_path / f"{STEMS['chard']}.html")) == _tree(read(rendition("chard")))


# --- a council's own web page ----------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_council_web_page_gives_the_clauses_of_the_text(name: str) -> None:
    page = read(HTML / name)
    assert _tree(page) == _tree(corpus_document("chard", "txt"))
    assert page.council == "Chard Town Council"
    assert page.metadata.adopted is not None and page.metadata.adopted.body == "Finance & Personnel Committee"


@pytest.mark.parametrize("name", PAGES)
def test_site_furniture_is_set_aside_with_a_warning(name: str) -> None:
    page = read(HTML / name)
    words = " ".join(f"{c.text} {' '.join(c.heading)}" for c in page.clauses)
    assert [phrase for phrase in FURNITURE if phrase.lower() in words.lower()] == []
    (warning,) = [w for w in page.warnings if "set aside" in w]
    assert warning.startswith(f"{HTML / name}: read the page's main content")


def test_page_title_is_the_policy_not_the_site() -> None:
    assert read(HTML / PAGES[0]).title == "Protocol for Member/Officer relations"  # og:title
    assert read(HTML / PAGES[1]).title == "Member/Officer Protocol"  # "Chard Town Council - Member/Officer Protocol"


def test_windows_1252_page_is_decoded_by_its_meta_charset() -> None:
    clause = next(c for c in read(HTML / PAGES[1]).clauses if c.number == "2.7")
    assert "marked as “Confidential” or “Not For Publication”" in clause.text


def test_cli_reads_a_web_page() -> None:
    result = CliRunner().invoke(cli, ["read", str(HTML / PAGES[0])])
    assert result.exit_code == 0, result.output
    assert "[html, 52 clauses, 6 headings]" in result.stdout
    assert "2.3 A Councillor acting as an individual" in result.stdout
    assert "143 words of navigation" in result.stderr


# --- lists, headings, tables and line breaks as a browser shows them -------------------------


def page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> RawDocument:
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head>{head}</head><body><main>{body}</main></body></html>", "utf-8")
    return read_raw(path, path.read_bytes())


def numbers(raw: RawDocument) -> list[tuple[str | None, str]]:
    return [(b.number, b.text) for b in raw.blocks]


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ("", ["1", "2", "3", "4"]),
        ('start="7"', ["7", "8", "9", "10"]),
        ('type="a"', ["a", "b", "c", "d"]),
        ('type="A" start="26"', ["Z", "AA", "AB", "AC"]),
        ('type="i"', ["i", "ii", "iii", "iv"]),
        ('type="I" start="9"', ["IX", "X", "XI", "XII"]),
        ('style="list-style-type: lower-roman"', ["i", "ii", "iii", "iv"]),
        ('style="list-style: upper-alpha inside"', ["A", "B", "C", "D"]),
        ("reversed", ["4", "3", "2", "1"]),
        ('type="a" start="0"', ["0", "a", "b", "c"]),  # no letter for 0: a browser draws "0."
    ],
)
def test_ordered_list_numbers_are_the_ones_a_browser_draws(
    tmp_path: Path, attributes: str, expected: list[str]
) -> None:
    items = "".join(f"<li>Item {n}</li>" for n in range(4))
    raw = page(tmp_path, f"<ol {attributes}>{items}</ol>")
    assert [b.number for b in raw.blocks] == expected
    assert [b.marker for b in raw.blocks] == [f"{n}." for n in expected]


def test_nested_lists_value_and_empty_items(tmp_path: Path) -> None:
    raw = page(
        tmp_path,
        """<ol>
             <li>One<ol type="a"><li>first</li><li></li><li>third</li></ol></li>
             <li value="5"><p>Five</p><p>A second paragraph of item five.</p></li>
             <li>Six<ul><li>a bullet</li></ul></li>
           </ol>""",
    )
    assert numbers(raw) == [
        ("1", "One"),
        ("a", "first"),
        ("c", "third"),  # the empty item is counted, as a browser counts it
        ("5", "Five"),
        (None, "A second paragraph of item five."),
        ("6", "Six"),
        ("•", "a bullet"),
    ]
    assert [b.level for b in raw.blocks if b.number] == [1, 2, 2, 1, 1, 2]


def test_typed_numbers_stay_the_clause_numbers(tmp_path: Path) -> None:
    """A list's own ordinal gives way to the number typed into the item (issue 16, item 6)."""
    path = tmp_path / "typed.html"
    path.write_text(
        "<main><h2>1. Purpose</h2><ol><li>1.1 The first clause of the purpose of this protocol is here.</li>"
        "<li>1.2 The second clause of the purpose of this protocol is here.</li></ol>"
        "<ul><li>(a) a lettered item typed in a bulleted list</li></ul></main>",
        "utf-8",
    )
    document = read(path)
    assert [(c.kind, c.number) for c in document.clauses] == [
        ("heading", "1"),
        ("paragraph", "1.1"),
        ("paragraph", "1.2"),
        ("item", "(a)"),
    ]


def test_a_stylesheet_that_hides_list_markers_hides_the_numbers(tmp_path: Path) -> None:
    raw = page(
        tmp_path,
        "<ol><li>Shown without a number</li></ol><ul><li>still a bullet</li></ul>",
        "<style>li { list-style: none }</style>",
    )
    assert numbers(raw) == [(None, "Shown without a number"), ("•", "still a bullet")]
    styled = page(tmp_path, "<ol><li>Numbered</li></ol>", "<style>.menu li { list-style: none }</style>")
    assert numbers(styled) == [("1", "Numbered")]


def test_headings_paragraphs_and_line_breaks(tmp_path: Path) -> None:
    raw = page(
        tmp_path,
        """<h1>Code of Conduct</h1><h4>Members</h4>
           <p>A sentence broken<br>by a line break stays one paragraph.</p>
           <p>3.1 A clause typed after another<br/>3.2 starts a paragraph of its own.</p>
           <div>Text in a div <span>with <b>inline</b></span> markup.</div>
           <pre>4.1 Preformatted
4.2 lines</pre>""",
    )
    assert [(b.role, b.level, b.text) for b in raw.blocks] == [
        ("heading", 1, "Code of Conduct"),
        ("heading", 4, "Members"),
        (None, None, "A sentence broken by a line break stays one paragraph."),
        (None, None, "3.1 A clause typed after another"),
        (None, None, "3.2 starts a paragraph of its own."),
        (None, None, "Text in a div with inline markup."),
        (None, None, "4.1 Preformatted"),
        (None, None, "4.2 lines"),
    ]


def test_data_tables_are_tables_and_layout_tables_are_read_through(tmp_path: Path) -> None:
    raw = page(
        tmp_path,
        """<table><thead><tr><th>Version</th><th>Approved</th></tr></thead>
             <tbody><tr><td><p>1</p></td><td>19 January 2015</td></tr><tr><td></td><td></td></tr></tbody></table>
           <table><tr><td><h2>Inside a layout table</h2><ol><li>an item</li></ol></td>
             <td><table><tr><td>nested</td><td>data</td></tr></table></td></tr></table>""",
    )
    assert [t.rows for t in raw.tables] == [(("Version", "Approved"), ("1", "19 January 2015")), (("nested", "data"),)]
    assert numbers(raw) == [(None, "Inside a layout table"), ("1", "an item")]


# --- hostile HTML ----------------------------------------------------------------------------

HOSTILE = """<!DOCTYPE html><html><head><title>x</title>
<script>alert("1.1 not a clause")</script><style>p { color: red }</style></head>
<body onload="evil()"><!-- 1.2 a comment is not a clause --><?php echo 1; ?>
<nav><a href="/">Home</a></nav>
<div>
<p>1.1 Tom &amp; Jerry&rsquo;s &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;
&#x201C;quoted&#8221;&nbsp;here &bogus; &#128512;.
<img src=x onerror="alert('1.3 not a clause')"><iframe src="javascript:alert(1)">1.4 not a clause</iframe>
<p>1.2 An unclosed paragraph <b><i>with overlapping</b> tags</i>
<li>1.3 A stray list item outside any list</li></div></span></table>
<p hidden>1.5 hidden text</p><p style="display:none">1.6 hidden text</p>
<noscript>1.7 not a clause</noscript><template><p>1.8 not a clause</p></template>
<svg><text>1.9 not a clause</text></svg><p>1.4 <a href="javascript:alert(1)" onclick="x()">Linked</a> text.
"""


def test_hostile_html_is_read_as_a_browser_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE, "utf-8")
    raw = read_raw(path, path.read_bytes())
    assert [b.text for b in raw.blocks] == [
        "1.1 Tom & Jerry’s <script>alert(1)</script> &amp; “quoted” here &bogus; 😀.",
        "1.2 An unclosed paragraph with overlapping tags",
        "1.3 A stray list item outside any list",
        "1.4 Linked text.",
    ]


def test_deep_nesting_is_read_to_the_parser_limit_and_said(tmp_path: Path) -> None:
    """libxml2 stops at 255 levels and drops the rest of the page: the reader says so, in a
    warning when it read something before that point, as an error when it read nothing."""
    shallow = tmp_path / "tables.html"
    nested = "<table><tr><td>" * 60 + "<p>2.1 Nested sixty tables deep.</p>" + "</td></tr></table>" * 60
    shallow.write_text(f"<main><p>1.1 Before the tables.</p>{nested}<p>3.1 After them.</p></main>", "utf-8")
    raw = read_raw(shallow, shallow.read_bytes())
    assert [b.text for b in raw.blocks] == [
        "1.1 Before the tables.",
        "2.1 Nested sixty tables deep.",
        "3.1 After them.",
    ]
    assert raw.warnings == ()
    deep = tmp_path / "deep.html"
    deep.write_text(
        "<p>1.1 Before.</p>" + "<div>" * 5000 + "1.2 Too deep." + "</div>" * 5000 + "<p>1.3 After.</p>", "utf-8"
    )
    raw = read_raw(deep, deep.read_bytes())
    assert [b.text for b in raw.blocks] == ["1.1 Before."]
    assert raw.warnings == (f"{deep}: {_TOO_DEEP}; the text after that point was not read",)
    deep.write_text("<div>" * 5000 + "1.2 Too deep." + "</div>" * 5000, "utf-8")
    with pytest.raises(CorruptFile, match="more than 255 deep"):
        read_raw(deep, deep.read_bytes())


def test_a_large_page_is_read_whole(tmp_path: Path) -> None:
    large = tmp_path / "large.html"
    clause = "<p>{}.{} Councillors and officers work together, as section {} of this long page says.</p>"
    sections = (
        f"<h2>{n}. Section {n}</h2>" + "".join(clause.format(n, m, n) for m in range(1, 41)) for n in range(1, 501)
    )
    large.write_text(f"<html><body><main>{''.join(sections)}</main></body></html>", "utf-8")
    document = read(large)
    assert len(document.content) == 20_000
    assert (document.content[-1].number, document.content[-1].heading) == ("500.40", ("500. Section 500",))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>", "menu-only.html"),
        ("<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>", "blank.html"),
        ("<html><body><p>&nbsp;</p><img src=x></body></html>", "image-only.htm"),
    ],
)
def test_a_page_without_text_is_refused_in_one_line(tmp_path: Path, content: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(EmptyDocument, match=r"no text|only headings"):
        read(path)
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr


def test_format_is_detected_from_the_content(tmp_path: Path) -> None:
    utf16 = tmp_path / "saved-page"
    utf16.write_bytes(
        "<html><body><p>1.1 Officers and councillors respect each other’s roles.</p></body></html>".encode("utf-16")
    )
    assert numbers(read_raw(utf16, utf16.read_bytes())) == [
        (None, "1.1 Officers and councillors respect each other’s roles.")
    ]
    fragment = tmp_path / "fragment.htm"
    fragment.write_text("<p>A page fragment &amp; no html tag.</p>", "utf-8")
    assert [b.text for b in read_raw(fragment, fragment.read_bytes()).blocks] == ["A page fragment & no html tag."]
    misnamed = tmp_path / "policy.txt"
    shutil.copy(HTML / PAGES[0], misnamed)
    document = read(misnamed)
    assert document.format == "html"
    assert "named .txt but holds a web page; read as a web page" in document.warnings[0]


def test_the_renditions_are_committed_with_their_script() -> None:
    """Every corpus Word file has its web page, so the rendition tests cover the whole corpus."""
    assert {p.stem for p in (HTML / "corpus").glob("*.html")} == set(STEMS.values())


# Pieces a damaged or hostile page is made of: tags cut in half, stray closers, entities, scripts.
_FRAGMENTS = [
    "<p>",
    "</p>",
    "<li>",
    "</li>",
    "<ol start='x'>",
    "<ol start='-3' type='i'>",
    "<ol reversed>",
    "</ol>",
    "<ul>",
    "</ul>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<h2>",
    "</h3>",
    "<br>",
    "<main>",
    "<nav>",
    "<article>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml?>",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&bogus",
    "&lt;p&gt;",
    "<li value='99999999999999999999'>",
    "<div style='display:block;float:left'>",
    "<pre>",
    "\x00",
    "1.1 ",
    "(a) ",
    "• ",
    "Councillors must respect officers. ",
    "\u202e",
    "<",
    ">",
    '"',
    "'",
    "=",
]


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(pieces=st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=60))
def test_damaged_pages_read_or_fail_in_one_line(tmp_path_factory: pytest.TempPathFactory, pieces: list[str]) -> None:
    path = tmp_path_factory.mktemp("fuzz-html") / "page.html"
    path.write_bytes(("<!DOCTYPE html>" + "".join(pieces)).encode("utf-8", "surrogatepass"))
    outcome(path)  # a Document, or an InputError whose one-line message names the file
