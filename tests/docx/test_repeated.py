"""Documents built one after another in one process (a batch worker) are the documents a
fresh process builds: the styles part reused from an earlier document changes nothing."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import prepare, render

SAMPLE = Path(__file__).resolve().parents[2] / "content" / "xicheng-2023"


def it_builds_the_same_docx_again_and_again_with_alternating_themes() -> None:
    outputs = [render(prepare(SAMPLE, theme, None, False), "docx")
               for theme in ("investor", "gov", "investor", "gov", "investor", "gov")]
    assert outputs[0] != outputs[1]
    assert outputs[0::2] == [outputs[0]] * 3 and outputs[1::2] == [outputs[1]] * 3
