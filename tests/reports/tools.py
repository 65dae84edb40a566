"""Helpers for the report tests: external tools (LibreOffice, Chromium, Poppler) and the
accept-all / reject-all reading of tracked changes.

A missing tool skips the tests that need it, with the reason, on a developer's machine; with
CI=true it fails them, so a CI image without the tools cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
INSTALL = "apt-get install -y libreoffice-writer-nogui chromium poppler-utils"


def require(*names: str) -> str:
    """The first of `names` found on PATH; otherwise skip (locally) or fail (CI=true)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"{' / '.join(names)} is not installed ({INSTALL})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


def docx_to_pdf(files: list[Path], outdir: Path, profile: Path) -> dict[Path, Path]:
    """Convert .docx files to PDF with LibreOffice in one run."""
    return libreoffice(files, outdir, profile, "pdf")


def libreoffice(files: list[Path], outdir: Path, profile: Path, target: str) -> dict[Path, Path]:
    """Convert files with LibreOffice in one run ("pdf", or "docx:MS Word 2007 XML" to save as
    LibreOffice understood them); a private profile directory keeps parallel runs from
    fighting over the user installation lock."""
    soffice = require("soffice", "libreoffice")
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    suffix = target.split(":")[0]
    pdfs = {f: outdir / f"{f.stem}.{suffix}" for f in files}
    missing = [str(f) for f, pdf in pdfs.items() if not pdf.is_file() or pdf.stat().st_size == 0]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}"
    return pdfs


def chromium(html: Path, *, pdf: Path | None = None, png: Path | None = None, width: int = 1100) -> None:
    browser = require("chromium", "chromium-browser", "google-chrome")
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"]
    if pdf is not None:
        args += [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]
    if png is not None:
        args += [f"--screenshot={png}", f"--window-size={width},1500"]
    result = subprocess.run([*args, html.resolve().as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for out in (pdf, png):
        assert out is None or (out.is_file() and out.stat().st_size > 0), f"Chromium wrote no {out}: {result.stderr}"


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (Poppler's pdftotext; pages are split by form feeds)."""
    pdftotext = require("pdftotext")
    result = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [page for page in result.stdout.split("\f") if page.strip()]


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def revision_counts(root: etree._Element) -> Counter[str]:
    """w:ins / w:del elements, counting run revisions and paragraph-mark revisions apart."""
    counts: Counter[str] = Counter()
    for tag in ("ins", "del"):
        for element in root.iter(f"{{{W}}}{tag}"):
            mark = element.getparent() is not None and element.getparent().tag == f"{{{W}}}rPr"
            counts[f"{tag}-mark" if mark else tag] += 1
    return counts


def resolve(root: etree._Element, *, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change.

    Accept: drop w:del, unwrap w:ins. Reject: drop w:ins, unwrap w:del and read its
    w:delText as text. A paragraph whose own mark is dropped (w:pPr/w:rPr/w:del on accept,
    w:ins on reject) runs on into the next paragraph, as in Word. LibreOffice saves a deletion
    and an insertion of the same text as a move (w:moveFrom, w:moveTo), read likewise.
    """
    root = etree.fromstring(etree.tostring(root))  # work on a copy
    drop, keep = (("del", "moveFrom"), ("ins", "moveTo"))
    if not accept:
        drop, keep = keep, drop
    body = root.find("w:body", NS)
    texts: list[str] = []
    carry = ""
    for paragraph in body.iterfind("w:p", NS):
        mark = any(paragraph.find(f"w:pPr/w:rPr/w:{tag}", NS) is not None for tag in drop)
        for element in list(paragraph.iter(*(f"{{{W}}}{tag}" for tag in drop))):
            element.getparent().remove(element)
        for element in list(paragraph.iter(*(f"{{{W}}}{tag}" for tag in keep))):
            parent = element.getparent()
            if parent.tag == f"{{{W}}}rPr":
                parent.remove(element)
                continue
            index = parent.index(element)
            for child in reversed(list(element)):
                parent.insert(index, child)
            parent.remove(element)
        text_tags = (f"{{{W}}}t", f"{{{W}}}delText") if not accept else (f"{{{W}}}t",)
        stray = [e for e in paragraph.iter(f"{{{W}}}delText")] if accept else []
        assert not stray, "w:delText outside a w:del"
        text = carry + "".join(e.text or "" for e in paragraph.iter(*text_tags))
        if mark:
            carry = text
            continue
        texts.append(text)
        carry = ""
    if carry:
        texts.append(carry)
    return texts


BACK = 1  # the redline's body is only its tracked paragraphs, then one untracked empty paragraph


def assert_resolves(root: etree._Element, *, old: list[str], new: list[str]) -> None:
    """Accepting every change gives exactly `new`, rejecting every change exactly `old`: no
    untracked front matter, and only the empty paragraph a Word body must end on."""
    accepted, rejected = resolve(root, accept=True), resolve(root, accept=False)
    assert accepted[:-BACK] == new
    assert rejected[:-BACK] == old
    assert accepted[-BACK:] == rejected[-BACK:] == [""]
