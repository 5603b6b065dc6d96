"""Texts with only `{{ id }}` / `{{ id.attribute }}` are filled in without Jinja (issue 9):
the output and the problems reported must be Jinja's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.content import templating
from briefing.pipeline import prepare_content

SAMPLE = Path(__file__).resolve().parents[2] / "content" / "xicheng-2023"


@pytest.fixture(scope="module")
def figures():
    return prepare_content(SAMPLE, None).figures


def jinja(text: str, lang: str, figures) -> str:
    compiled, names = templating._compiled(text)
    return compiled.render({n: templating.FigureView(figures[n], lang) for n in names
                            if n in figures})


@pytest.mark.parametrize("text", [
    "获得荣誉{{ honours }}。", "{{honours}}", "a {{ honours.number }} b {{ honours.label }}",
    "{{ honours.as_of }} / {{ honours.source }}", "{ not a template } {{ honours }}",
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def it_fills_simple_texts_as_jinja_does(text: str, lang: str, figures) -> None:
    assert templating._simple(text) is not None
    assert templating.render_text(text, lang, figures) == jinja(text, lang, figures)


@pytest.mark.parametrize("text", [
    "{{ honours | upper }}", "{% if true %}x{% endif %}", "{# note #}{{ honours }}",
    "{{ honours }}\n", "{{ honours.figure }}", "}} {{ honours }}",
])
def it_leaves_everything_else_to_jinja(text: str, figures) -> None:
    assert templating._simple(text) is None
    assert templating.render_text(text, "en", figures) == jinja(text, "en", figures)


def it_reports_an_unknown_figure_as_before(figures) -> None:
    with pytest.raises(templating.TemplateProblem) as caught:
        templating.render_text("{{ honors }}", "en", figures)
    assert caught.value.message == "unknown figure 'honors'"
    assert caught.value.hint and "honours" in caught.value.hint
