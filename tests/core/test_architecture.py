"""medborger.domain stays pure Python, and apps import only the apps below them: import-linter
enforces both; these tests check that every app of ours is named in the two contracts."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> list[dict]:  # type: ignore[type-arg]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]  # type: ignore[no-any-return]


def _ours() -> set[str]:
    return {a.name for a in apps.get_app_configs() if a.name.startswith("medborger.")}


def test_every_app_is_forbidden_to_the_domain():
    contract = next(c for c in _contracts() if c.get("source_modules") == ["medborger.domain"])
    missing = _ours() - set(contract["forbidden_modules"])
    assert not missing, f"add {sorted(missing)} to the import-linter contract in pyproject.toml"
    assert "django" in contract["forbidden_modules"]


def test_every_app_has_a_layer():
    contract = next(c for c in _contracts() if c["type"] == "layers")
    assert contract["containers"] == ["medborger"]
    named = {
        f"medborger.{name.strip()}"
        for layer in contract["layers"]
        for name in layer.replace("|", ":").split(":")
    }
    missing = _ours() - named
    assert not missing, f"give {sorted(missing)} a layer in the import-linter contract"
