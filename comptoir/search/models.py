"""Search tables: sentence vectors, one per distinct text and model, computed once and kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from comptoir.core.clock import utcnow
from comptoir.db import Base


class SearchVector(Base):
    __tablename__ = "search_vectors"

    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of model + text
    model: Mapped[str] = mapped_column(String(40))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
