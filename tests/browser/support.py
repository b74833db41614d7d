"""Helpers for the browser tests: where Chromium and axe-core are, and the axe check itself."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path():
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).exists() else None


def playwright_available():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def skip_reason():
    """Why the browser tests cannot run here, or None when they can."""
    if not playwright_available():
        return "Playwright für Python ist nicht installiert (make install)"
    if chromium_path() is None:
        return "kein Chromium gefunden (apt-get install chromium oder CHROMIUM_PATH setzen)"
    if not AXE_PATH.exists():
        return "axe-core fehlt (npm ci im Projektordner)"
    return None


def axe_violations(page):
    """Run axe-core in the page and return WCAG 2.1 A/AA violations as readable lines."""
    page.add_script_tag(path=str(AXE_PATH))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    lines = []
    for violation in result["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} – {targets}")
    return lines
