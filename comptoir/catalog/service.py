"""The catalog's one door: read products in a language, add and change them, move stock atomically."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from comptoir.catalog.errors import (
    CategoryNotFound,
    InvalidProduct,
    ProductNotFound,
    VariantNotFound,
    VariantUnavailable,
)
from comptoir.catalog.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductTranslation,
    Variant,
)
from comptoir.catalog.schemas import (
    CategoryInput,
    CategoryView,
    OptionValueView,
    OptionView,
    ProductInput,
    ProductSummary,
    ProductView,
    VariantView,
)
from comptoir.core.errors import InvalidInput
from comptoir.core.ids import new_digits
from comptoir.core.money import parse_price
from comptoir.core.pagination import Page, clamp
from comptoir.store import get_settings

T = TypeVar("T")


def _pick(by_language: dict[str, T], language: str, fallback: str = "en") -> T | None:
    for lang in (language, fallback, "en"):
        if lang in by_language:
            return by_language[lang]
    return next(iter(by_language.values()), None)


def _translation(product: Product, language: str) -> ProductTranslation | None:
    return _pick({t.language: t for t in product.translations}, language)


def _in_stock(variant: Variant) -> bool:
    return variant.available and (variant.stock is None or variant.stock > 0)


def _variant_view(product: Product, variant: Variant, language: str, currency: str) -> VariantView:
    tr = _translation(product, language)
    names = tr.option_names if tr else {}
    values = tr.option_values if tr else {}
    options = {str(k): str(v) for k, v in variant.options.items()}
    return VariantView(
        id=variant.id,
        product_id=product.id,
        sku=variant.sku,
        options=options,
        labels={names.get(k, k): values.get(v, v) for k, v in options.items()},
        price=variant.price,
        compare_at_price=variant.compare_at_price,
        currency=currency,
        available=variant.available,
        stock=variant.stock,
        in_stock=_in_stock(variant),
    )


def _summary_fields(product: Product, language: str, currency: str) -> dict[str, object]:
    tr = _translation(product, language)
    prices = [v.price for v in product.variants] or [Decimal(0)]
    return {
        "id": product.id,
        "title": tr.title if tr else product.id,
        "brand": product.brand,
        "category_id": product.category_id,
        "price_min": min(prices),
        "price_max": max(prices),
        "currency": currency,
        "in_stock": any(_in_stock(v) for v in product.variants),
        "on_sale": any(
            v.compare_at_price is not None and v.compare_at_price > v.price for v in product.variants
        ),
        "image_url": product.images[0].url if product.images else None,
        "language": language,
    }


def summarise(product: Product, language: str, currency: str) -> ProductSummary:
    return ProductSummary.model_validate(_summary_fields(product, language, currency))


def _product_view(session: Session, product: Product, language: str, currency: str) -> ProductView:
    tr = _translation(product, language)
    names = tr.option_names if tr else {}
    values = tr.option_values if tr else {}
    keys: list[str] = []
    seen: dict[str, list[str]] = {}
    for variant in product.variants:
        for key, value in variant.options.items():
            if key not in seen:
                keys.append(key)
                seen[key] = []
            if str(value) not in seen[key]:
                seen[key].append(str(value))
    category_name = None
    if product.category_id:
        category = session.get(Category, product.category_id)
        if category:
            category_name = _pick({t.language: t.name for t in category.translations}, language)
    return ProductView.model_validate(
        {
            **_summary_fields(product, language, currency),
            "description": tr.description if tr else "",
            "audience": product.audience,
            "tags": list(product.tags),
            "category_name": category_name,
            "images": [i.url for i in product.images],
            "options": [
                OptionView(
                    key=k,
                    name=names.get(k, k),
                    values=[OptionValueView(value=v, label=values.get(v, v)) for v in seen[k]],
                )
                for k in keys
            ],
            "variants": [_variant_view(product, v, language, currency) for v in product.variants],
        }
    )


def list_categories(session: Session, *, language: str = "en") -> list[CategoryView]:
    """Every category with its name in ``language`` and how many products it holds."""
    counts: dict[str | None, int] = {
        category_id: count
        for category_id, count in session.execute(
            select(Product.category_id, func.count()).group_by(Product.category_id)
        )
    }
    categories = session.scalars(select(Category).order_by(Category.position, Category.id)).all()
    return [
        CategoryView(
            id=c.id,
            name=_pick({t.language: t.name for t in c.translations}, language) or c.id,
            parent_id=c.parent_id,
            product_count=counts.get(c.id, 0),
        )
        for c in categories
    ]


def upsert_category(session: Session, data: CategoryInput) -> CategoryView:
    category = session.get(Category, data.id)
    if data.parent is not None and session.get(Category, data.parent) is None:
        raise CategoryNotFound(f"no category '{data.parent}'", category_id=data.parent)
    if category is None:
        position = session.scalar(select(func.count()).select_from(Category)) or 0
        category = Category(id=data.id, parent_id=data.parent, position=position)
        session.add(category)
    category.parent_id = data.parent
    existing = {t.language: t for t in category.translations}
    for language, name in data.names.items():
        if language in existing:
            existing[language].name = name
        else:
            category.translations.append(CategoryTranslation(language=language, name=name))
    session.flush()
    return CategoryView(id=category.id, name=_pick(data.names, "en") or data.id, parent_id=data.parent)


def list_products(
    session: Session,
    *,
    language: str = "en",
    category_id: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> Page[ProductSummary]:
    offset, limit = clamp(offset, limit)
    currency = get_settings(session).currency
    query = select(Product)
    count = select(func.count()).select_from(Product)
    if category_id is not None:
        if session.get(Category, category_id) is None:
            raise CategoryNotFound(f"no category '{category_id}'", category_id=category_id)
        query = query.where(Product.category_id == category_id)
        count = count.where(Product.category_id == category_id)
    products = session.scalars(query.order_by(Product.position, Product.id).offset(offset).limit(limit)).all()
    return Page[ProductSummary](
        items=[summarise(p, language, currency) for p in products],
        total=session.scalar(count) or 0,
        offset=offset,
        limit=limit,
    )


def get_product(session: Session, product_id: str, *, language: str = "en") -> ProductView:
    """A product with its variants, option names and values in ``language``."""
    product = session.get(Product, product_id)
    if product is None:
        raise ProductNotFound(f"no product '{product_id}'", product_id=product_id)
    return _product_view(session, product, language, get_settings(session).currency)


def get_products(
    session: Session, product_ids: Sequence[str], *, language: str = "en"
) -> list[ProductSummary]:
    """Summaries of several products, in the order given; unknown ids are skipped."""
    if not product_ids:
        return []
    currency = get_settings(session).currency
    found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(list(product_ids))))}
    return [summarise(found[i], language, currency) for i in product_ids if i in found]


def get_variant(session: Session, variant_id: str, *, language: str = "en") -> VariantView:
    variant = session.get(Variant, variant_id)
    if variant is None:
        raise VariantNotFound(f"no item '{variant_id}'", variant_id=variant_id)
    return _variant_view(variant.product, variant, language, get_settings(session).currency)


def product_title(session: Session, product_id: str, *, language: str = "en") -> str:
    product = session.get(Product, product_id)
    if product is None:
        raise ProductNotFound(f"no product '{product_id}'", product_id=product_id)
    tr = _translation(product, language)
    return tr.title if tr else product.id


def _new_product_id(session: Session) -> str:
    while True:
        candidate = new_digits(10)
        if session.get(Product, candidate) is None:
            return candidate


def _new_variant_id(session: Session) -> str:
    while True:
        candidate = new_digits(10)
        if session.get(Variant, candidate) is None:
            return candidate


def _check_product(data: ProductInput, currency: str) -> None:
    keys = None
    for variant in data.variants:
        parse_price(variant.price, currency)
        if keys is None:
            keys = list(variant.options)
        elif sorted(keys) != sorted(variant.options):
            raise InvalidProduct("all variants of a product must have the same option names")
        if variant.compare_at_price is not None:
            parse_price(variant.compare_at_price, currency)
    option_sets = [tuple(sorted(v.options.items())) for v in data.variants]
    if len(set(option_sets)) != len(option_sets):
        raise InvalidProduct("two variants have the same options")


def create_product(session: Session, data: ProductInput, *, position: int | None = None) -> ProductView:
    """Add a product (merchant operation, importers). Ids are generated when not given."""
    settings = get_settings(session)
    _check_product(data, settings.currency)
    if data.category is not None and session.get(Category, data.category) is None:
        raise CategoryNotFound(f"no category '{data.category}'", category_id=data.category)
    product_id = data.id or _new_product_id(session)
    if session.get(Product, product_id) is not None:
        raise InvalidProduct(f"a product '{product_id}' already exists", code="product_exists")
    if position is None:
        position = session.scalar(select(func.coalesce(func.max(Product.position), -1))) or 0
        position += 1
    product = Product(
        id=product_id,
        category_id=data.category,
        brand=data.brand,
        audience=data.audience,
        tags=[t.strip().lower() for t in data.tags if t.strip()],
        featured=data.featured,
        position=position,
    )
    for language, tr in data.translations.items():
        product.translations.append(
            ProductTranslation(
                language=language,
                title=tr.title.strip(),
                description=tr.description.strip(),
                option_names={k: v[language] for k, v in data.option_names.items() if language in v},
                option_values={k: v[language] for k, v in data.option_values.items() if language in v},
            )
        )
    for i, url in enumerate(data.images):
        product.images.append(ProductImage(url=url, position=i))
    session.add(product)
    session.flush()
    seen_ids: set[str] = set()
    for i, v in enumerate(data.variants):
        variant_id = v.id or _new_variant_id(session)
        if variant_id in seen_ids or session.get(Variant, variant_id) is not None:
            raise InvalidProduct(f"an item '{variant_id}' already exists", code="variant_exists")
        seen_ids.add(variant_id)
        product.variants.append(
            Variant(
                id=variant_id,
                sku=v.sku,
                options=dict(v.options),
                price=parse_price(v.price, settings.currency),
                compare_at_price=v.compare_at_price,
                available=v.available,
                stock=v.stock,
                position=i,
            )
        )
    session.flush()
    return _product_view(session, product, settings.default_language, settings.currency)


def add_product_image(session: Session, product_id: str, url: str) -> None:
    product = session.get(Product, product_id)
    if product is None:
        raise ProductNotFound(f"no product '{product_id}'", product_id=product_id)
    product.images.append(ProductImage(url=url, position=len(product.images)))
    session.flush()


def set_price(session: Session, variant_id: str, price: Decimal) -> VariantView:
    """Change an item's price (merchant operation)."""
    settings = get_settings(session)
    value = parse_price(price, settings.currency)
    variant = session.get(Variant, variant_id)
    if variant is None:
        raise VariantNotFound(f"no item '{variant_id}'", variant_id=variant_id)
    variant.price = value
    session.flush()
    return _variant_view(variant.product, variant, settings.default_language, settings.currency)


