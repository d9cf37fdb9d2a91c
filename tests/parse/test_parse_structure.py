"""Date markers, datelines, update markers and segments."""

from __future__ import annotations

import datetime as dt

from trucewatch.model import Document
from trucewatch.parse import parse_document

WIRE = (
    " date 2025-06-02 KHARKIV, Ukraine — (AP) — Russian drones hit a tram depot in Kharkiv "
    "before dawn on Monday, the mayor said.\n\n"
    "“The city did not sleep,” Mayor Ihor Terekhov said in a video address.\n\n"
    "THIS IS A BREAKING NEWS UPDATE. AP’s earlier story follows below.\n\n"
    "KHARKIV, Ukraine (AP) — Air raid alerts sounded across eastern Ukraine overnight as "
    "officials reported drones over three regions.\n\n"
    "The regional governor said debris fell on a school.\n\n"
    "___\n\n"
)


def parse(text: str, published: dt.date | None = None):
    return parse_document(Document(id="t", text=text, published=published))


def texts(parsed) -> list[str]:
    return [s.text for s in parsed.sentences]


def test_date_marker_sets_published_and_is_no_sentence() -> None:
    parsed = parse(WIRE)
    assert parsed.published == dt.date(2025, 6, 2)
    assert texts(parsed)[0].startswith("KHARKIV, Ukraine — (AP) — Russian drones")
    assert all("date 2025" not in t for t in texts(parsed))


def test_date_marker_on_its_own_line() -> None:
    parsed = parse("date 2024-12-01\nKYIV (AP) — A drone hit a warehouse.")
    assert parsed.published == dt.date(2024, 12, 1)
    assert texts(parsed) == ["KYIV (AP) — A drone hit a warehouse."]


def test_metadata_date_wins_over_marker() -> None:
    assert parse(WIRE, dt.date(2025, 6, 3)).published == dt.date(2025, 6, 3)


def test_update_marker_splits_newest_first() -> None:
    parsed = parse(WIRE)
    assert len(parsed.segments) == 2
    by_segment = {s.text: s.segment for s in parsed.sentences}
    assert by_segment["The regional governor said debris fell on a school."] == 1
    assert by_segment["“The city did not sleep,” Mayor Ihor Terekhov said in a video address."] == 0
    assert not any("BREAKING" in t or "earlier story" in t for t in texts(parsed))
    assert "___" not in texts(parsed)


def test_each_segment_has_its_dateline() -> None:
    parsed = parse(WIRE)
    first, second = parsed.segments
    assert first.dateline is not None and second.dateline is not None
    assert (first.dateline.place, first.dateline.agency) == ("Kharkiv", "AP")
    assert WIRE[first.dateline.span.start : first.dateline.span.end] == "KHARKIV, Ukraine — (AP) —"
    assert WIRE[second.dateline.span.start : second.dateline.span.end] == "KHARKIV, Ukraine (AP) —"
    assert second.span.start == second.dateline.span.start
    assert texts(parsed)[2].startswith("KHARKIV, Ukraine (AP) — Air raid alerts")


def test_reuters_datelines() -> None:
    parsed = parse("MOSCOW (Reuters) - Russia said it downed 12 drones over Belgorod.")
    dateline = parsed.segments[0].dateline
    assert dateline is not None and (dateline.place, dateline.agency) == ("Moscow", "Reuters")
    parsed = parse("LONDON, March 3 (Reuters) - Britain said talks would go on.")
    dateline = parsed.segments[0].dateline
    assert dateline is not None and dateline.place == "London"
    assert parsed.published is None  # no year: not knowable
    parsed = parse("KYIV, Ukraine, March 3, 2025 (AP) — Sirens sounded in the capital.")
    assert parsed.published == dt.date(2025, 3, 3)


def test_syndicated_dateline_with_agencies_and_date_in_one_bracket() -> None:
    parsed = parse("KYIV (City Wire / Partner Agency - 14th March, 2024) Russian drones hit Sumy.")
    dateline = parsed.segments[0].dateline
    assert dateline is not None and (dateline.place, dateline.agency) == ("Kyiv", "City Wire")
    assert parse("NATO (the alliance) said on Monday it would meet.").segments[0].dateline is None


def test_multiword_place_and_headline_before_dateline() -> None:
    parsed = parse("Drone hits port\nST. PETERSBURG, Russia (AP) — A drone hit an oil terminal.")
    dateline = parsed.segments[0].dateline
    assert dateline is not None and dateline.place == "St. Petersburg"
    assert texts(parsed) == [
        "Drone hits port",
        "ST. PETERSBURG, Russia (AP) — A drone hit an oil terminal.",
    ]


def test_no_dateline_in_plain_text() -> None:
    parsed = parse("Russia struck Odesa overnight. Two people were hurt.")
    assert parsed.segments[0].dateline is None
    assert len(parsed.segments) == 1


