"""The ``comptoir`` command: the demo, the server, migrations, imports and exports, merchant operations."""

from __future__ import annotations

import json
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, SecretStr, ValidationError
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from comptoir.config import DEMO_DIR, Settings
from comptoir.core.errors import ComptoirError
from comptoir.db import Database

app = typer.Typer(help="Comptoir: conversational commerce, offline and multilingual.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
orders_app = typer.Typer(help="Merchant operations on orders.", no_args_is_help=True)
catalog_app = typer.Typer(help="Merchant operations on the catalogue.", no_args_is_help=True)
token_app = typer.Typer(help="Sign identities (for the merchant's site and for tests).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(orders_app, name="orders")
app.add_typer(catalog_app, name="catalog")
app.add_typer(token_app, name="token")
test_app = typer.Typer(help="Evaluate the assistant.", no_args_is_help=True)
app.add_typer(test_app, name="test")
search_app = typer.Typer(help="The search index.", no_args_is_help=True)
app.add_typer(search_app, name="search")

console = Console()
err = Console(stderr=True)


def main() -> None:
    app()


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error[/]: {message}")
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Typed errors become one readable line and exit code 1, never a traceback."""
    try:
        yield
    except ComptoirError as exc:
        _fail(f"[{exc.code}] {exc.message}")
    except ValidationError as exc:
        _fail(
            "invalid input: " + "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        )
    except (OSError, json.JSONDecodeError) as exc:
        _fail(str(exc))


def _database(settings: Settings | None = None) -> Database:
    return Database((settings or Settings()).database_url)


def _print(model: BaseModel | list[Any] | dict[str, Any]) -> None:
    if isinstance(model, BaseModel):
        console.print_json(model.model_dump_json())
    else:
        console.print_json(json.dumps(model, default=str))


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


# --- the demo and the server --------------------------------------------------------------------


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    reset: Annotated[bool, typer.Option(help="start from a fresh demo database")] = False,
) -> None:
    """Create (or reuse) the demo store in a local SQLite file and serve it."""
    import uvicorn

    from comptoir import nlu
    from comptoir.app import create_app
    from comptoir.demo import seed_demo
    from comptoir.demo.home import router as home_router
    from comptoir.demo.media import router as media_router
    from comptoir.migrate import upgrade

    path = DEMO_DIR / "demo.db"
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    base = Settings()
    settings = base.model_copy(
        update={
            "database_url": f"sqlite:///{path}"
            if "COMPTOIR_DATABASE_URL" not in _env()
            else base.database_url,
            "demo": True,
            "public_url": f"http://{host}:{port}",
            "admin_token": base.admin_token or SecretStr(secrets.token_urlsafe(24)),
            "customer_token_secret": base.customer_token_secret or SecretStr(secrets.token_urlsafe(24)),
        }
    )
    db = Database(settings.database_url)
    with _errors():
        upgrade(db)
        report = seed_demo(db)
        nlu.default_model()  # trained once from the shipped data (cached in .comptoir/models), then loaded
    what = "created" if report.created else "reused"
    console.print(f"[bold]La Petite Boutique[/] demo store {what} ({report.products} products) in {path}")
    url = settings.public_url
    console.print(f"  Shop             {url}/")
    console.print(f"  Shop API         {url}/api/v1/products")
    console.print(f"  Chat API         POST {url}/api/v1/conversations  (or: comptoir chat)")
    console.print(f"  Search           {url}/api/v1/search?q=red+leather+bag")
    console.print(f"  API docs         {url}/docs")
    assert settings.admin_token is not None
    console.print(f"  Admin token      {settings.admin_token.get_secret_value()}  (this run only)")
    application = create_app(settings, db, extra_routers=[media_router, home_router])
    uvicorn.run(application, host=host, port=port, log_level=settings.log_level)


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
) -> None:
    """Serve the API for the database in COMPTOIR_DATABASE_URL (run `comptoir db upgrade` first)."""
    import uvicorn

    from comptoir.app import create_app
    from comptoir.demo.media import router as media_router

    settings = Settings()
    application = create_app(settings, _database(settings), extra_routers=[media_router])
    uvicorn.run(application, host=host, port=port, log_level=settings.log_level)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="target revision")] = "head") -> None:
    """Apply the database migrations."""
    from comptoir.migrate import upgrade

    with _errors():
        upgrade(_database(), revision)
    console.print("database is up to date")


# --- imports, exports, evaluation ---------------------------------------------------------------

IMPORT_FORMATS = ["tau-retail", "json", "csv", "shopify", "saleor", "woocommerce"]


@app.command("import")
def import_(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"one of: {', '.join(IMPORT_FORMATS)}")],
    path: Annotated[Path, typer.Argument(help="file (or folder) to import")],
) -> None:
    """Import a catalogue (or a whole τ-retail store) into the database."""
    if fmt not in IMPORT_FORMATS:
        _fail(f"unknown format '{fmt}'; use one of: {', '.join(IMPORT_FORMATS)}", 2)
    if not path.exists():
        _fail(f"{path} does not exist", 2)
    from comptoir.migrate import upgrade

    db = _database()
    with _errors():
        upgrade(db)
        with _progress(f"importing {path.name}") as progress:
            if fmt == "tau-retail":
                from comptoir.interop.tau import import_tau

                report: BaseModel = import_tau(db, path, progress=progress)
            else:
                from comptoir.catalog.importers import run_import

                report = run_import(db, fmt, path, progress=progress)
    _print(report)


@app.command("export")
def export(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="tau-retail")],
    out_dir: Annotated[Path, typer.Argument(help="folder to write into")],
) -> None:
    """Export the store (τ-retail: DIR/db.json with users, products and orders)."""
    if fmt != "tau-retail":
        _fail(f"unknown export format '{fmt}'; use tau-retail", 2)
    from comptoir.interop.tau import export_tau

    with _errors():
        written = export_tau(_database(), out_dir)
    console.print(f"wrote {written}")


@app.command("eval")
def evaluate(
    what: Annotated[str, typer.Argument(help="tau-retail")],
    dataset: Annotated[Path, typer.Option(help="τ-bench retail folder")] = Path(
        "../shared/datasets/tau-bench-retail"
    ),
    work_dir: Annotated[Path, typer.Option(help="scratch folder")] = Path(".comptoir/eval"),
) -> None:
    """Replay τ-bench v1 retail tasks through the service layer and report the match rate."""
    if what != "tau-retail":
        _fail(f"unknown evaluation '{what}'; use tau-retail", 2)
    if not dataset.exists():
        _fail(f"{dataset} does not exist", 2)
    from comptoir.interop.tau_eval import eval_tau_v1

    with _errors():
        report = eval_tau_v1(dataset, work_dir)
    _print(report)


@app.command("generate-catalog")
def generate_catalog(
    n: Annotated[int, typer.Argument(min=1, max=10_000_000, help="number of products")],
    out: Annotated[Path, typer.Option(help="JSON-lines file to write")] = Path("catalog.jsonl"),
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
) -> None:
    """Write a synthetic multilingual catalogue of N products (import it with `comptoir import json`)."""
    from comptoir.catalog.generator import generate_catalog as generate

    with _errors():
        written = generate(n, out, seed=seed)
    console.print(f"wrote {written}")


# --- merchant operations ------------------------------------------------------------------------


def _run(operation: Callable[..., BaseModel], *args: Any, **kwargs: Any) -> None:
    with _errors(), _database().session() as session:
        result = operation(session, *args, **kwargs)
    _print(result)


@orders_app.command("show")
def order_show(order_id: str) -> None:
    """Show an order."""
    from comptoir.commerce import get_order

    with _errors(), _database().read_session() as session:
        _print(get_order(session, order_id))


@orders_app.command("process")
def order_process(order_id: str) -> None:
    """Mark a pending order as processed."""
    from comptoir.commerce import mark_processed

    _run(mark_processed, order_id)


@orders_app.command("ship")
def order_ship(
    order_id: str,
    carrier: Annotated[str, typer.Option(help="carrier name")],
    tracking_id: Annotated[str, typer.Option(help="tracking number")],
) -> None:
    """Ship an order (processing it first if needed)."""
    from comptoir.commerce import ship

    _run(ship, order_id, carrier=carrier, tracking_id=tracking_id)


@orders_app.command("deliver")
def order_deliver(order_id: str) -> None:
    """Mark a shipped order as delivered."""
    from comptoir.commerce import mark_delivered

    _run(mark_delivered, order_id)


@orders_app.command("cancel")
def order_cancel(order_id: str, reason: Annotated[str, typer.Option(help="cancellation reason")]) -> None:
    """Cancel a pending order (the policy's reasons apply)."""
    from comptoir.commerce import cancel_order

    _run(cancel_order, order_id, reason=reason, actor="merchant")


@orders_app.command("receive-return")
def order_receive_return(order_id: str) -> None:
    """The returned items arrived: refund them."""
    from comptoir.commerce import receive_return

    _run(receive_return, order_id)


@orders_app.command("complete-exchange")
def order_complete_exchange(order_id: str) -> None:
    """Complete a requested exchange: settle the difference and swap the items."""
    from comptoir.commerce import complete_exchange

    _run(complete_exchange, order_id)


@catalog_app.command("show")
def catalog_show(product_id: str, language: Annotated[str, typer.Option()] = "en") -> None:
    """Show a product with its items."""
    from comptoir.catalog import get_product

    with _errors(), _database().read_session() as session:
        _print(get_product(session, product_id, language=language))


@catalog_app.command("restock")
def catalog_restock(variant_id: str, quantity: Annotated[int, typer.Argument(min=1)]) -> None:
    """Add units to an item's stock."""
    from comptoir.catalog import restock

    _run(restock, variant_id, quantity)


@catalog_app.command("set-price")
def catalog_set_price(variant_id: str, price: str) -> None:
    """Change an item's price."""
    from comptoir.catalog import set_price

    try:
        value = Decimal(price)
    except InvalidOperation:
        _fail(f"'{price}' is not a price", 2)
    _run(set_price, variant_id, value)


@catalog_app.command("add-product")
def catalog_add_product(path: Annotated[Path, typer.Argument(help="JSON file with one product")]) -> None:
    """Add a product from a JSON file (the shape of the demo data)."""
    from comptoir.catalog import ProductInput, create_product

    with _errors():
        data = ProductInput.model_validate_json(path.read_text("utf-8"))
    _run(create_product, data)


@token_app.command("customer")
def token_customer(
    customer_id: str, ttl: Annotated[int, typer.Option(help="seconds of validity")] = 3600
) -> None:
    """Sign a customer identity with COMPTOIR_CUSTOMER_TOKEN_SECRET (what the merchant's site does)."""
    from comptoir.core.tokens import sign_customer

    secret = Settings().customer_token_secret
    if secret is None:
        _fail("set COMPTOIR_CUSTOMER_TOKEN_SECRET first", 2)
    assert secret is not None
    console.print(sign_customer(secret.get_secret_value(), customer_id, ttl_seconds=ttl))


# --- the assistant ----------------------------------------------------------------------------------


def _demo_template(folder: Path) -> Path:
    from comptoir.demo import demo_file

    return demo_file(folder / "store.db")


@test_app.command("stories")
def test_stories(
    folder: Annotated[Path, typer.Argument(help="folder of story YAML files")],
    fail_under: Annotated[float, typer.Option(help="exit 1 when the pass rate (%) is lower")] = 0.0,
) -> None:
    """Play conversation stories on a fresh demo store; print pass rates per language and journey."""
    import tempfile

    from comptoir.dialogue.stories import run_stories

    if not folder.exists():
        _fail(f"{folder} does not exist", 2)
    with _errors(), tempfile.TemporaryDirectory() as tmp:
        template = _demo_template(Path(tmp))
        report = run_stories(template, folder)
    console.print(report.text(), markup=False)
    passed = sum(o.passed for o in report.outcomes)
    if report.outcomes and 100 * passed / len(report.outcomes) < fail_under:
        raise typer.Exit(1)


@app.command()
def train(
    holdout: Annotated[
        float, typer.Option(min=0.05, max=0.5, help="share of examples held out to measure")
    ] = 0.2,
) -> None:
    """Retrain understanding from the shipped data plus the turns agents reviewed; print the figures."""
    import json as jsonlib

    from sqlalchemy.exc import SQLAlchemyError

    from comptoir import nlu
    from comptoir.dialogue.labels import reviewed_turns

    db = _database()
    reviewed = []
    with _errors():
        try:
            with db.read_session() as s:
                reviewed = reviewed_turns(s)
        except SQLAlchemyError as exc:  # a store without the tables has no reviews yet
            err.print(f"[dim]no reviewed turns read ({type(exc).__name__})[/]")
        path = nlu.reviewed_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            {
                "text": r.text,
                "language": r.language,
                "intent": r.intent,
                "entities": [[e.start, e.end, e.label, e.value] for e in r.entities],
            }
            for r in reviewed
        ]
        path.write_text(jsonlib.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
        extra = nlu.reviewed_examples()
        started = time.perf_counter()
        report = nlu.train_and_save(nlu.load_examples(), holdout=holdout, extra=extra)
        total = time.perf_counter() - started
    console.print(
        f"trained on {report.n_train} examples (+{len(extra)} reviewed), held out {report.n_test}; "
        f"{total:.1f} s in all (final fit {report.train_seconds:.1f} s)"
    )
    for language in report.languages:
        entity = report.entity_f1.get(language)
        console.print(
            f"  {language}: intent accuracy {report.intent_accuracy[language]:.3f}, "
            f"macro-F1 {report.intent_macro_f1[language]:.3f}, "
            f"entity F1 {entity.f1 if entity else 0.0:.3f}"
        )
    console.print(
        f"  all: intent accuracy {report.intent_accuracy.get('all', 0.0):.3f}, calibration error "
        f"{report.ece_before:.3f} -> {report.ece_after:.3f} (temperature {report.temperature})"
    )
    if report.confusions:
        worst = ", ".join(f"{a}->{b} ({n})" for a, b, n in report.confusions[:5])
        console.print(f"  most confused: {worst}")


@app.command()
def chat(
    language: Annotated[str | None, typer.Option(help="en, fr, el or ja (detected when not given)")] = None,
    customer: Annotated[str | None, typer.Option(help="start signed in as this customer id")] = None,
) -> None:
    """Talk to the assistant in the terminal (the demo store, or COMPTOIR_DATABASE_URL)."""
    from rich.table import Table

    from comptoir.dialogue import InboundMessage, create_conversation, post_message
    from comptoir.migrate import upgrade

    settings = Settings()
    demo_db = DEMO_DIR / "demo.db"
    if "COMPTOIR_DATABASE_URL" not in _env():
        settings = settings.model_copy(update={"database_url": f"sqlite:///{demo_db}"})
    db = Database(settings.database_url)
    with _errors():
        upgrade(db)
        if "COMPTOIR_DATABASE_URL" not in _env():
            from comptoir.demo import seed_demo

            seed_demo(db)
        with db.session() as s:
            created = create_conversation(s, language=language, customer_id=customer)
    console.print("[dim]Type your message; a number picks a suggestion; Ctrl-D quits.[/]")
    replies: list[Any] = []
    while True:
        try:
            text = console.input("[bold cyan]you[/] > ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if not text:
            continue
        options = replies[-1].quick_replies if replies and replies[-1].quick_replies else []
        message = (
            InboundMessage(payload=options[int(text) - 1].payload)
            if text.isdigit() and 0 < int(text) <= len(options)
            else InboundMessage(text=text)
        )
        with _errors(), db.session() as s:
            replies = post_message(
                s, created.id, created.token, message, public_url=settings.public_url
            ).messages
        for m in replies:
            console.print(f"[bold green]bot[/] > {m.text}", markup=True, highlight=False)
            if m.products:
                table = Table(show_header=False, box=None)
                for i, p in enumerate(m.products, 1):
                    table.add_row(
                        str(i),
                        p.title,
                        f"{p.price} {p.currency}",
                        "" if p.in_stock else "[red]out of stock[/]",
                    )
                console.print(table)
            if m.cart:
                console.print(
                    f"  [dim]cart: {len(m.cart.lines)} line(s), total {m.cart.total} {m.cart.currency}[/]"
                )
            if m.quick_replies:
                console.print(
                    "  " + "   ".join(f"[yellow]{i}[/] {q.title}" for i, q in enumerate(m.quick_replies, 1))
                )
            if m.handoff:
                console.print("  [magenta]waiting for a person from the team…[/]")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)


@search_app.command("reindex")
def search_reindex() -> None:
    """Rebuild the search index from the catalogue (it is otherwise kept up to date as products change)."""
    from comptoir import search

    with _errors(), _database().read_session() as session, _progress("Indexing products") as progress:
        count = search.reindex(session, progress)
    typer.echo(f"{count} products indexed")


@search_app.command("embed")
def search_embed() -> None:
    """Compute the sentence vectors of the products that have none yet (resumable)."""
    from comptoir import search

    with _errors(), _database().read_session() as session, _progress("Embedding products") as progress:
        count = search.embed_catalogue(session, progress)
    typer.echo(f"{count} product texts embedded")
