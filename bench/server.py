"""Benchmark: `awesomelint server` after a one-entry edit, next to a full `check` of the same list.

A list of N entries (default 3,000; the seed's shapes from bench/lint.py, or with --real the corpus
lists' shapes from bench/real.py) is opened in the server (a child process spoken to over stdio,
with no debounce), then one entry's title is edited 50 times (its first four characters made a longer
word and back, sent as an incremental change: as in typing, the rest of the list moves). For each
edit: the wall time from sending the change to receiving the findings of that version (their last
byte; the client's decoding of them is not counted), and the CPU
time the server spent meanwhile (the scheduler's nanoseconds in /proc, all the server's threads: on a
machine shared with other jobs the wall time measures them too). Next to it: `awesomelint check` of the same
file as a process (wall and CPU time, best of --repeat), and the same check in this process (read and
rules, no start-up). Printed: median and 95th percentile, and their ratios to the full check.

    python bench/server.py [--entries 3000] [--edits 50] [--real] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint import _run, generate
from real import real_list

from awesomelint.engine import Settings, run_rules
from awesomelint.read import read


class Client:
    """A minimal LSP client over a child's standard input and output."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.writer: IO[bytes] = self.process.stdin
        self.reader: IO[bytes] = self.process.stdout
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.writer.flush()

    def receive(self) -> tuple[dict[str, Any], float]:
        """The next message, and when its last byte arrived (before it is decoded: decoding the
        findings is the editor's work, about 20 ms for 6,500 of them in this Python client)."""
        length = 0
        while (line := self.reader.readline().strip()) != b"":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        body = self.reader.read(length)
        arrived = time.perf_counter()
        found: dict[str, Any] = json.loads(body)
        return found, arrived

    def wait(
        self, method: str | None = None, request_id: int | None = None, version: int | None = None
    ) -> tuple[Any, float]:
        """The result of a request, or the parameters of a notification (of that document version),
        and when it arrived; requests of the server's are answered on the way."""
        while True:
            message, arrived = self.receive()
            if request_id is not None and message.get("id") == request_id and "method" not in message:
                return message.get("result"), arrived
            if "id" in message and "method" in message:  # a request of the server's: answer it
                self.writer.write(_reply(message["id"]))
                self.writer.flush()
            elif message.get("method") == method and (
                version is None or message["params"]["version"] == version
            ):
                return message["params"], arrived

    def cpu(self) -> float:
        """The server's CPU time so far (user and system, all its threads), in seconds: from the
        scheduler's nanoseconds where the kernel keeps them (/proc's clock ticks are 10 ms, as
        coarse as the time measured)."""
        tasks = Path(f"/proc/{self.process.pid}/task")
        try:
            return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks.iterdir()) / 1e9
        except (OSError, ValueError, IndexError):
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.send("shutdown", None, request=True)
        self.wait(request_id=self.next_id)
        self.send("exit", None)
        self.process.wait(timeout=30)


def _reply(request_id: Any) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": None}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _position(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--real", action="store_true", help="the corpus lists' shapes (bench/real.py)")
    arguments = parser.parse_args()
    text = real_list(arguments.entries) if arguments.real else generate(arguments.entries)
    document = read(text)
    entries = [
        entry for entry in document.iter_entries() if entry.title is not None and len(entry.title.text) > 8
    ]
    entry = entries[len(entries) // 2]  # an entry in the middle of the list
    assert entry.title is not None
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        (folder / ".git").mkdir()  # the configuration is looked for up to here: there is none
        path = folder / "README.md"
        path.write_text(text, "utf-8")

        check = [_run([sys.executable, "-m", "awesomelint", "check", "--no-config", "-q", str(path)])]
        check += [
            _run([sys.executable, "-m", "awesomelint", "check", "--no-config", "-q", str(path)])
            for _ in range(arguments.repeat - 1)
        ]
        check_wall = min(wall for wall, _, _ in check)
        check_cpu = min(cpu for _, _, cpu in check)
        inside = []
        for _ in range(arguments.repeat):
            started = time.process_time()
            run_rules(read(text), Settings())
            inside.append(time.process_time() - started)

        client = Client([sys.executable, "-m", "awesomelint", "server"], folder)
        client.send(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": folder.as_uri(),
                "capabilities": {},
                "initializationOptions": {"debounce": 0},
            },
            request=True,
        )
        client.wait(request_id=client.next_id)
        client.send("initialized", {})
        uri = path.as_uri()
        client.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        opened, _ = client.wait("textDocument/publishDiagnostics", version=1)
        walls, cpus = [], []
        start, end = entry.title.span.start, entry.title.span.start + 4
        for version in range(2, arguments.edits + 2):
            # back and forth, longer then as before: as in typing, what follows the edit moves
            replacement = "Edited" if version % 2 == 0 else text[start : start + 4]
            change = {
                "range": {"start": _position(text, start), "end": _position(text, end)},
                "text": replacement,
            }
            cpu_before, wall_before = client.cpu(), time.perf_counter()
            client.send(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
            )
            _, arrived = client.wait("textDocument/publishDiagnostics", version=version)
            walls.append(arrived - wall_before)
            cpus.append(client.cpu() - cpu_before)
            end = start + len(replacement)
        client.close()

    shapes = "corpus shapes" if arguments.real else "seed shapes"
    findings = len(opened["diagnostics"])
    print(f"list: {arguments.entries} entries ({shapes}), {len(text):,} characters, {findings} findings")
    print(
        f"full check (process): wall {check_wall:.3f} s, cpu {check_cpu:.3f} s (best of {arguments.repeat})"
    )
    print(f"full check (in process): cpu {min(inside):.3f} s (read and rules, best of {arguments.repeat})")
    for name, values, full in (("wall", walls, check_wall), ("cpu", cpus, check_cpu)):
        median, p95 = statistics.median(values), _percentile(values, 0.95)
        print(
            f"server, one-entry edit, {name}: median {median:.3f} s ({median / full:.0%} of a check), "
            f"p95 {p95:.3f} s ({p95 / full:.0%}) over {len(values)} edits"
        )


if __name__ == "__main__":
    main()
