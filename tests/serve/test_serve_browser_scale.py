"""A year of news in the dashboard: no silent caps, pages with counts, a timeline that fits.

The store holds 420 reports of our own words, one strike a day over 14 months in
seven cities, so there are more incidents than one page of the list and more
days than the timeline can draw one by one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_support import Server
from test_serve_browser import CHROMIUM, FLAGS, SCREENSHOTS, shot

from trucewatch.model import Document
from trucewatch.pipeline import ingest_documents
from trucewatch.store import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]

CITIES = ["Kharkiv", "Sumy", "Odesa", "Zaporizhzhia", "Dnipro", "Kherson", "Chernihiv"]
TARGETS = ["a school", "a power station", "a hospital", "a grain terminal", "apartment blocks"]
DAYS = 420


def year_of_reports() -> Iterator[Document]:
    start = dt.date(2024, 1, 1)
    for n in range(DAYS):
        day = start + dt.timedelta(days=n)
        city, target = CITIES[n % len(CITIES)], TARGETS[n % len(TARGETS)]
        text = (f"Russian drones struck {target} in {city} on {day:%B} {day.day}, "
                f"regional officials said, and {n % 5 + 1} people were injured.")
        yield Document(f"year-{n:03d}", text, day, f"https://example.org/{n}", f"Strike on {city}", "AP")


@pytest.fixture(scope="module")
def year_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("year") / "year.db"
    with open_store(db) as store:
        assert ingest_documents(year_of_reports(), store).added == DAYS
    running = Server(db)
    yield running
    running.stop()


@pytest.fixture()
def page(year_server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        yield tab
        browser.close()


def ready(page: Any) -> None:
    page.wait_for_function("() => document.body.dataset.ready === '1' && !document.body.dataset.loading",
                           timeout=60_000)


def test_every_incident_counted_paged_and_mapped(year_server: Server, page: Any) -> None:
    total = httpx.get(year_server.url + "/api/incidents", params={"limit": 1}, timeout=60).json()["total"]
    assert total > 200  # more than one page of the list
    page.goto(year_server.url + "/")
    ready(page)
    assert page.inner_text("#incident-count") == f"({total})"
    assert page.inner_text("#page-info") == f"showing 1–200 of {total}"
    assert page.locator("#incident-table tbody tr").count() == 200
    assert page.inner_text("#map-count") == f"{total} of {total} on the map"
    counts = page.eval_on_selector_all(".cluster span", "(spans) => spans.map((s) => Number(s.textContent))")
    assert sum(counts) + page.locator(".incident-marker").count() == total
    page.click("#page-next")
    page.wait_for_function(f"() => document.querySelector('#page-info').textContent === 'showing 201–{min(400, total)} of {total}'")
    assert "page=1" in page.url
    shot(page, "scale-year-paged.png")


def test_the_date_range_and_timeline_cover_the_year(year_server: Server, page: Any) -> None:
    page.goto(year_server.url + "/")
    ready(page)
    assert page.inner_text("#since-label") == "2024-01-01"
    assert page.inner_text("#until-label") == (dt.date(2024, 1, 1) + dt.timedelta(days=DAYS - 1)).isoformat()
    svg = page.locator("#timeline svg").bounding_box()
    assert svg["width"] <= 1280 and "per week" in page.inner_text("#zoom-shown")
    page.click("#zoom button[data-zoom='day']")
    assert page.locator("#timeline svg").bounding_box()["width"] <= 1280
    assert f"{DAYS} days" in page.inner_text("#zoom-shown")
    page.click("#zoom button[data-zoom='month']")
    assert "14 months" in page.inner_text("#zoom-shown")
    shot(page, "scale-year-timeline-month.png")
