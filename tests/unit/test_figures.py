"""Each language writes the one value its own way, with the same rounding."""

from decimal import Decimal

import pytest

from briefing.content.figures import (
    format_as_of,
    format_value,
    round_significant,
    units,
)


def fmt(value: str, unit: str, lang: str, qualifier: str | None = None, about: bool = False) -> str:
    """The formatted value, with non-breaking spaces shown as plain ones for readability."""
    text = format_value(Decimal(value), units()[unit], lang, qualifier, about)
    return text.replace("\u00a0", " ")


def it_keeps_english_values_on_one_line_with_non_breaking_spaces() -> None:
    text = format_value(Decimal("11250000000"), units()["CNY"], "en")
    assert text == "RMB\u00a011.25\u00a0billion"
    text = format_value(Decimal("1000"), units()["parking_space"], "en", "over")
    assert text == "more\u00a0than\u00a01,000\u00a0parking spaces"


@pytest.mark.parametrize("value, zh, en", [
    ("11250000000", "112.5亿元", "RMB 11.25 billion"),
    ("46000000000", "460亿元", "RMB 46 billion"),
    ("123000000", "1.23亿元", "RMB 123 million"),
    ("72440000", "7244万元", "RMB 72.44 million"),
    ("6000000", "600万元", "RMB 6 million"),
    ("740000", "74万元", "RMB 740,000"),
])
def it_writes_money_in_yi_and_wan_and_in_millions_and_billions(value: str, zh: str,
                                                               en: str) -> None:
    assert fmt(value, "CNY", "zh") == zh
    assert fmt(value, "CNY", "en") == en


@pytest.mark.parametrize("value, unit, zh", [
    ("23456", "CNY", "23456元"),      # 人均可支配收入: plain digits, not 2.3456万元
    ("11208", "person", "11208人"),
    ("99999.5", "CNY", "99999.5元"),
    ("12000", "person", "1.2万人"),   # 万 when it reads shorter
    ("15600", "CNY", "1.56万元"),
    ("4320", "person", "4320人"),
    ("123456", "CNY", "12.3456万元"),  # from 10万 on, always in 万
])
def it_writes_chinese_values_below_100000_in_plain_digits_unless_wan_is_short(
        value: str, unit: str, zh: str) -> None:
    assert fmt(value, unit, "zh") == zh


@pytest.mark.parametrize("value, unit, zh, en", [
    ("33", "project", "33个", "33 projects"),
    ("1", "project", "1个", "1 project"),
    ("3452", "home", "3452套", "3,452 homes"),
    ("12000", "person", "1.2万人", "12,000 people"),
    ("334", "mu", "334亩", "334 mu (22.3 ha)"),
    ("1883", "mu", "1883亩", "1,883 mu (125.5 ha)"),
    ("2.1", "percentage_point", "2.1个百分点", "2.1 percentage points"),
    ("24.1", "percent", "24.1%", "24.1%"),
    ("253", "day", "253天", "253 days"),
    ("97", "count", "97", "97"),
    # every other unit of the registry
    ("1500000", "USD", "150万美元", "USD 1.5 million"),
    ("22.3", "hectare", "22.3公顷", "22.3 hectares"),
    ("46", "ug_m3", "46微克/立方米", "46 µg/m³"),
    ("163", "firm", "163家", "163 firms"),
    ("46", "platform", "46个", "46 platforms"),
    ("23", "trip", "23次", "23 trips"),
    ("1", "event", "1场", "1 event"),
    ("1000", "parking_space", "1000个", "1,000 parking spaces"),
    ("15", "unit_org", "15家", "15 units"),
    ("20", "honour", "20项", "20 honours"),
    ("1", "person", "1人", "1 person"),
])
def it_writes_counts_with_classifier_and_plural_noun(value: str, unit: str, zh: str,
                                                     en: str) -> None:
    assert fmt(value, unit, "zh") == zh
    assert fmt(value, unit, "en") == en


def it_has_a_test_for_every_unit() -> None:
    tested = {"CNY", "USD", "percent", "mu", "hectare", "ug_m3", "day", "project", "firm",
              "platform", "trip", "event", "home", "person", "parking_space", "unit_org",
              "honour", "count", "percentage_point", "rank"}
    assert set(units()) == tested


