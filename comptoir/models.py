"""Every context's tables, imported once so that metadata and migrations see them all."""

from comptoir.catalog import models as catalog_models
from comptoir.commerce import models as commerce_models
from comptoir.core import idempotency
from comptoir.customers import models as customer_models
from comptoir.db import Base
from comptoir.dialogue import models as dialogue_models
from comptoir.knowledge import models as knowledge_models
from comptoir.messaging import models as messaging_models
from comptoir.payments import models as payment_models
from comptoir.search import models as search_models
from comptoir.store import models as store_models

metadata = Base.metadata

__all__ = [
    "catalog_models",
    "commerce_models",
    "customer_models",
    "dialogue_models",
    "idempotency",
    "knowledge_models",
    "messaging_models",
    "metadata",
    "payment_models",
    "search_models",
    "store_models",
]
