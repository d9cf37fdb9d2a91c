"""Quotations and speakers."""

from __future__ import annotations

from trucewatch.model import Document
from trucewatch.parse import parse_document
from trucewatch.parse.quotes import trim_speaker

STORY = (
    "KYIV, Ukraine (AP) — Ukraine’s foreign minister said talks with Russia’s envoys had stalled.\n\n"
    "“We are ready to meet, but not to surrender,” Foreign Minister Andrii Sybiha said on Friday. "
    "“Nobody in Kyiv will sign that.”\n\n"
    "Kremlin spokesman Dmitry Peskov said Moscow saw “no basis” for a meeting.\n\n"
    "“The door stays open,” he told reporters.\n\n"
    "Sybiha said: “We will keep knocking.”\n\n"
    "“Every night they send drones,” said Oksana Marchenko, 54, who lives near the depot.\n\n"
    "The attacks were “deliberate,” according to the regional governor.\n\n"
    "Ukraine’s ‘energy truce’ proposal was not answered, and Putin’s aides did not comment.\n\n"
    "“The first paragraph of a long statement.\n\n"
    "“The second paragraph of it,” she said.\n"
)


def quotes(text: str) -> list[tuple[str, str | None]]:
    parsed = parse_document(Document(id="t", text=text))
    return [(text[q.span.start : q.span.end], q.speaker) for q in parsed.quotations]


def test_quotes_and_speakers() -> None:
    assert quotes(STORY) == [
        ("We are ready to meet, but not to surrender,", "Andrii Sybiha"),
        ("Nobody in Kyiv will sign that.", "Andrii Sybiha"),
        ("no basis", "Dmitry Peskov"),
        ("The door stays open,", "Dmitry Peskov"),
        ("We will keep knocking.", "Sybiha"),
        ("Every night they send drones,", "Oksana Marchenko"),
        ("deliberate,", "the regional governor"),
        ("energy truce", None),
        ("The first paragraph of a long statement.\n\n“The second paragraph of it,", "Oksana Marchenko"),
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("Putin’s aides and AP’s reporters saw the soldiers’ trucks. I'm sure, he said.") == []


def test_straight_and_mixed_marks() -> None:
    text = 'The White House called it a "step to peace". "Only a halt to attacks counts,” Zelenskyy said.'
    assert quotes(text) == [
        ("step to peace", None),
        ("Only a halt to attacks counts,", "Zelenskyy"),
    ]


def test_guillemets_and_dash_attribution() -> None:
    assert quotes("«The bridge was hit twice», - Southern Defense Forces.") == [
        ("The bridge was hit twice", "Southern Defense Forces"),
    ]


def test_unclosed_quote_is_dropped() -> None:
    assert quotes("“An unclosed quote.\n\nA plain paragraph follows.") == []


def test_pronoun_without_named_speaker_stays_unknown() -> None:
    assert quotes("“We saw the flash,” she said.") == [("We saw the flash,", None)]


def test_trim_speaker() -> None:
    assert trim_speaker("Ukrainian President Volodymyr Zelenskyy") == "Volodymyr Zelenskyy"
    assert trim_speaker("But Gov. Vyacheslav Gladkov") == "Vyacheslav Gladkov"
    assert trim_speaker("The Russian Defense Ministry") == "Russian Defense Ministry"
    assert trim_speaker("the regional governor") == "the regional governor"
    assert trim_speaker("Zelenskyy.") == "Zelenskyy"
