from __future__ import annotations

import pytest

from rasad.core.spreadsheet import neutralise_formula, restore_formula


@pytest.mark.parametrize("cell", ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "＝1+1", "＠A1"])
def test_formula_cells_are_written_as_text_and_read_back_unchanged(cell):
    written = neutralise_formula(cell)
    assert written == "'" + cell
    assert restore_formula(written) == cell


@pytest.mark.parametrize("cell", ["تحریم‌ها", "1403/03/04", "'quoted", "a=b"])
def test_ordinary_cells_pass_through(cell):
    assert neutralise_formula(cell) == cell
    assert restore_formula(cell) == cell


def test_non_text_values_are_left_alone():
    assert neutralise_formula(42) == 42
    assert neutralise_formula(None) is None
