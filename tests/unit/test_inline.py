"""Inline marks: bold and links, nothing else, and bold next to Chinese punctuation."""

import pytest

from briefing.content.inline import InlineProblem, parse_inline
from briefing.model import Run


def it_parses_bold_next_to_chinese_punctuation() -> None:
    assert parse_inline("**资金问题有效解决。**通过整合") == (
        Run("资金问题有效解决。", strong=True), Run("通过整合"))


def it_parses_links_with_allowed_schemes() -> None:
    assert parse_inline("see [the portal](https://example.org/a) now") == (
        Run("see "), Run("the portal", link="https://example.org/a"), Run(" now"))
    assert parse_inline("[mail](mailto:a@b.cn)")[0].link == "mailto:a@b.cn"


@pytest.mark.parametrize("target", ["javascript:alert(1)", "file:///etc/passwd", "data:x", "ftp://x"])
def it_refuses_other_link_schemes(target: str) -> None:
    with pytest.raises(InlineProblem, match="not allowed"):
        parse_inline(f"[x]({target})")


def it_leaves_everything_else_as_plain_text() -> None:
    text = "R&D <b>a < b</b> *x* _y_ # z"
    assert parse_inline(text) == (Run(text),)


def it_unescapes_escaped_marks() -> None:
    assert parse_inline(r"\*\*not bold\*\*") == (Run("**not bold**"),)
