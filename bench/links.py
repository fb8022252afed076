"""Benchmark: link checking against the bound that politeness sets.

Local servers on 127.0.0.x answer every request after a fixed latency. N links are spread evenly over
H hosts. The bound: for each host, its links x max(interval, latency / per-host limit); the slowest
host decides, and no run can beat links / concurrency x latency either. Prints the measured time next
to the bound and their ratio (the budget is 1.3).

    python bench/links.py [--scenarios 1000x10 1000x1] [--latency 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection

from awesomelint.evidence.link_options import LinkOptions
from awesomelint.links.checker import Checker


def _handler(latency: float) -> type[BaseHTTPRequestHandler]:
    class Slow(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Slow


def _serve(hosts: int, latency: float, ready: Connection) -> None:
    """In a child process, so that the servers do not share the checker's interpreter lock."""
    bases = []
    for index in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{10 + index}", 0), _handler(latency))
        server.daemon_threads = True
        server.request_queue_size = 256
        threading.Thread(target=server.serve_forever, daemon=True).start()
        bases.append(f"http://127.0.0.{10 + index}:{server.server_address[1]}")
    ready.send(bases)
    ready.recv()  # until the parent is done


@contextmanager
def _servers(hosts: int, latency: float) -> Iterator[list[str]]:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_serve, args=(hosts, latency, child), daemon=True)
    process.start()
    try:
        yield parent.recv()
    finally:
        parent.send("stop")
        process.join(timeout=5)
        process.kill()


def bound(links: int, hosts: int, options: LinkOptions, latency: float) -> float:
    per_host_links = -(-links // hosts)
    per_host = per_host_links * max(options.interval, latency / options.per_host)
    return max(per_host, links / options.concurrency * latency)


def run(links: int, hosts: int, latency: float, options: LinkOptions) -> tuple[float, int]:
    with _servers(hosts, latency) as bases:
        wanted = {f"{bases[i % hosts]}/paper/{i}": False for i in range(links)}
        start = time.perf_counter()
        results = asyncio.run(Checker(options).run(wanted))
        elapsed = time.perf_counter() - start
    return elapsed, sum(1 for r in results.values() if r.verdict == "ok")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", nargs="+", default=["1000x10", "1000x1"], help="LINKSxHOSTS")
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    options = LinkOptions(allow_private=True, cache=None, retries=0)
    print(
        f"concurrency {options.concurrency}, per host {options.per_host}, interval {options.interval:g} s,"
        f" latency {args.latency:g} s"
    )
    print(f"{'links':>6} {'hosts':>6} {'ok':>6} {'measured':>10} {'bound':>8} {'ratio':>6}")
    for scenario in args.scenarios:
        links, hosts = (int(part) for part in scenario.split("x"))
        elapsed, ok = run(links, hosts, args.latency, options)
        limit = bound(links, hosts, options, args.latency)
        print(f"{links:>6} {hosts:>6} {ok:>6} {elapsed:>9.2f}s {limit:>7.2f}s {elapsed / limit:>6.2f}")


if __name__ == "__main__":
    main()