def test_censor_stamp_date_and_boilerplate() -> None:
    text = (
        "Shelling of Nikopol: Enemy fired on Nikopol district overnight (05.07.22 08:12)"
        " « War in Ukraine | Censor.NET\n"
        "05.07.22 08:12 - Shelling of Nikopol: Enemy fired on Nikopol district overnight. "
        "Two houses were damaged, the head of the district said. VIDEO. View video news."
    )
    parsed = parse(text)
    assert parsed.published == dt.date(2022, 7, 5)
    assert texts(parsed) == [
        "Enemy fired on Nikopol district overnight",
        "Shelling of Nikopol: Enemy fired on Nikopol district overnight.",
        "Two houses were damaged, the head of the district said.",
    ]


def test_agency_credit_is_no_sentence() -> None:
    parsed = parse("Air defense downs two drones\nTwo drones were shot down over Poltava. — Ukrinform.")
    assert texts(parsed) == ["Air defense downs two drones", "Two drones were shot down over Poltava."]


def test_developing_story_and_editors_note_dropped_without_split() -> None:
    text = (
        "This is a developing story.\n"
        "KYIV, Ukraine (AP) — Explosions were heard in Kyiv.\n"
        "EDITOR’S NOTE: This story contains a graphic description.\n"
        "Rescuers searched the rubble."
    )
    parsed = parse(text)
    assert len(parsed.segments) == 1
    assert texts(parsed) == [
        "KYIV, Ukraine (AP) — Explosions were heard in Kyiv.",
        "Rescuers searched the rubble.",
    ]
    assert parsed.segments[0].dateline is not None


def test_editors_note_with_earlier_version_splits() -> None:
    text = (
        "Strikes went on into the morning.\n"
        "EDITOR’S NOTE: This story has been updated. An earlier version appears below.\n"
        "Strikes hit the city overnight."
    )
    parsed = parse(text)
    assert [(s.text, s.segment) for s in parsed.sentences] == [
        ("Strikes went on into the morning.", 0),
        ("Strikes hit the city overnight.", 1),
    ]


def test_appended_update_is_newest() -> None:
    text = "Drones hit Sumy overnight.\nUPDATE: Officials later said three people were hurt."
    parsed = parse(text)
    assert [(s.text, s.segment) for s in parsed.sentences] == [
        ("Drones hit Sumy overnight.", 1),
        ("Officials later said three people were hurt.", 0),
    ]
    newest = parsed.segments[0]
    assert text[newest.span.start : newest.span.end] == "Officials later said three people were hurt."


def test_leading_update_label_does_not_split() -> None:
    parsed = parse("UPDATE: Drones hit Sumy overnight. Three people were hurt.")
    assert len(parsed.segments) == 1
    assert texts(parsed) == ["Drones hit Sumy overnight.", "Three people were hurt."]


def test_empty_and_blank_texts() -> None:
    for text in ("", "   \n\n", " date 2025-01-01 ", "___\n***"):
        parsed = parse(text)
        assert parsed.sentences == ()
        assert len(parsed.segments) == 1


def test_agency_dateline_after_byline_and_boilerplate() -> None:
    from trucewatch.model import Document
    from trucewatch.parse import parse_document

    text = "A headline\nShare this article\nBy Jane Doe MOSCOW (Reuters) -Officials said on Monday that talks went on."
    parsed = parse_document(Document(id="d", text=text))
    dateline = parsed.segments[0].dateline
    assert dateline is not None and (dateline.place, dateline.agency) == ("Moscow", "Reuters")
    assert text[dateline.span.start:dateline.span.end].startswith("MOSCOW (Reuters) -")


def test_links_to_other_stories_and_ad_slots_are_not_sentences() -> None:
    from trucewatch.model import Document
    from trucewatch.parse import parse_document

    text = ("A headline\nRead also: Drones hit a depot somewhere\nADVERTISEMENT\n"
            "The story goes on here.\nREAD MORE: Another story\nAdvertisement ~ Scroll to continue")
    sentences = [s.text for s in parse_document(Document(id="d", text=text)).sentences]
    assert sentences == ["A headline", "The story goes on here."]


def test_a_link_to_another_story_inside_a_paragraph_is_no_sentence() -> None:
    from trucewatch.model import Document
    from trucewatch.parse import parse_document

    text = "Shells hit a market. Read also: Drones hit a depot far away. The market burned."
    sentences = [s.text for s in parse_document(Document(id="d", text=text)).sentences]
    assert sentences == ["Shells hit a market.", "The market burned."]


def test_slash_agency_dateline() -> None:
    from trucewatch.model import Document
    from trucewatch.parse import parse_document

    text = "A headline\nBELGOROD, March 3. /TASS/. Officials said the bridge was closed."
    dateline = parse_document(Document(id="d", text=text)).segments[0].dateline
    assert dateline is not None and (dateline.place, dateline.agency) == ("Belgorod", "TASS")
