"""Finding a web page's main content, and what is never content on any page.

Measured before writing this (see tests/data/html/README.md): readability-lxml keeps the policy
of a hand-written council page but drops its short lists and headings, and so loses clauses;
trafilatura turns lists into its own markup and loses `<ol start>` and the typed numbers. So the
rule here is simple and explained, in the order a page's author states it:

1. what the page marks as its main content: `<main>` or `role="main"`, else `<article>`;
2. else the body without its site furniture (`<nav>`, `<header>`, `<footer>`, `<aside>`, and
   elements whose id, class or role says navigation, banner, cookie notice, breadcrumb,
   sidebar, …), narrowed to the densest block: the child that holds nearly all of the text.

Inside the main content, navigation, sidebars, cookie notices and breadcrumbs are dropped too.
A site header and footer are not content, but their text names the council, as a Word
document's header and footer do, so it is kept as running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..markers import clean

# Never content: code, media, form controls, and what a browser does not draw.
_NEVER = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "math",
    "canvas",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "video",
    "audio",
    "img",
    "picture",
    "map",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "dialog",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Words in an id, class or role that name site furniture. Matched as whole words of the
# attribute ("site-footer", "cookieBanner" and "breadcrumbs" match; "footnote" does not).
_FURNITURE_WORDS = (
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "skip",
    "skiplink",
    "sidebar",
    "share",
    "social",
    "related",
    "newsletter",
    "masthead",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "banner",
    "header",
    "footer",
    "contentinfo",
    "complementary",
    "search",
    "toolbar",
    "pagination",
    "advert",
    "ads",
)
_FURNITURE_TAGS = frozenset({"nav", "aside", "header", "footer"})
# Inside the main content a <header> holds the page's own title and a <footer> its date: only
# these are dropped there.
_INNER_FURNITURE_TAGS = frozenset({"nav", "aside"})
_INNER_FURNITURE_WORDS = frozenset(
    {"cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "crumbs", "skip", "skiplink"}
    | {"sidebar", "share", "social", "related", "newsletter", "navbar", "nav", "navigation", "menu", "pagination"}
)
_WORD = re.compile(r"[a-z]+")
# Descend from a block into its child while the child holds this share of the block's words:
# the rest is what surrounds the content (a contact block, a "last updated" line).
DENSEST_SHARE = 0.9
_RUNNING_MAX_CHARS = 300  # a site header's or footer's line worth keeping to name the council


@dataclass(frozen=True)
class MainContent:
    element: HtmlElement
    how: str  # "<main>", "<article>", "the densest block"
    running_text: tuple[str, ...]  # the site header's and footer's lines
    set_aside_words: int  # words of the page outside the main content


def prune(root: HtmlElement) -> None:
    """Remove what is never content, wherever it is: code, media, forms, hidden elements."""
    doomed = [
        element
        for element in root.iter()
        if not isinstance(element.tag, str)
        or element.tag in _NEVER
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or _HIDDEN_STYLE.search(element.get("style", ""))
    ]
    for element in doomed:
        _drop(element)


def no_list_markers(root: HtmlElement) -> bool:
    """Whether the page's stylesheet hides list markers (`li { list-style: none }`), as Word's
    and LibreOffice's web exports do, drawing each number as text instead. Only rules for the
    bare elements count: a class rule styles some lists, not the page's."""
    css = " ".join(style.text or "" for style in root.iter("style"))
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        names = {name.strip().lower() for name in selectors.split(",")}
        if names and names <= {"ol", "ul", "li", "ol li", "ul li"}:
            found = re.search(r"list-style(?:-type)?\s*:\s*none\b", body, re.I)
            if found:
                return True
    return False


def main_content(root: HtmlElement) -> MainContent:
    body = root.find("body")
    if body is None:
        body = root
    total = _words(body)
    marked = _largest(body.xpath(".//main | .//*[@role='main']"))
    if marked is None:
        marked = _largest(body.xpath(".//article"))
    running = _running_text(body, marked)
    if marked is not None:
        how = "<article>" if marked.tag == "article" else "<main>"
        _drop_all(e for e in marked.iter() if e is not marked and _inner_furniture(e))
    else:
        _drop_all(e for e in body.iter() if e is not body and _furniture(e))
        marked, how = _densest(body), "the densest block"
    return MainContent(marked, how, running, max(total - _words(marked), 0))


def _running_text(body: HtmlElement, main: HtmlElement | None) -> tuple[str, ...]:
    """The lines of the site's header and footer (those outside the main content)."""
    inside = set(main.iter()) if main is not None else set()
    parts = (
        element
        for element in body.iter("header", "footer")
        if element not in inside or element.get("role") in ("banner", "contentinfo")
    )
    lines = (clean(text) for part in parts for text in part.itertext())
    return tuple(dict.fromkeys(line for line in lines if 2 < len(line) <= _RUNNING_MAX_CHARS))


def _largest(candidates: Iterable[HtmlElement]) -> HtmlElement | None:
    found = [(n, c) for c in candidates if (n := _words(c))]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _densest(body: HtmlElement) -> HtmlElement:
    block = body
    while True:
        words = _words(block)
        child = _largest(c for c in block if isinstance(c.tag, str))
        if child is None or child.tag in ("p", "ol", "ul", "table") or _words(child) < DENSEST_SHARE * words:
            return block
        block = child


def _furniture(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _FURNITURE_TAGS or element.get("title") in ("header", "footer"):
        return True  # title="header": LibreOffice's web export of a Word page header
    return bool(_named(element) & set(_FURNITURE_WORDS))


def _inner_furniture(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _INNER_FURNITURE_TAGS or element.get("title") in ("header", "footer"):
        return True
    return bool(_named(element) & _INNER_FURNITURE_WORDS)


def _named(element: HtmlElement) -> set[str]:
    """The words of an element's id, class and role: "site-footer cookieBanner" -> {site,
    footer, cookie, banner}."""
    label = " ".join(element.get(name, "") for name in ("id", "class", "role"))
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    return set(_WORD.findall(spaced.lower()))


def _words(element: HtmlElement) -> int:
    return sum(len(text.split()) for text in element.itertext())


def _drop_all(elements: Iterable[HtmlElement]) -> None:
    for element in list(elements):
        _drop(element)


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep the text that follows it, which belongs to its parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
