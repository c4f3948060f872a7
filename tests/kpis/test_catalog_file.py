"""Reading and validating KPI catalog files: every problem named with its row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrcoach.errors import LoadError
from okrcoach.kpis.catalog import COLUMNS, load_catalog, parse_catalog

HEADER = ",".join(COLUMNS)
GOOD = [
    "first-response-time,First response time,customer-support,How fast the first reply comes,median hours from ticket creation to first reply,hours,lower,leading,daily,1,,reopen-rate,no,time to first reply|frt,methodology.md",
    "reopen-rate,Reopen rate,customer-support,Share of tickets reopened,reopened / solved tickets,percent,lower,leading,weekly,14,,,no,reopened tickets,common practice",
    "net-promoter-score,Net Promoter Score,customer-success,Promoters minus detractors,% promoters - % detractors,score,higher,lagging,quarterly,135,first-response-time;reopen-rate,,no,nps|promoter score,methodology.md",
]


def catalog_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        parse_catalog(text, "catalog.csv")
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_catalog_loads_with_typed_fields() -> None:
    catalog = parse_catalog(catalog_text(*GOOD))
    assert len(catalog) == 3
    nps = catalog["net-promoter-score"]
    assert (nps.lag_days, nps.leading, nps.leading_alternatives) == (135, False, ("first-response-time", "reopen-rate"))
    assert nps.phrases == ("net promoter score", "nps", "promoter score")
    assert nps.delay == "about 4 months"
    assert catalog["first-response-time"].delay == "1 day"
    assert catalog.functions == ("customer-support", "customer-success")
    assert [kpi.id for kpi in catalog.by_function("customer-support")] == ["first-response-time", "reopen-rate"]


def test_missing_columns_are_named() -> None:
    header = HEADER.replace(",synonyms", "")
    assert problems(catalog_text(header=header)) == [
        f"catalog.csv: row 1: missing column(s) synonyms; expected: {', '.join(COLUMNS)}"
    ]


def test_empty_file() -> None:
    assert "the file is empty" in problems("")[0]


def test_header_without_rows() -> None:
    assert problems(catalog_text()) == ["catalog.csv: row 2: the catalog has a header but no KPIs"]


def test_every_bad_cell_is_reported_with_row_and_column() -> None:
    bad = GOOD[0].replace(",hours,", ",fortnights,").replace(",daily,1,", ",daily,soon,")
    found = problems(catalog_text(bad, GOOD[1]))
    assert "catalog.csv: row 2: unit: unknown unit 'fortnights': expected one of percent, currency, count, ratio, minutes, hours, days, score, points, rate" in found
    assert "catalog.csv: row 2: lag_days: lag_days must be a whole number of days, got 'soon'" in found


def test_duplicate_ids_and_shared_synonyms() -> None:
    copy = GOOD[1].replace("reopened tickets", "time to first reply")
    found = problems(catalog_text(GOOD[0], copy, GOOD[1]))
    assert any("row 3: synonyms: synonym 'time to first reply' is already used by 'first-response-time' (row 2)" in p for p in found)
    assert any("row 4: id: duplicate id 'reopen-rate': first used on row 3" in p for p in found)


def test_dangling_and_lagging_references() -> None:
    bad = GOOD[2].replace("first-response-time;reopen-rate", "first-response-time;made-up")
    found = problems(catalog_text(GOOD[0], GOOD[1], bad))
    assert found == ["catalog.csv: row 4: leading_alternatives: unknown KPI id 'made-up': expected an id from the id column"]
    lagging_alt = GOOD[0].replace(",daily,1,,", ",daily,1,net-promoter-score,")
    found = problems(catalog_text(lagging_alt, GOOD[1], GOOD[2]))
    assert found == ["catalog.csv: row 2: leading_alternatives: 'net-promoter-score' shows change after 135 days, later than "
                     "'first-response-time' (after 1 day), so it cannot lead it"]


def test_row_with_too_many_cells() -> None:
    assert problems(catalog_text(GOOD[0] + ",extra")) == ["catalog.csv: row 2: row has 16 cells, the header has 15"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_catalog(tmp_path / "nope.csv")


RESULTS = ("sales-revenue", "new-bookings", "monthly-recurring-revenue", "monthly-revenue", "online-revenue",
           "average-order-value", "return-rate", "repeat-purchase-rate", "expansion-revenue", "annual-revenue",
           "customer-retention-rate", "net-promoter-score", "gross-margin", "customer-lifetime-value")  # fmt: skip


def test_results_are_not_tagged_leading_and_lag_days_stays_a_separate_property() -> None:
    from okrcoach.kpis.catalog import default_catalog

    catalog = default_catalog()
    assert [kpi_id for kpi_id in RESULTS if catalog[kpi_id].leading] == []
    # Results that respond within weeks can still be quarterly key results; slow ones cannot.
    assert catalog["monthly-revenue"].responsive(92) and catalog["sales-revenue"].responsive(92)
    assert not catalog["net-promoter-score"].responsive(92) and not catalog["annual-revenue"].responsive(92)
    for kpi in catalog:
        if not kpi.leading:
            assert 2 <= len(kpi.leading_alternatives) <= 4, kpi.id
        for other in kpi.leading_alternatives:
            assert catalog[other].lag_days <= kpi.lag_days, (kpi.id, other)


def test_the_catalog_cites_no_unpublished_material() -> None:
    from okrcoach.kpis.catalog import catalog_path

    text = catalog_path().read_text(encoding="utf-8") + (catalog_path().parent / "README.md").read_text(encoding="utf-8")
    assert "seeds/" not in text and "shared/" not in text
