"""Serve one of the benchmark's apps with uvicorn and ``workers`` processes, on a listening socket made with
``IPPROTO_TCP`` so that accepted connections get ``TCP_NODELAY``.

``uvicorn --workers N`` binds its socket with ``proto`` 0, so asyncio leaves Nagle's algorithm on and every
keep-alive reply after the first waits for the client's delayed ACK (about 40 ms on Linux; Kludex/uvicorn
issue 3149). ``--stock`` serves through ``uvicorn.run`` instead, to show the difference.

    .venv/bin/python -m bench.conversation_serve bench.conversation_server:echo_app --port 8765 --workers 2
"""

from __future__ import annotations

import argparse
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("app", help="module:factory")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--stock", action="store_true", help="uvicorn.run as it is (Nagle on with workers > 1)"
    )
    args = parser.parse_args()
    options = {"factory": True, "workers": args.workers, "log_level": "warning", "access_log": False}
    if args.stock:
        uvicorn.run(args.app, host=args.host, port=args.port, **options)  # type: ignore[arg-type]
        return
    config = uvicorn.Config(args.app, host=args.host, port=args.port, **options)  # type: ignore[arg-type]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.set_inheritable(True)
    if args.workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        config.load_app()
        uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
