"""A real Radicale server for the sync tests, and a proxy that can stop it between requests.

`Radicale` runs ``python -m radicale`` on 127.0.0.1 at a free port with its own
storage folder and an htpasswd user, and waits until it answers (never a fixed
sleep). It can be stopped (SIGKILL, as a crash) and started again on the same
port and storage. `Proxy` stands between the planner and Radicale and calls a
hook before each request it forwards: a test kills the server after the n-th
request, or changes a to-do behind the planner's back.
"""

from __future__ import annotations

import http.client
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

USER, PASSWORD = "alice", "secret"
START_TIMEOUT = 120.0  # a bound against a server that never starts, far above a busy machine's start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Radicale:
    """One Radicale process; `start` and `stop` may be called again and again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
        self.config = folder / "config"
        self.config.write_text(f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {folder / 'users'}
htpasswd_encryption = plain
delay = 0
[storage]
filesystem_folder = {folder / 'collections'}
[logging]
level = warning
""")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        log = open(self.folder / "radicale.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.config),
             "--server-hosts", f"127.0.0.1:{self.port}", "--storage-filesystem-folder",
             str(self.folder / "collections"), "--auth-type", "htpasswd"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        self._wait_until_it_answers()

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited: {(self.folder / 'radicale.log').read_text()[-2000:]}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("OPTIONS", "/")
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"Radicale did not answer within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        """SIGKILL, as a crash or a pulled cable would; waits until it is gone."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=START_TIMEOUT)
        self.process = None


class Proxy:
    """A reverse proxy to ``upstream``'s port; ``before(number, method)`` runs before each request."""

    def __init__(self, upstream: Radicale):
        self.upstream = upstream
        self.before: Callable[[int, str], None] = lambda number, method: None
        self.count = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def __getattr__(self, name: str):
                if name.startswith("do_"):
                    return self._forward
                raise AttributeError(name)

            def _forward(self) -> None:
                with proxy.lock:
                    proxy.count += 1
                    number = proxy.count
                proxy.before(number, self.command)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    upstream_connection = http.client.HTTPConnection("127.0.0.1", proxy.upstream.port,
                                                                         timeout=START_TIMEOUT)
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    upstream_connection.request(self.command, self.path, body=body, headers=headers)
                    response = upstream_connection.getresponse()
                    data = response.read()
                except OSError:
                    self.close_connection = True  # the server is gone: so is the answer
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.send_response_only(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
