"""Browser tests: the demo store served by a real uvicorn (in a thread, on a free port) over a fresh copy
of the seeded demo database, driven by Playwright in Debian's Chromium. Without Chromium (or Playwright)
they skip and say why. Screenshots of each step go to ``.artifacts/e2e/`` (``COMPTOIR_ARTIFACTS``)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr

from comptoir.app import create_app
from comptoir.config import Settings
from comptoir.db import Database
from comptoir.demo import seed_demo
from comptoir.demo.home import router as home_router
from comptoir.demo.media import router as media_router
from comptoir.migrate import upgrade

CHROMIUM = Path(os.environ.get("COMPTOIR_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(
    os.environ.get("COMPTOIR_ARTIFACTS", Path(__file__).resolve().parents[2] / ".artifacts" / "e2e")
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveShop:
    url: str
    db: Database
    app: Any
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e-demo") / "demo.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed_demo(db)
    db.dispose()
    return path


def start_shop(db_file: Path, host: str = "127.0.0.1") -> LiveShop:
    copy = db_file.parent / f"shop-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(db_file, copy)
    port = _free_port()
    url = f"http://{host}:{port}"
    settings = Settings(
        database_url=f"sqlite:///{copy}",
        public_url=url,
        demo=True,
        admin_token=SecretStr("admin"),
        customer_token_secret=SecretStr("secret"),
    )
    db = Database(settings.database_url)
    app = create_app(settings, db, extra_routers=[media_router, home_router])
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the shop did not start")
        time.sleep(0.02)
    return LiveShop(url=url, db=db, app=app, server=server, thread=thread)


@pytest.fixture
def shop(demo_db_file: Path) -> Iterator[LiveShop]:
    live = start_shop(demo_db_file)
    yield live
    live.stop()
    live.db.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev dependencies carry it
        pytest.skip("browser tests need the playwright package (pip install -r requirements.lock)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--lang=en-US"])
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Any
    name: str
    errors: list[str] = field(default_factory=list)
    step: int = 0

    def shot(self, label: str) -> None:
        """Keep a screenshot of this step as a test artefact."""
        self.step += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{self.name}-{self.step:02d}-{label}.png"))


def open_tab(browser: Any, name: str, *, width: int = 1280, height: int = 860, locale: str = "en-US") -> Tab:
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(20_000)
    tab = Tab(page=page, name=name)
    page.on("pageerror", lambda e: tab.errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: tab.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    return tab


@pytest.fixture
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Tab]:
    t = open_tab(browser, request.node.name.replace("[", "-").replace("]", "").replace("/", "_"))
    yield t
    t.page.context.close()


def preset_conversation(
    tab: Tab, shop: LiveShop, conversation_id: str, token: str, *, open_panel: bool = True
) -> None:
    """Put a conversation in the browser's storage, as the widget would have kept it."""
    key = f"comptoir:demo:{shop.url}"
    value = json.dumps({"id": conversation_id, "token": token, "open": open_panel})
    tab.page.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)});")
