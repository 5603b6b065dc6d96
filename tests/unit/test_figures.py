"""Each language writes the one value its own way, with the same rounding."""

from decimal import Decimal

import pytest

from briefing.content.figures import format_as_of, format_number, format_value, units


def fmt(value: str, unit: str, lang: str, qualifier: str | None = None, decimals: int = 2) -> str:
    """The formatted value, with non-breaking spaces shown as plain ones for readability."""
    text = format_value(Decimal(value), units()[unit], lang, qualifier, decimals)
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
              "honour", "count", "percentage_point"}
    assert set(units()) == tested


def it_places_qualifiers_where_each_language_reads_them() -> None:
    assert fmt("300", "firm", "zh", "over") == "300余家"
    assert fmt("300", "firm", "en", "over") == "more than 300 firms"
    assert fmt("740000000", "CNY", "zh", "over") == "7.4亿余元"
    assert fmt("46", "ug_m3", "zh", "under") == "46微克/立方米以下"
    assert fmt("46", "ug_m3", "en", "under") == "below 46 µg/m³"


def it_rounds_half_up_not_half_to_even() -> None:
    # 112.45万 to one decimal: half-even would give 112.4
    assert fmt("1124500", "CNY", "zh", decimals=1) == "112.5万元"
    assert fmt("2.125", "percent", "en") == "2.13%"
    assert fmt("2.135", "percent", "en") == "2.14%"


def it_drops_trailing_zeros_and_respects_decimals() -> None:
    assert fmt("11254000000", "CNY", "zh") == "112.54亿元"
    assert fmt("11254000000", "CNY", "en") == "RMB 11.25 billion"
    assert fmt("11254000000", "CNY", "zh", decimals=0) == "113亿元"
    assert format_number(Decimal("11250000000"), units()["CNY"], "en") == "11.25 billion"


def it_rounds_to_significant_digits_the_same_in_both_languages() -> None:
    from briefing.content.figures import round_significant
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
