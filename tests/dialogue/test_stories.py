"""Conversation stories in four languages, ours and the held-out set, played on a fresh demo store.

The pass rates are the issue's figures (targets: 95 % on ours, 90 % on the held-out set). Until they are
reached, each language has a floor at the rate measured when it was last raised (a ratchet), so that
no change makes the assistant worse unnoticed; the run prints the table either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from comptoir.dialogue.stories import Report, run_stories

ROOT = Path(__file__).parent.parent
FLOORS = {
    ("stories", "en"): 0.79,
    ("stories", "fr"): 0.80,
    ("stories", "el"): 0.71,
    ("stories", "ja"): 0.79,
    ("stories_heldout", "en"): 0.65,
    ("stories_heldout", "fr"): 0.58,
    ("stories_heldout", "el"): 0.69,
    ("stories_heldout", "ja"): 0.72,
}


@pytest.mark.parametrize(("folder", "language"), list(FLOORS), ids=[f"{f}-{lang}" for f, lang in FLOORS])
def test_story_pass_rate(demo_template: Path, folder: str, language: str) -> None:
    report: Report = run_stories(demo_template, ROOT / folder / language)
    print(f"\n{folder}/{language}\n{report.text()}")
    passed = sum(o.passed for o in report.outcomes)
    assert len(report.outcomes) >= 12
    assert passed / len(report.outcomes) >= FLOORS[(folder, language)], report.text()
