"""What bench/crash.py and bench/http.py share: the database guard, Django start-up with the bench
server settings, and a gunicorn master the script starts, watches and always stops.

Safety: only PostgreSQL databases whose name starts with "medborger_bench" (or ends in "_bench")
are touched; the scripts create, wipe and drop them. Only processes this module started are
signalled, by their process id: the gunicorn master and the workers that are its children.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SETTINGS = "bench.server_settings"
# Fixed, public bench values: the bench data is synthetic and the database is thrown away.
SECRET_KEY = "bench-secret-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PEPPER = "bench-pepper-not-secret-0123456789abcdef"


def bench_database_url(default_name: str) -> str:
    """DATABASE_URL if set, else PostgreSQL on localhost with `default_name`; refuses anything
    that is not PostgreSQL or not a bench database before Django starts."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{default_name}"
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The gunicorn benchmarks run on PostgreSQL only: set DATABASE_URL=postgres://…")
    name = str(config["NAME"] or "")
    if not (name.startswith("medborger_bench") or name.endswith("_bench")):
        sys.exit(
            f"Refusing to touch the database {name!r}: the benchmarks wipe and rewrite it, so its "
            'name must start with "medborger_bench" (or end in "_bench").'
        )
    return url


def _admin_connection(url: str) -> Any:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params: dict[str, Any] = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None}), config["NAME"]


def create_database(url: str, *, fresh: bool) -> bool:
    """Create the bench database; with `fresh`, drop it first. True when it was created now."""
    from psycopg import sql

    conn, name = _admin_connection(url)
    with conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def drop_database(url: str) -> None:
    from psycopg import sql

    conn, name = _admin_connection(url)
    with conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def server_environment(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "MEDBORGER_PERSON_KEY_PEPPER": PEPPER,
            "PYTHONPATH": str(ROOT),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def django_setup(url: str) -> None:
    """Start Django in this process with the same settings the server uses, then migrate."""
    import warnings

    os.environ.update(server_environment(url))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # WhiteNoise warns that collectstatic has not run; the benches do not serve static files.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "postgresql" or not (
        name.startswith("medborger_bench") or name.endswith("_bench")
    ):
        sys.exit(f"Refusing to run against {connection.vendor} database {name!r}.")
    if settings.DEBUG:
        sys.exit("The benchmarks run with DEBUG off.")
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Gunicorn:
    """A gunicorn master started by this script, with its own process group. `stop()` runs at
    exit, on SIGTERM/SIGINT and in `finally`: it signals only this master and its children."""

    def __init__(
        self,
        url: str,
        *,
        workers: int = 2,
        threads: int = 1,
        log: Path,
        timeout: int = 30,
        preload: bool = True,
        extra: list[str] | None = None,
    ) -> None:
        self.url = url
        self.workers = workers
        self.threads = threads
        self.log_path = log
        self.timeout = timeout
        self.preload = preload
        self.extra = extra or []
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_host: str) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        command = [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--chdir",
            str(ROOT),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--timeout",
            str(self.timeout),
            "--graceful-timeout",
            "5",
            "--backlog",
            "2048",
            # Another gunicorn on the machine may use the default control socket path.
            "--no-control-socket",
            *(["--threads", str(self.threads)] if self.threads > 1 else []),
            # The app is imported (and warmed up, see gunicorn_conf.py) once in the master: a
            # killed worker is replaced by a fork in milliseconds, not seconds of Django start-up.
            *(
                ["--preload", "--config", str(ROOT / "bench" / "gunicorn_conf.py")]
                if self.preload
                else []
            ),
            *self.extra,
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
            command,
            cwd=ROOT,
            env={**server_environment(self.url), "BENCH_WARM_HOST": ready_host},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        atexit.register(self.stop)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            previous = signal.getsignal(signum)

            def handler(num: int, frame: Any, previous: Any = previous) -> None:
                self.stop()
                if callable(previous):
                    previous(num, frame)
                raise SystemExit(128 + num)

            signal.signal(signum, handler)
        self.wait_ready(ready_host)

    def wait_ready(self, host: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                sys.exit(f"gunicorn exited at start; see {self.log_path}")
            try:
                request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
                    f"{self.base}/bench/floor/",
                    headers={"Host": host, "X-Forwarded-Proto": "https"},
                )
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """The live workers: the children of the master this script started, nothing else."""
        if self.process is None or self.process.poll() is not None:
            return []
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=False)
        except psutil.NoSuchProcess:
            return []
        return [c.pid for c in children if c.status() != psutil.STATUS_ZOMBIE]

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            workers = []
            try:
                import psutil

                workers = psutil.Process(process.pid).children(recursive=True)
            except Exception:  # noqa: S110 - best effort: the master may be gone already
                pass
            process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of its workers
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            for worker in workers:  # a worker the master failed to stop: by pid, never by name
                try:
                    if worker.is_running() and worker.ppid() in (process.pid, 1):
                        worker.kill()
                except Exception:  # noqa: S110 - already gone
                    pass
        if self._log is not None:
            self._log.close()
            self._log = None
