"""`clausewise serve` under load on loopback: concurrent comparisons, then concurrent adds.

    python benchmarks/web_load.py [--clients 8] [--requests 50]

A real server (`clausewise serve`, uvicorn) on a free loopback port, on a store built from
the shipped corpus in a temporary folder:

1. compare: CLIENTS threads each POST /api/compare REQUESTS times with the model's version 3
   (.txt) and Spilsby's protocol (.txt); latency p50/p95/max, errors (any status but 200, or a
   body that is not the JSON of the first answer), and the store unchanged (a comparison of
   files writes nothing). Baseline in the same run: the same comparison in process, one at a
   time (`clausewise.app.compare`), so the ratio says what serving and concurrency cost.
2. add: CLIENTS threads each add a different new version of Spilsby's protocol through the two
   forms (upload, then confirm) at once; every one must be stored, none lost, no 5xx.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clausewise.app import Store, compare
from clausewise.store import VersionInfo, export_data, open_session, versions_in_order
from tests.conftest import CORPUS, corpus_path

LEFT, RIGHT = corpus_path("sandon-burston", "txt"), corpus_path("spilsby", "txt")
COUNCIL, POLICY = "Spilsby Town Council", "Councillor-Officer Protocol"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "clausewise", "serve", "--port", str(port), "--db", str(db)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/api/health", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def snapshot(db: Path) -> dict[str, object]:
    with open_session(str(db), write=False) as session:
        return export_data(session)


def compare_load(base: str, clients: int, requests: int) -> tuple[list[float], list[str]]:
    files = {"left": (LEFT.name, LEFT.read_bytes()), "right": (RIGHT.name, RIGHT.read_bytes())}
    expected = httpx.post(f"{base}/api/compare", files=files, timeout=120).text  # warms the server
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=300) as http:
            for _ in range(requests):
                start = time.perf_counter()
                response = http.post("/api/compare", files=files)
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if response.status_code != 200 or response.text != expected:
                        errors.append(f"{response.status_code}: {response.text[:120]}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def add_at_once(base: str, clients: int, folder: Path) -> list[str]:
    """Each client adds its own version of Spilsby's protocol (one sentence added) at once."""
    text = RIGHT.read_text(encoding="utf-8")
    errors: list[str] = []

    def client(k: int) -> None:
        version = folder / f"spilsby-{k}.txt"
        version.write_text(text + f"\n\n99. Added in load test revision {k}.\n", encoding="utf-8")
        with httpx.Client(base_url=base, timeout=300, follow_redirects=True) as http:
            http.get("/reviews")
            form = {"csrf": http.cookies["clausewise_csrf"], "name": COUNCIL, "policy": POLICY}
            read = http.post("/council/add", data=form, files={"file": (version.name, version.read_bytes())})
            key = re.search(r'name="key" value="([^"]+)"', read.text)
            if read.status_code != 200 or key is None:
                errors.append(f"upload {k}: {read.status_code}")
                return
            fields = {"key": key.group(1), "label": f"load-{k}", "adopted_on": "", "adopted_by": ""}
            fields |= {"minute_ref": "", "review_due": ""}
            done = http.post("/council/add/confirm", data={**form, **fields})
            if done.status_code != 200 or f"added as version load-{k}" not in done.text:
                errors.append(f"add {k}: {done.status_code} {done.text[:200]}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clausewise-load-") as folder:
        db = Path(folder) / "load.db"
        Store(str(db)).add_manifest(CORPUS / "manifest.toml")
        compare(LEFT, RIGHT)  # warm: models loaded, as in the server after its first request
        baseline = statistics.median(_timed(lambda: compare(LEFT, RIGHT)) for _ in range(5))
        server, base = start_server(db)
        try:
            before = snapshot(db)
            started = time.perf_counter()
            latencies, errors = compare_load(base, args.clients, args.requests)
            wall = time.perf_counter() - started
            intact = snapshot(db) == before
            add_errors = add_at_once(base, args.clients, Path(folder))
            stored = {v.label for v in _versions(db)}
        finally:
            server.terminate()
            server.wait(timeout=30)
    added = sum(f"load-{k}" in stored for k in range(args.clients))
    total = len(latencies)
    print(f"POST /api/compare, {args.clients} clients x {args.requests} requests on loopback")
    print(f"{'files':28}{LEFT.name} vs {RIGHT.name}")
    print(f"{'requests':28}{total}")
    print(f"{'errors':28}{len(errors)}" + (f"  first: {errors[0]}" if errors else ""))
    print(f"{'p50 latency':28}{percentile(latencies, 0.50):.3f} s")
    print(f"{'p95 latency':28}{percentile(latencies, 0.95):.3f} s")
    print(f"{'max latency':28}{max(latencies):.3f} s")
    print(f"{'throughput':28}{total / wall:.1f} comparisons/s ({wall:.1f} s wall)")
    print(f"{'baseline (in process, 1)':28}{baseline:.3f} s per comparison")
    print(f"{'p50 / baseline':28}{percentile(latencies, 0.50) / baseline:.1f}x")
    print(f"{'store unchanged':28}{'yes' if intact else 'NO'}")
    print(f"{'adds at once':28}{added} of {args.clients} stored, {len(add_errors)} errors")
    for problem in add_errors:
        print(f"  {problem}")
    if errors or add_errors or not intact or added != args.clients:
        raise SystemExit(1)


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _versions(db: Path) -> list[VersionInfo]:
    with open_session(str(db), write=False) as session:
        return versions_in_order(session, COUNCIL, POLICY)


if __name__ == "__main__":
    main()
