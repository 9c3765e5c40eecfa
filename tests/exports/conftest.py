"""Shared fixtures of the export tests: the real atlas, a hostile atlas, and ogrinfo when Debian's gdal-bin is there."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest

from veta.atlas import load_atlas
from veta.model import Atlas

HOSTILE = {
    "name": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "kind": "+cmd|' /C calc'!A0",
    "summary": "-2+3 <script>alert(1)</script> ]]> & Chocó",
    "placement_note": "@SUM(1+1)",
    "caveat": "\tTabbed",
    "geometry_source": "\rreturn",
}
"""Field values a spreadsheet would run as formulas, and markup a KML balloon must not run."""


@pytest.fixture(scope="session")
def real_atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="session")
def hostile_atlas(real_atlas: Atlas) -> Atlas:
    """The real atlas with its first feature's text fields replaced by hostile values."""
    first, *rest = real_atlas.features
    return dataclasses.replace(real_atlas, features=(dataclasses.replace(first, **HOSTILE), *rest))


def ogrinfo(*args: str) -> str:
    """ogrinfo's output (read-only); the test is skipped when Debian's gdal-bin is not installed."""
    exe = shutil.which("ogrinfo")
    if exe is None:
        pytest.skip("ogrinfo not installed (Debian gdal-bin; `make test` installs it when run as root)")
    done = subprocess.run([exe, "-ro", *args], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout
