"""`accountsvc`: run the service. `serve` listens until SIGTERM or Ctrl-C, then lets the
calls in flight finish."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from accountsvc.server_logging import log_event as _log

# The embedded default: a SQLite file in the working directory's var/.
DEFAULT_DATABASE = "sqlite:///var/accountsvc.db"


def _engine(url: str) -> str:
    """The database's kind, for logs: the URL may hold a password."""
    return url.split(":", 1)[0]


def command_serve(args: argparse.Namespace) -> int:
    from accountsvc.server import start_server
    from accountsvc.storage.database import SchemaNotCurrent

    try:
        running = start_server(args.listen, args.database, log_calls=not args.no_call_log)
    except SchemaNotCurrent as error:
        _log("schema-not-current", engine=_engine(args.database), error=str(error))
        return 2
    except OSError as error:
        _log("listen-failed", listen=args.listen, error=str(error))
        return 2
    _log("serving", listen=args.listen, port=running.port, engine=_engine(args.database))
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    stopping.wait()
    _log("stopping", grace_seconds=args.grace)
    running.stop(args.grace)
    _log("stopped")
    return 0


def command_migrate(args: argparse.Namespace) -> int:
    from accountsvc.storage.database import migrate

    migrate(args.database)
    _log("migrated", engine=_engine(args.database))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="accountsvc", description="The account service.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="serve the gRPC API",
        epilog="example: accountsvc serve --listen 127.0.0.1:50051 "
        "--database sqlite:///var/accountsvc.db",
    )
    serve.add_argument("--listen", default="127.0.0.1:50051", help="HOST:PORT to listen on")
    serve.add_argument("--grace", type=float, default=5.0, help="seconds for calls in flight")
    serve.add_argument("--database", default=DEFAULT_DATABASE, help="SQLAlchemy URL")
    serve.add_argument("--no-call-log", action="store_true", help="do not log a line per call")
    migrate = commands.add_parser(
        "migrate",
        help="create or upgrade the database schema",
        epilog="example: accountsvc migrate --database sqlite:///var/accountsvc.db",
    )
    migrate.add_argument("--database", default=DEFAULT_DATABASE, help="SQLAlchemy URL")
    args = parser.parse_args(argv)
    commands_by_name = {"serve": command_serve, "migrate": command_migrate}
    return commands_by_name[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
