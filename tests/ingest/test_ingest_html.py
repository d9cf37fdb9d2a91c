"""HTML pages through trafilatura."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.ingest import read_documents
from trucewatch.model import Document

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Drone strike damages port in Odesa | Example Wire</title>
<meta property="og:title" content="Drone strike damages port in Odesa">
<meta property="article:published_time" content="2025-05-14T07:10:00Z">
<link rel="canonical" href="https://wire.example/odesa-port">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<p>ODESA, Ukraine (AP) — A Russian drone struck a grain warehouse in the port of Odesa before
dawn on Wednesday, starting a fire that burned for several hours, regional officials said.</p>
<p>“The fire is out and nobody was hurt,” the regional governor wrote on Telegram, adding that
the warehouse roof had collapsed and that inspectors would assess the damage later in the day.</p>
<p>Ukraine’s air force said it shot down most of the drones launched overnight over the south.</p>
</article>
<footer>© Example Wire. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_title_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "odesa.html"
    path.write_text(PAGE, encoding="utf-8")
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document), doc
    lines = doc.text.split("\n")
    assert lines[0] == "Drone strike damages port in Odesa"
    assert lines[1].startswith("ODESA, Ukraine (AP) — A Russian drone struck a grain warehouse")
    assert "Home" not in doc.text and "rights reserved" not in doc.text
    assert doc.title == "Drone strike damages port in Odesa"
    assert doc.published == dt.date(2025, 5, 14)
    assert doc.url == "https://wire.example/odesa-port"
    assert doc.id == "odesa" and doc.origin == str(path)


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><title></title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    (error,) = read_documents([str(path)])
    assert isinstance(error, InputError) and error.problem == "no main text found in HTML"


def test_html_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "cp.html"
    body = "<p>" + "Київ атакували дронами вночі, повідомили у військовій адміністрації. " * 5 + "</p>"
    html = f'<html><head><meta charset="windows-1251"><title>Київ</title></head><body>{body}</body></html>'
    path.write_bytes(html.encode("cp1251"))
    (doc,) = read_documents([str(path)])
    assert isinstance(doc, Document) and "Київ атакували" in doc.text
