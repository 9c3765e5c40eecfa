"""Where Veta's shipped data lives."""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR: Path = Path(__file__).resolve().parent.parent
GEODATA_DIR: Path = PROJECT_DIR / "geodata"
SEEDS_DIR: Path = PROJECT_DIR / "seeds"
SEED_FILENAME: str = "artisanal-and-informal-mining.txt"
