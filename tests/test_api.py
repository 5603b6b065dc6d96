"""The public API: what `briefing` exports, and that rendering is separate from saving."""

import briefing


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
