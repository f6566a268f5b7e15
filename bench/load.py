"""My actions under load: wrk with 16 connections against gunicorn, beside the floor.

gunicorn serves config.settings.bench with two sync workers (one a core); wrk runs on the same
machine for ``--seconds`` against the floor, then My actions, as the bench person. Reported:
requests a second, latency, errors (non-2xx answers and socket errors) and My actions'
throughput as a share of the floor's (target: at least 33%, no errors).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SHARE = 0.33
CONNECTIONS = 16


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_cookie() -> str:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.data import BENCH_USERNAME

    client = Client()
    client.force_login(get_user_model().objects.get(username=BENCH_USERNAME))
    return f"sessionid={client.cookies['sessionid'].value}"


def _wrk(url: str, cookie: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}"]
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = re.search(r"Latency\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    bad = int(non2xx.group(1)) if non2xx else 0
    timeouts = int(sockets.group(4)) if sockets else 0
    failed = sum(int(n) for n in sockets.groups()[:3]) if sockets else 0
    return {
        "rate": rate,
        "latency": latency,
        "p99": p99,
        "errors": bad + timeouts + failed,
        "detail": f"{bad} non-2xx, {failed} socket, {timeouts} timeouts (> 2 s)",
    }


def load_main(args) -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk; make bench installs it)")
        return 1
    cookie = _session_cookie()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "256"],
        cwd=ROOT,
        env=dict(os.environ),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(base + "/bench/floor/", headers={"Cookie": cookie})
                urllib.request.urlopen(request, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("gunicorn did not start")
                    return 1
                time.sleep(0.3)
        results = {}
        for name, path in (("floor", "/bench/floor/"), ("my actions", "/actions/")):
            _wrk(base + path, cookie, 2)  # warm both workers
            results[name] = _wrk(base + path, cookie, args.seconds)
    finally:
        server.terminate()
        server.wait(15)
    print(
        f"{args.scale}: wrk, {CONNECTIONS} connections, {args.seconds} s each, gunicorn with 2 "
        f"sync workers on {os.cpu_count()} cores (wrk shares them)"
    )
    print(f"{'page':<12}{'req/s':>9}{'mean':>10}{'p99':>10}  errors")
    for name, r in results.items():
        print(f"{name:<12}{r['rate']:>9.0f}{r['latency']:>10}{r['p99']:>10}  {r['detail']}")
    share = results["my actions"]["rate"] / results["floor"]["rate"]
    errors = results["my actions"]["errors"] + results["floor"]["errors"]
    ok = share >= TARGET_SHARE and errors == 0
    print(
        f"My actions at {share:.0%} of the floor's throughput, {errors} errors "
        f"(target >= {TARGET_SHARE:.0%}, no errors): {'PASS' if ok else 'FAIL'}"
    )
    return 0
