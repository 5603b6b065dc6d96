"""The template language is an allowlist (issue 17): literal text, `{{ id }}` and
`{{ id.attribute }}`, nothing else; everything outside it is refused, with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.content import templating
from briefing.pipeline import prepare_content

SAMPLE = Path(__file__).resolve().parents[2] / "content" / "xicheng-2023"


@pytest.fixture(scope="module")
def figures():
    return prepare_content(SAMPLE, None).figures


@pytest.mark.parametrize("text, expected", [
    ("获得荣誉{{ honours }}。", "获得荣誉{honours}。"),
    ("{{honours}}", "{honours}"),
    ("a {{ honours.number }} b {{ honours.label }}", "a {number} b {label}"),
    ("{{ honours.as_of }} / {{ honours.source }}", "{as_of} / {source}"),
    ("{ not a template } {{ honours }}", "{{ not a template }} {honours}"),
    ("}} {{ honours }}", "}}}} {honours}"),
    ("{{\n  honours\n}}\n", "{honours}"),  # one final line end dropped, as Jinja2 did
    ("x\r\n{{ honours }}", "x\n{honours}"),
    ("plain text\n", "plain text\n"),  # no reference: left exactly as written
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def it_fills_in_figures_and_their_attributes(text: str, expected: str, lang: str,  # type: ignore[no-untyped-def]
                                             figures) -> None:
    view = templating.FigureView(figures["honours"], lang)  # type: ignore[arg-type]
    want = expected.format(honours=str(view), number=view.number, label=view.label,
                           as_of=view.as_of, source=view.source)
    assert templating.render_text(text, lang, figures) == want  # type: ignore[arg-type]


# Each of these worked with the sandboxed Jinja2 of before: objects' reprs, lorem ipsum,
# numbers no figure holds, or gigabytes of output from a few characters.
REFUSED = [
    "{{ joiner() }}", "{{ namespace() }}", "{{ lipsum() }}", "{{ dict(a=1) }}",
    "{{ 1 + 1 }}", "{{ 9**9**9 }}", "{{ 'a'|center(300000000) }}", "{{ 'ab' * 200000000 }}",
    "{{ honours | upper }}", "{{ honours.number ~ 'x' }}", "{{ range(10) }}",
    "{% set x = 1 %}{{ honours }}", "{% raw %}{{ honours }}{% endraw %}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "{% if true %}x{% endif %}",
    "{# note #}{{ honours }}", "{{ honours.__class__ }}", "{{ honours['label'] }}",
    "{{ honours.label.upper() }}", "{{ honours", "{{ '{{' }}", "{{ }}",
]


@pytest.mark.parametrize("text", REFUSED)
def it_refuses_everything_outside_the_language(text: str, figures) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(templating.TemplateProblem) as caught:
        templating.render_text(text, "en", figures)
    assert caught.value.hint and "figure" in caught.value.hint


def it_names_an_unknown_figure_and_the_nearest_one(figures) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(templating.TemplateProblem) as caught:
        templating.render_text("{{ honors }}", "en", figures)
    assert caught.value.message == "unknown figure 'honors'"
    assert caught.value.hint and "honours" in caught.value.hint


def it_documents_every_attribute_it_allows() -> None:
    docs = (SAMPLE.parents[1] / "docs" / "content-format.md").read_text("utf-8")
    for attribute in templating.ATTRIBUTES:
        assert f".{attribute} }}}}`" in docs, attribute
