"""Every internal link and anchor of the built site resolves.

The strict build already validates the Markdown links it knows about; this crawls what was
actually written: every ``href``/``src`` in every HTML file (theme, quizzes, notebooks and hooks
included) must point at a file of the site, and every ``#fragment`` at an ``id`` or ``name`` of
the page it names. No browser needed.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from support import site_url_of

# Attributes that reference another file or place; srcset is left out (none are written).
LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
NOT_LINKS = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("id", "name"):
            if a.get(name) and (name == "id" or tag in ("a", "map")):
                self.anchors.add(str(a[name]))
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr) is not None:
            self.links.append(str(a[attr]).strip())


def target_file(site: Path, url_path: str) -> Path:
    """The file a URL path under the site root is served from (``dir/`` is ``dir/index.html``)."""
    path = site / unquote(url_path)
    if url_path == "" or url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def broken_links(site: Path) -> tuple[list[str], int]:
    """Problems (``page: link: what is wrong``) and the number of internal links checked."""
    site_url = site_url_of(site)
    base = urlsplit(site_url)
    pages: dict[Path, _PageParser] = {}
    for html in sorted(site.rglob("*.html")):
        parser = _PageParser()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html] = parser

    problems: list[str] = []
    checked = 0
    for html, parser in pages.items():
        rel = html.relative_to(site).as_posix()
        page_url = urljoin(site_url, rel.removesuffix("index.html"))
        for link in parser.links:
            if not link or link.startswith(NOT_LINKS):
                continue
            url = urlsplit(urljoin(page_url, link))
            if (url.scheme, url.netloc) != (base.scheme, base.netloc):
                continue  # another host: not this site's to check
            if not url.path.startswith(base.path):
                problems.append(f"{rel}: {link}: leaves the site ({base.path} is its root)")
                continue
            checked += 1
            target = target_file(site, url.path.removeprefix(base.path))
            if not target.is_file():
                problems.append(f"{rel}: {link}: no such file {target.relative_to(site)}")
            elif url.fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else set()
                if unquote(url.fragment) not in anchors:
                    where = target.relative_to(site).as_posix()
                    problems.append(f"{rel}: {link}: no id {url.fragment!r} in {where}")
    # A link repeated on a page (nav, footer, body) is one problem.
    return list(dict.fromkeys(problems)), checked


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    problems, checked = broken_links(site_dir)
    pages = len(list(site_dir.rglob("*.html")))
    assert checked > pages, f"only {checked} internal links in {pages} pages: is the crawl broken?"
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems)


def test_crawler_reports_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    """The checker itself finds both kinds of fault and names the page that has them."""
    (tmp_path / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://127.0.0.1:8000/docs/</loc></url></urlset>",
        encoding="utf-8",
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="b/">gone</a> '
        '<a href="a/#nowhere">bad anchor</a> <a href="https://example.org/x">elsewhere</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    problems, checked = broken_links(tmp_path)
    assert checked == 4
    assert problems == [
        "index.html: b/: no such file b/index.html",
        "index.html: a/#nowhere: no id 'nowhere' in a/index.html",
    ]
