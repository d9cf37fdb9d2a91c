"""The dashboard in Debian's headless chromium (Playwright driving /usr/bin/chromium).

Loads the map, filters it, opens an incident and sees its evidence highlighted
in the report's text; follows a ledger finding to its incident; checks that a
report carrying `<script>` renders as text. Screenshots are kept under
artifacts/screenshots/ as test artifacts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_support import HOSTILE_TEXT, Server

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium "
                       "(`apt-get install chromium`; .ci/run installs it)"),
]


@pytest.fixture()
def page(server: Server, tmp_path: Path) -> Iterator[Any]:
    """A fresh chromium profile; every request the page makes is recorded in `page.requests`."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.requests = requests
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.errors = errors
        yield tab
        context.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def attackers(page: Any) -> list[str]:
    return page.locator("#incident-table tbody tr td:nth-child(3)").all_inner_texts()


def test_map_filter_and_incident_evidence(server: Server, page: Any) -> None:
    page.goto(server.url + "/")
    page.wait_for_selector(".incident-marker, .cluster")
    page.wait_for_selector("#incident-table tbody tr")
    page.wait_for_selector("#timeline svg rect")
    total = httpx.get(server.url + "/api/incidents", timeout=30).json()["total"]
    assert page.locator("#incident-table tbody tr").count() == total
    assert page.locator("path.leaflet-interactive").count() > 70  # the region shapes and markers
    shot(page, "dashboard-map.png")

    page.select_option("#f-party", "UA")
    page.wait_for_function("() => [...document.querySelectorAll('#incident-table tbody tr td:nth-child(3)')]"
                           ".every(td => td.textContent === 'UA')")
    ua = attackers(page)
    assert ua and set(ua) == {"UA"} and len(ua) < total
    page.eval_on_selector("#f-since", "(el) => { el.value = String(el.max - 30); "
                          "el.dispatchEvent(new Event('input', {bubbles: true})); "
                          "el.dispatchEvent(new Event('change', {bubbles: true})); }")
    page.wait_for_function(f"() => document.querySelectorAll('#incident-table tbody tr').length < {len(ua)}")
    assert "since=" in (page.get_attribute("#x-csv", "href") or "")
    shot(page, "dashboard-filtered.png")

    page.select_option("#f-party", "")
    page.locator("#incident-table tbody tr a").first.click()
    mark = page.wait_for_selector("mark.evidence")
    incident_id = page.url.split("#/incidents/")[1]
    detail = httpx.get(f"{server.url}/api/incidents/{incident_id}", timeout=30).json()
    assert mark.inner_text() == detail["reports"][0]["quote"]
    meta = page.locator(".report .meta").first.inner_text()
    assert detail["reports"][0]["claimant"] in meta and detail["reports"][0]["modality"] in meta
    assert page.locator(".report .grade").first.inner_text() == detail["grade"].replace("_", " ")
    shot(page, "incident-evidence.png")
    assert all(url.startswith(server.url) or url.startswith("data:") for url in page.requests), page.requests
    assert page.errors == []


def test_ledger_links_findings_to_incidents(server: Server, page: Any) -> None:
    page.goto(server.url + "/#/ledger")
    page.wait_for_selector(".verdict-party")
    assert page.locator("section.agreement").count() == len(
        httpx.get(server.url + "/api/agreements", timeout=30).json())
    shot(page, "dashboard-ledger.png")
    page.locator("details.party summary").first.click()
    page.locator(".finding a[data-incident]").first.click()
    page.wait_for_selector("mark.evidence")
    assert page.locator("#view-incident").is_visible()
    assert page.errors == []


def test_report_with_script_renders_as_text(server: Server, page: Any) -> None:
    found = httpx.get(server.url + "/api/incidents", params={"region": "UA-63", "since": "2025-04-02",
                                                             "until": "2025-04-02"}, timeout=30).json()
    (incident,) = [i for i in found["items"] if "Kharkiv Herald" in i["outlets"]]
    page.goto(f"{server.url}/#/incidents/{incident['id']}")
    mark = page.wait_for_selector("mark.evidence")
    assert "<script>window.__pwned = 1</script>" in mark.inner_text()
    assert page.locator(".doc").first.inner_text().strip() == HOSTILE_TEXT
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x'], #incident script, #incident h3 b").count() == 0
    assert page.locator(".report h3").first.inner_text() == "A <b>bold</b> title"
    page.goto(server.url + "/#/")
    page.wait_for_selector("#incident-table tbody tr")
    assert page.evaluate("() => window.__pwned") is None
    page.goto(f"{server.url}/#/incidents/{incident['id']}")
    page.wait_for_selector("mark.evidence")
    shot(page, "incident-script-as-text.png")
    assert page.errors == []
