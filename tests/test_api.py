"""The public API: what `briefing` exports, and that rendering is separate from saving."""


import briefing
from briefing.pipeline import prepare, render
from tests.conftest import SAMPLE


def it_exports_exactly_its_public_names() -> None:
    assert sorted(briefing.__all__) == sorted([
        "FORMATS", "BriefingError", "BuildReport", "ContentError", "Diagnostic", "Document",
        "LockedError", "OutputError", "Severity", "build", "build_report", "check"])
    for name in briefing.__all__:
        assert hasattr(briefing, name)


def it_checks_a_briefing_into_a_document_model(make_briefing) -> None:  # type: ignore[no-untyped-def]
    document = briefing.check(make_briefing())
    assert document.id == "mini"
    assert document.languages == ("zh", "en")
    assert document.cover.title.en == "Test Briefing"


def it_gathers_the_texts_it_draws_once_for_the_glyph_check_and_both_writers(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.model import BLOCK_CLASSES

    calls = []
    for cls in BLOCK_CLASSES:
        def spy(block, texts=cls.texts):  # type: ignore[no-untyped-def]
            calls.append(block)
            return texts(block)
        monkeypatch.setattr(cls, "texts", spy)
    document = briefing.check(SAMPLE)
    assert len(calls) == len(document.blocks)  # the glyph check
    render(prepare(SAMPLE), "docx")  # chart pictures cached (drawing one reads its texts)
    calls.clear()
    prepared = prepare(SAMPLE)
    for fmt in ("pdf", "docx"):
        render(prepared, fmt)
    assert len(calls) == len(prepared.document.blocks)  # check, PDF and DOCX: once
