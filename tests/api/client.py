"""The test client, imported once with starlette's notice about ``httpx2`` silenced (the suite turns
warnings into errors; the notice is about a dependency, not about our code)."""

from __future__ import annotations

import warnings

from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient"]
