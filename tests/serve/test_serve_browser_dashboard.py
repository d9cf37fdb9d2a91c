"""The dashboard as an analyst uses it, in Debian's chromium: one test per habit of issue 11.

Map (borders, land around, region names, clusters that open, choropleth, legend, 800 px),
the ledger's verdict first, the timeline's axes and zoom, permalinks, empty states, source
links, keyboard use and the offline /docs. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from serve_support import Server
from test_serve_browser import CHROMIUM, FLAGS, SCREENSHOTS, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        running = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield running
        running.close()


def open_page(browser: Any, width: int = 1400) -> Any:
    tab = browser.new_page(viewport={"width": width, "height": 1000})
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    return tab


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    tab = open_page(browser)
    yield tab
    tab.close()


def ready(page: Any) -> None:
    page.wait_for_function("() => document.body.dataset.ready === '1' && !document.body.dataset.loading")


def hash_params(page: Any) -> dict[str, list[str]]:
    fragment = urlsplit(page.url).fragment
    return parse_qs(fragment.partition("?")[2])


def located(server: Server) -> list[dict[str, Any]]:
    items = httpx.get(server.url + "/api/incidents", params={"limit": 1000}, timeout=30).json()["items"]
    return [i for i in items if i["lat"] is not None]


def test_map_draws_land_borders_names_and_every_incident(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    ready(page)
    assert page.locator("path.country-border").count() >= 1
    assert page.locator(".leaflet-overlay-pane path").count() > 79 + 20  # regions, countries, borders
    counts = page.eval_on_selector_all(".cluster span", "(spans) => spans.map((s) => Number(s.textContent))")
    singles = page.locator(".incident-marker").count()
    assert sum(counts) + singles == len(located(server))
    assert page.locator(".region-label.country-UA", has_text="Kharkiv").first.is_visible()
    shot(page, "map-borders-labels.png")
    # at Kharkiv, zoomed in fully, the incidents that share a point open as a spider
    page.evaluate("() => TW.map.leaflet.setView([49.98, 36.25], 10, { animate: false })")
    page.wait_for_selector(".cluster")
    before = page.locator(".incident-marker").count()
    page.evaluate("""() => {  // the cluster nearest the map's centre, which is Kharkiv
      const box = document.querySelector('#map').getBoundingClientRect();
      const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
      const dist = (el) => { const r = el.getBoundingClientRect();
        return Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy); };
      const nearest = [...document.querySelectorAll('.cluster')].sort((a, b) => dist(a) - dist(b))[0];
      nearest.dataset.test = 'kharkiv';
    }""")
    page.locator(".cluster[data-test='kharkiv']").click()
    page.wait_for_function(f"() => document.querySelectorAll('.incident-marker').length > {before}")
    page.locator(".incident-marker").last.click()
    link = page.wait_for_selector(".leaflet-popup a[data-incident]")
    assert "Kharkiv" in page.locator(".leaflet-popup").inner_text()
    shot(page, "map-spiderfied.png")
    link.click()
    page.wait_for_selector("mark.evidence")
    assert page.errors == []


def test_choropleth_and_legend(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    ready(page)
    legend = page.locator("#map-legend")
    assert "strike" in legend.inner_text() and "interception" in legend.inner_text()
    page.check("#f-choropleth")
    page.wait_for_function("() => document.querySelector('#map-legend').textContent.includes('incidents per region')")
    assert hash_params(page)["shade"] == ["1"]
    fills = page.eval_on_selector_all(".leaflet-interactive", "(ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size")
    assert fills >= 3  # unshaded plus at least two shades
    shot(page, "map-choropleth.png")


def test_layout_at_800_px(server: Server, browser: Any) -> None:
    page = open_page(browser, width=800)
    page.goto(server.url + "/")
    ready(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 800
    box = page.locator("#map").bounding_box()
    table = page.locator("#incident-table").bounding_box()
    assert box["width"] > 700 and table["y"] > box["y"] + box["height"] - 1  # map above the list
    assert page.locator("#timeline svg").bounding_box()["width"] <= 800
    shot(page, "dashboard-800px.png")
    page.close()


def test_timeline_fits_with_axes_and_zooms(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    ready(page)
    width = page.evaluate("() => document.querySelector('#timeline').clientWidth")
    assert page.locator("#timeline svg").bounding_box()["width"] <= width + 1
    assert page.locator("#timeline line.axis").count() >= 4 and page.locator("#timeline text.tick").count() >= 4
    page.click("#zoom button[data-zoom='week']")
    assert page.get_attribute("#zoom button[data-zoom='week']", "aria-pressed") == "true"
    assert "per week" in page.inner_text("#zoom-shown")
    assert hash_params(page)["zoom"] == ["week"]
    shot(page, "timeline-week.png")
    page.click("#zoom button[data-zoom='month']")
    assert "per month" in page.inner_text("#zoom-shown")
    days = httpx.get(server.url + "/api/timeline", timeout=30).json()
    total = sum(sum(d["strikes"].values()) for d in days)
    titles = page.eval_on_selector_all("#timeline svg rect title", "(ts) => ts.map((t) => t.textContent)")
    assert sum(int(t.split(": ")[1].split(" ")[0]) for t in titles if " by " in t) == total


def test_permalink_restores_and_records_filters(server: Server, page: Any) -> None:
    page.goto(server.url + "/#/?party=UA&kind=strike")
    ready(page)
    assert page.input_value("#f-party") == "UA" and page.input_value("#f-kind") == "strike"
    expected = httpx.get(server.url + "/api/incidents", params={"party": "UA", "kind": "strike"}, timeout=30).json()
    assert page.locator("#incident-table tbody tr").count() == expected["total"]
    assert f"({expected['total']})" in page.inner_text("#incident-count")
    page.select_option("#f-region", "RU-BEL")
    ready(page)
    assert hash_params(page)["region"] == ["RU-BEL"] and hash_params(page)["party"] == ["UA"]
    assert "region=RU-BEL" in page.get_attribute("nav a[data-view='ledger']", "href")


def test_empty_state_says_why(server: Server, page: Any) -> None:
    page.goto(server.url + "/#/?region=RU-MOW&kind=interception")
    ready(page)
    empty = page.wait_for_selector("#empty-state")
    text = empty.inner_text()
    assert "No incident matches kind interception, region Moscow (RU-MOW)" in text
    assert "incident(s) in all" in text and page.locator("#incident-table").is_hidden()
    shot(page, "empty-state.png")
    page.click("#empty-state button")
    page.wait_for_selector("#incident-table tbody tr")
    assert page.locator("#empty-state").count() == 0


def test_incident_links_to_its_source_article(server: Server, page: Any) -> None:
    incident = next(i for i in located(server) if i["outlets"] == ["AP"])
    page.goto(f"{server.url}/#/incidents/{incident['id']}")
    link = page.wait_for_selector("a.source-link")
    detail = httpx.get(f"{server.url}/api/incidents/{incident['id']}", timeout=30).json()
    assert link.get_attribute("href") == detail["reports"][0]["url"]
    assert link.get_attribute("rel") == "noopener noreferrer"
    shot(page, "incident-source-link.png")


def test_keyboard_only(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    ready(page)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.focus("#f-kind")
    page.keyboard.press("ArrowDown")
    ready(page)
    assert page.input_value("#f-kind") == "strike" and hash_params(page)["kind"] == ["strike"]
    page.focus(".leaflet-marker-icon")
    assert page.evaluate("() => document.activeElement.getAttribute('tabindex')") == "0"
    page.focus(".incident-marker")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup a[data-incident]")
    page.focus("#incident-table tbody tr a")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.evidence")
    shot(page, "keyboard-incident.png")


def test_ledger_leads_with_the_verdict(server: Server, page: Any) -> None:
    page.goto(server.url + "/#/ledger")
    page.wait_for_selector(".verdict-party")
    verdicts = httpx.get(server.url + "/api/verdicts", timeout=30).json()
    for v in verdicts:
        section = page.locator(f"section.agreement[data-agreement='{v['agreement']['id']}']")
        if not v["in_force"]:
            assert "no verdict" in section.inner_text()
            continue
        for party in v["parties"]:
            card = section.locator(f".verdict-party[data-party='{party['party']}']")
            assert card.locator(".verdict-total").inner_text() == str(party["total"])
            assert card.locator("svg.party-chart").count() == 1
        first_card = section.locator(".verdict-party").first.bounding_box()
        first_finding = section.locator("details.party").first.bounding_box()
        assert first_card["y"] < first_finding["y"]  # the verdict comes before the findings
    shot(page, "ledger-verdict.png")
    page.locator("details.party summary").first.click()
    page.locator("details.party .finding a[data-incident]").first.click()
    page.wait_for_selector("mark.evidence")
    assert page.errors == []


def test_docs_work_offline(server: Server, page: Any) -> None:
    page.goto(server.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/incidents").count() >= 1
    assert all(url.startswith(server.url) or url.startswith("data:") for url in page.requests), page.requests
    shot(page, "api-docs.png")
    assert page.errors == []
