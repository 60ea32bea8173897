"""Alembic environment: runs claimdb's migrations on a connection claimdb hands over, or on $CLAIMDB_URL."""

from __future__ import annotations

from alembic import context

from claimdb.config import resolve_db_url
from claimdb.store.engine import make_engine
from claimdb.store.tables import metadata

config = context.config
target_metadata = metadata  # every table, as claimdb.store.tables defines it (the ORM maps the same)


def run_on(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # claimdb.store.migrate handed over a connection (and its safeguards)
        run_on(connection)
        return
    # the alembic command line on a checkout: same safeguards, through claimdb's own code
    from claimdb.store.migrate import _migrate

    engine = make_engine(config.get_main_option("sqlalchemy.url") or resolve_db_url())
    _migrate(engine, lambda cfg: run_on(cfg.attributes["connection"]))
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=resolve_db_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
