"""Settings, read from the environment (prefix ``COMPTOIR_``) once, in the composition root."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COMPTOIR_", extra="ignore")

    database_url: str = Field(default="sqlite:///comptoir.db", description="SQLAlchemy URL")
    redis_url: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    admin_token: SecretStr | None = Field(default=None, description="bearer token of the admin API")
    customer_token_secret: SecretStr | None = Field(
        default=None, description="HMAC secret the merchant's site signs customer identities with"
    )
    widget_origins: str = Field(
        default="",
        description="pages allowed to open the chat WebSocket, comma-separated (besides public_url)",
    )
    demo: bool = False
    log_level: str = "info"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


DEMO_DIR = Path(".comptoir")
