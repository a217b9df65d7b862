"""medborger.domain stays pure Python: import-linter forbids Django and every app of ours."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def test_every_app_is_forbidden_to_the_domain():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["source_modules"] == ["medborger.domain"]
    )
    ours = {a.name for a in apps.get_app_configs() if a.name.startswith("medborger.")}
    missing = ours - set(contract["forbidden_modules"])
    assert not missing, f"add {sorted(missing)} to the import-linter contract in pyproject.toml"
    assert "django" in contract["forbidden_modules"]