def restock(session: Session, variant_id: str, quantity: int) -> VariantView:
    """Add units to an item's stock (starting to track it if it was not) and make it available."""
    if quantity < 1 or quantity > 10_000_000:
        raise InvalidInput("restock quantity must be between 1 and 10,000,000", code="invalid_quantity")
    variant = session.get(Variant, variant_id)
    if variant is None:
        raise VariantNotFound(f"no item '{variant_id}'", variant_id=variant_id)
    session.execute(
        update(Variant)
        .where(Variant.id == variant_id)
        .values(stock=func.coalesce(Variant.stock, 0) + quantity, available=True)
    )
    session.refresh(variant)
    settings = get_settings(session)
    return _variant_view(variant.product, variant, settings.default_language, settings.currency)


def set_available(session: Session, variant_id: str, available: bool) -> VariantView:
    variant = session.get(Variant, variant_id)
    if variant is None:
        raise VariantNotFound(f"no item '{variant_id}'", variant_id=variant_id)
    variant.available = available
    session.flush()
    settings = get_settings(session)
    return _variant_view(variant.product, variant, settings.default_language, settings.currency)


def reserve_stock(session: Session, variant_id: str, quantity: int = 1) -> None:
    """Take ``quantity`` units atomically, or raise; never oversells, even across processes."""
    result = session.execute(
        update(Variant)
        .where(
            Variant.id == variant_id,
            Variant.available.is_(True),
            (Variant.stock.is_(None)) | (Variant.stock >= quantity),
        )
        .values(stock=Variant.stock - quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        if session.get(Variant, variant_id) is None:
            raise VariantNotFound(f"no item '{variant_id}'", variant_id=variant_id)
        raise VariantUnavailable(f"item '{variant_id}' is out of stock", variant_id=variant_id)
    session.expire_all()


def release_stock(session: Session, variant_id: str, quantity: int = 1) -> None:
    """Give units back (cancellation, removed line); untracked stock stays untracked."""
    session.execute(
        update(Variant)
        .where(Variant.id == variant_id, Variant.stock.is_not(None))
        .values(stock=Variant.stock + quantity)
        .execution_options(synchronize_session=False)
    )


def iter_products(session: Session, *, batch: int = 500) -> Iterable[Product]:
    """Every product with translations and variants loaded (for exporters and indexers)."""
    last = ""
    while True:
        rows = session.scalars(
            select(Product).where(Product.id > last).order_by(Product.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _taken(session: Session, model: type[Category | Product | Variant], wanted: set[str]) -> set[str]:
    """Which of the ids ``wanted`` already exist in ``model``'s table, asked in chunks."""
    found: set[str] = set()
    values = sorted(wanted)
    for start in range(0, len(values), 500):
        found.update(session.scalars(select(model.id).where(model.id.in_(values[start : start + 500]))))
    return found


def _fresh_ids(session: Session, model: type[Product | Variant], count: int, avoid: set[str]) -> list[str]:
    """``count`` new random ids, unused in ``model``'s table and not in ``avoid``."""
    ids: list[str] = []
    while len(ids) < count:
        candidates = {new_digits(10) for _ in range(count - len(ids))} - avoid - set(ids)
        ids.extend(sorted(candidates - _taken(session, model, candidates)))
    return ids


def create_products(
    session: Session,
    items: Sequence[ProductInput],
    *,
    errors: list[tuple[int, Exception]] | None = None,
) -> int:
    """Add many products at once (importers): the checks of ``create_product``, a few statements per batch.

    Every product is checked before anything is written. Without ``errors``, the first invalid product
    raises its typed error (``InvalidInput``, ``InvalidProduct``, ``CategoryNotFound``) and nothing is
    written. With a list, each invalid product is appended to it as ``(index in items, error)`` and
    skipped, and the valid ones are written. Returns how many products were created.
    """
    from sqlalchemy import insert

    from comptoir.core.clock import utcnow

    if not items:
        return 0
    session.flush()
    settings = get_settings(session)
    categories = _taken(session, Category, {d.category for d in items if d.category is not None})
    taken_products = _taken(session, Product, {d.id for d in items if d.id})
    taken_variants = _taken(session, Variant, {v.id for d in items for v in d.variants if v.id})
    accepted: list[ProductInput] = []
    for index, data in enumerate(items):
        try:
            _check_product(data, settings.currency)
            if data.category is not None and data.category not in categories:
                raise CategoryNotFound(f"no category '{data.category}'", category_id=data.category)
            if data.id is not None and data.id in taken_products:
                raise InvalidProduct(f"a product '{data.id}' already exists", code="product_exists")
            variant_ids = [v.id for v in data.variants if v.id]
            for variant_id in variant_ids:
                if variant_id in taken_variants or variant_ids.count(variant_id) > 1:
                    raise InvalidProduct(f"an item '{variant_id}' already exists", code="variant_exists")
        except (InvalidInput, CategoryNotFound) as exc:
            if errors is None:
                raise
            errors.append((index, exc))
            continue
        if data.id is not None:
            taken_products.add(data.id)
        taken_variants.update(variant_ids)
        accepted.append(data)
    if not accepted:
        return 0
    new_products = iter(_fresh_ids(session, Product, sum(d.id is None for d in accepted), taken_products))
    new_variants = iter(
        _fresh_ids(session, Variant, sum(v.id is None for d in accepted for v in d.variants), taken_variants)
    )
    position = session.scalar(select(func.coalesce(func.max(Product.position), -1))) or 0
    now = utcnow()
    products: list[dict[str, object]] = []
    translations: list[dict[str, object]] = []
    images: list[dict[str, object]] = []
    variants: list[dict[str, object]] = []
    for data in accepted:
        product_id = data.id or next(new_products)
        position += 1
        products.append(
            {
                "id": product_id,
                "category_id": data.category,
                "brand": data.brand,
                "audience": data.audience,
                "tags": [t.strip().lower() for t in data.tags if t.strip()],
                "featured": data.featured,
                "popularity": 0,
                "position": position,
                "created_at": now,
                "updated_at": now,
            }
        )
        for language, tr in data.translations.items():
            translations.append(
                {
                    "product_id": product_id,
                    "language": language,
                    "title": tr.title.strip(),
                    "description": tr.description.strip(),
                    "option_names": {k: v[language] for k, v in data.option_names.items() if language in v},
                    "option_values": {k: v[language] for k, v in data.option_values.items() if language in v},
                }
            )
        images.extend(
            {"product_id": product_id, "url": url, "alt": None, "position": i}
            for i, url in enumerate(data.images)
        )
        for i, v in enumerate(data.variants):
            compare_at = v.compare_at_price
            if compare_at is not None:
                compare_at = parse_price(compare_at, settings.currency)
            variants.append(
                {
                    "id": v.id or next(new_variants),
                    "product_id": product_id,
                    "sku": v.sku,
                    "options": dict(v.options),
                    "price": parse_price(v.price, settings.currency),
                    "compare_at_price": compare_at,
                    "available": v.available,
                    "stock": v.stock,
                    "position": i,
                    "updated_at": now,
                }
            )
    Row = dict[str, object]
    tables: list[tuple[type[Product | ProductTranslation | ProductImage | Variant], list[Row]]] = [
        (Product, products),
        (ProductTranslation, translations),
        (ProductImage, images),
        (Variant, variants),
    ]
    # Core inserts of the tables: one executemany each (the ORM's bulk insert splits rows by shape into many).
    for model, rows in tables:
        if rows:
            session.execute(insert(model.metadata.tables[model.__tablename__]), rows)
    return len(accepted)
