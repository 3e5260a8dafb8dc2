"""The bench's throwaway database and the servers it measures.

The database must be a local PostgreSQL database with "bench" in its name:
it is dropped and created again. `serve()` runs `make serve` (collectstatic,
migrate, gunicorn with WEB_CONCURRENCY workers), as production does;
`gunicorn()` starts gunicorn alone, for the scripts that need a given
number of workers.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench.load import get  # noqa: E402

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def throwaway_database(url: str) -> tuple[dict, str]:
    """The connection parts and the name of a database we may drop."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"}:
        raise SystemExit(
            "The bench needs PostgreSQL: the guarantee rests on its locks."
        )
    if parts.hostname not in LOCAL_HOSTS or "bench" not in name:
        raise SystemExit(
            f"Refusing to drop {name!r} on {parts.hostname}: the bench database "
            "must be on this machine and have 'bench' in its name."
        )
    connection = {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or ""),
    }
    return connection, name


def drop_database(url: str, *, create_again: bool = False) -> None:
    connection, name = throwaway_database(url)
    database = sql.Identifier(name)
    with psycopg.connect(dbname="postgres", autocommit=True, **connection) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        if create_again:
            db.execute(sql.SQL("CREATE DATABASE {}").format(database))


def server_environment(database_url: str, **settings: str) -> dict:
    """The environment of a production server on this machine's loopback."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "TASKS_IMMEDIATE": "1",
        "EMAIL_URL": "locmem:",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def manage(*command: str, env: dict) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int, arguments: tuple[str, ...] = ()):
    """A gunicorn on a free local port; yields its base URL, stops it after.
    The port is the site's own address (SITE_URL): the page cache stores
    pages only for the addresses the site is configured for. `arguments` are
    added to gunicorn's command line."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    OUT.mkdir(exist_ok=True)
    log = (OUT / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "amur_invest.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            "--backlog=2048",
            *arguments,
        ],
        cwd=ROOT,
        env={**env, "SITE_URL": base_url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_up(base_url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited; see its log in {OUT}")
        with contextlib.suppress(OSError):
            if get(f"{base_url}/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer in {seconds:g} s; see {OUT}")


@contextlib.contextmanager
def serve(env: dict, *, workers: int = 3, log_name: str = "serve"):
    """`make serve` on a free local port, as production runs it; yields the
    base URL and the process, stops every process it started after."""
    port = free_port()
    OUT.mkdir(exist_ok=True)
    log = (OUT / f"{log_name}.log").open("w")
    base_url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        # The page cache stores pages only for the site's own address.
        env={**env, "WEB_CONCURRENCY": str(workers), "SITE_URL": base_url},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(base_url, server, seconds=180)
        yield base_url, server
    finally:
        # make, gunicorn and its workers share the session started above.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def session_processes(session: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every process in a session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # The command name in parentheses may hold spaces: split after it.
        fields = stat[stat.rindex(")") + 2 :].split()
        parent, process_session = int(fields[1]), int(fields[3])
        if process_session == session:
            found.append((int(entry.name), parent, command))
    return found


def gunicorn_workers(session: int) -> list[int]:
    """The workers: gunicorn processes whose parent is gunicorn too."""
    processes = session_processes(session)
    gunicorns = {pid for pid, _parent, command in processes if "gunicorn" in command}
    return [
        pid
        for pid, parent, _command in processes
        if pid in gunicorns and parent in gunicorns
    ]


def peak_rss_mb(pid: int) -> float:
    """The most resident memory the process has held (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
