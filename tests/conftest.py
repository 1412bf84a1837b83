"""Shared fixtures. Every test runs with ROLEFIT_HOME in a temporary folder, without
ROLEFIT_DATA_DIR or NO_COLOR from the developer's environment, and with PAGER=cat, so that a
report in a pseudo-terminal never waits in a pager (tests that page set PAGER themselves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.data import default_data_dir, load_pack
from rolefit.model import DataPack

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PACK = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("rolefit-home")
    monkeypatch.setenv("ROLEFIT_HOME", str(home))
    monkeypatch.delenv("ROLEFIT_DATA_DIR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("PAGER", "cat")
    return home


@pytest.fixture(scope="session")
def pack() -> DataPack:
    """The data pack rolefit ships."""
    return load_pack(default_data_dir())


@pytest.fixture(scope="session")
def mini() -> DataPack:
    """A small hand-made pack whose numbers are easy to check by hand."""
    return load_pack(MINI_PACK)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