@pytest.mark.parametrize("value, unit, qualifier, zh, en", [
    # 余 follows a round number, as the samples' 20余项 and 300余家 (approximate reporting)
    ("300", "firm", "over", "300余家", "more than 300 firms"),
    ("20", "honour", "over", "20余项", "more than 20 honours"),
    ("740000000", "CNY", "over", "7.4亿余元", "more than RMB 740 million"),
    ("12000", "person", "over", "1.2万余人", "more than 12,000 people"),
    # ... never a percentage or an exact count: 90余% and 25余个 are not Chinese
    # ... and 以上 there, which official translations give as "more than"
    ("90", "percent", "over", "90%以上", "more than 90%"),
    ("25", "project", "over", "25个以上", "more than 25 projects"),
    ("3.4", "percentage_point", "over", "3.4个百分点以上", "more than 3.4 percentage points"),
    ("1234567", "CNY", "over", "123.4567万元以上", "more than RMB 1.234567 million"),
    # at least: 以上 after the unit, as 亿元以上项目 and 开工率90%以上; a round number too
    ("300", "firm", "at_least", "300家以上", "at least 300 firms"),
    ("90", "percent", "at_least", "90%以上", "at least 90%"),
    ("25", "project", "at_least", "25个以上", "at least 25 projects"),
    ("100000000", "CNY", "at_least", "1亿元以上", "at least RMB 100 million"),
    ("46", "ug_m3", "under", "46微克/立方米以下", "below 46 µg/m³"),
    ("90", "percent", "under", "90%以下", "below 90%"),
    ("50000000", "CNY", "under", "5000万元以下", "below RMB 50 million"),
])
def it_places_qualifiers_where_each_language_reads_them(value: str, unit: str, qualifier: str,
                                                        zh: str, en: str) -> None:
    assert fmt(value, unit, "zh", qualifier) == zh
    assert fmt(value, unit, "en", qualifier) == en


def it_rounds_half_up_not_half_to_even() -> None:
    from briefing.content.figures import round_decimals
    # 112.45万 to one decimal of 万: half-even would give 112.4
    assert fmt(str(round_significant(Decimal("1124500"), 4)), "CNY", "zh") == "112.5万元"
    assert round_decimals(Decimal("2.125"), 2) == Decimal("2.13")
    assert round_decimals(Decimal("2.135"), 2) == Decimal("2.14")


@pytest.mark.parametrize("value, zh, en", [
    # the cases: each language kept every digit the source gave
    ("6408000000", "64.08亿元", "RMB 6.408 billion"),
    ("21503910000", "215.0391亿元", "RMB 21.50391 billion"),
    ("89735500000", "897.355亿元", "RMB 89.7355 billion"),
    ("2166000000", "21.66亿元", "RMB 2.166 billion"),
    ("21922000000", "219.22亿元", "RMB 21.922 billion"),
    ("11254000000", "112.54亿元", "RMB 11.254 billion"),
    ("12345", "12345元", "RMB 12,345"),
])
def it_shows_the_same_significant_digits_in_both_languages(value: str, zh: str, en: str) -> None:
    assert fmt(value, "CNY", "zh") == zh
    assert fmt(value, "CNY", "en") == en
    digits = lambda text: "".join(c for c in text if c.isdigit()).strip("0")  # noqa: E731
    assert digits(zh) == digits(en) == value.strip("0")


def it_says_about_when_rounding_drops_digits() -> None:
    value = round_significant(Decimal("21503910000"), 3)
    assert fmt(str(value), "CNY", "zh", about=True) == "约215亿元"
    assert fmt(str(value), "CNY", "en", about=True) == "about RMB 21.5 billion"
    # a qualifier already says the number is not exact
    assert fmt("300", "firm", "en", "over", about=True) == "more than 300 firms"


def it_writes_ranks_as_ordinals_from_cldr_rules() -> None:
    expected = {"1": "1st", "2": "2nd", "3": "3rd", "4": "4th", "11": "11th", "12": "12th",
                "13": "13th", "21": "21st", "22": "22nd", "23": "23rd", "101": "101st",
                "111": "111th"}
    for value, en in expected.items():
        assert fmt(value, "rank", "en") == en
        assert fmt(value, "rank", "zh") == f"第{value}位"


def it_rounds_to_significant_digits_the_same_in_both_languages() -> None:
    value = round_significant(Decimal("11254000000"), 3)
    assert fmt(str(value), "CNY", "zh") == "113亿元"
    assert fmt(str(value), "CNY", "en") == "RMB 11.3 billion"
    assert round_significant(Decimal("0.012345"), 2) == Decimal("0.012")
    assert round_significant(Decimal("125"), 2) == Decimal("130")  # half up


def it_writes_dates_per_language() -> None:
    import datetime
    day = datetime.date(2023, 12, 31)
    assert format_as_of(day, "zh") == "2023年12月31日"
    assert format_as_of(day, "en") == "December 31, 2023"


@pytest.mark.parametrize("qualifier, zh, en", [
    ("over", "力争新签约项目25个以上，开工率达到90%以上",
     "aim to sign more than 25 projects, with more than 90% started"),
    ("at_least", "力争新签约项目25个以上，开工率达到90%以上",
     "aim to sign at least 25 projects, with at least 90% started"),
])
def it_writes_a_qualified_target_that_reads_after_a_verb(qualifier: str, zh: str,
                                                         en: str) -> None:
    """newuser3's 2025 goals: 25余个 and 达到90余% before; 以上 keeps the value a noun."""
    from briefing.content.figure_file import Figure
    from briefing.content.templating import render_text
    figures = {name: Figure.model_validate({"label": {"zh": name, "en": name}, "value": value,
                                            "unit": unit, "qualifier": qualifier,
                                            "statistic": False})
               for name, value, unit in (("goal", "25", "project"), ("rate", "90", "percent"))}
    assert render_text("力争新签约项目{{ goal }}，开工率达到{{ rate }}", "zh", figures) == zh
    text = render_text("aim to sign {{ goal }}, with {{ rate }} started", "en", figures)
    assert text.replace("\u00a0", " ") == en
