"""tests/cases/<name>.yaml (a briefing.yaml over the minimal figures) must build the model
dumped in <name>.model.txt. Files named <name>.<other> (e.g. <name>.figures.csv) are copied
beside it as <other>. `pytest --update-goldens` rewrites the dumps: review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.model import dump
from tests.conftest import assert_golden

CASES = sorted(p for p in (Path(__file__).parent / "cases").glob("*.yaml")
               if p.stem.count(".") == 0)


def copy_case_files(case: Path, folder: Path) -> None:
    """The case's other files (<name>.<other>) into the briefing folder, as <other>."""
    for extra in case.parent.glob(f"{case.stem}.*"):
        if extra.name not in (case.name, f"{case.stem}.model.txt"):
            (folder / extra.name.removeprefix(f"{case.stem}.")).write_bytes(extra.read_bytes())


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def it_builds_the_expected_model(case: Path, make_briefing, update_goldens: bool) -> None:
    folder = make_briefing(briefing_yaml=case.read_text(encoding="utf-8"), name=case.stem)
    copy_case_files(case, folder)
    assert_golden(dump(briefing.check(folder)), case.with_suffix(".model.txt"), update_goldens)
