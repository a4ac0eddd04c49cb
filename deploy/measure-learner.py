"""Measure what one learner costs on a JupyterHub: memory, CPU time and disk.

TLJH's sizing guide asks for "the maximum amount of memory you used during your session" on a
typical user workflow, measured, plus 20-40 % headroom. This script plays one learner's
session the way the hub runs it: a JupyterLab server with nbgrader's extensions (what
`jupyterhub-singleuser` starts), the Assignments tab's list call, one kernel that runs every
code cell of an assignment notebook (the helper cell, the answer checks, the self-check),
twice, as a learner who checks again after editing. It samples the resident memory of the
server and its kernel all along and prints the peak, the CPU seconds used (server start included) against the session's wall
time and the bytes a
learner's assignments take on disk.

    PATH=$PWD/.venv/bin:$PATH .venv/bin/python deploy/measure-learner.py [NOTEBOOK ...]

With no NOTEBOOK it uses every exercises/source/*/*.ipynb. Run it on the server you size
(with the learner environment's Python) for your own numbers; deploy/README.md has ours.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
import requests
from jupyter_client import BlockingKernelClient

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss(process: psutil.Process) -> int:
    total = 0
    for proc in _tree(process):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def _cpu(process: psutil.Process) -> float:
    total = 0.0
    for proc in _tree(process):
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


class Sampler(threading.Thread):
    """Peak resident memory of a process tree, sampled every 50 ms."""

    def __init__(self, process: psutil.Process):
        super().__init__(daemon=True)
        self.process, self.peak, self.running = process, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, _rss(self.process))
            time.sleep(0.05)


def measure(notebooks: list[Path]) -> dict:
    work = Path(tempfile.mkdtemp(prefix="draaiboek-measure-"))
    home, runtime = work / "home", work / "runtime"
    home.mkdir()
    runtime.mkdir()
    for notebook in notebooks:
        folder = home / notebook.stem
        folder.mkdir()
        shutil.copy(notebook, folder / notebook.name)
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTERHUB_USER": "meting"}
    jupyter = Path(sys.executable).parent / "jupyter"
    argv = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home}",
            "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        argv.append("--allow-root")  # a container or CI machine often runs as root
    server = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    process = psutil.Process(server.pid)
    sampler = Sampler(process)
    sampler.start()
    try:
        started = time.monotonic()
        while True:
            try:
                if requests.get(f"{base}/api/status", headers=headers, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() - started > 180 or server.poll() is not None:
                raise SystemExit("JupyterLab did not start within 180 s.")
            time.sleep(0.2)
        session_start = time.monotonic()
        # What a learner's browser asks for: the Lab page and the Assignments tab's list.
        requests.get(f"{base}/lab", headers=headers, timeout=30)
        requests.get(f"{base}/assignments", headers=headers, timeout=60)
        idle = _rss(process)
        peak_per_notebook = []
        for notebook in notebooks:
            kernel = requests.post(f"{base}/api/kernels", headers=headers, timeout=30,
                                   json={"name": "python3"}).json()
            client = BlockingKernelClient(
                connection_file=str(runtime / f"kernel-{kernel['id']}.json"))
            client.load_connection_file()
            client.start_channels(hb=False)  # a busy machine misses heartbeats
            client.wait_for_ready(timeout=60)
            cells = [cell.source for cell in nbformat.read(notebook, as_version=4).cells
                     if cell.cell_type == "code"]
            for _ in range(2):  # check, edit, check again
                for source in cells:
                    client.execute_interactive(source, timeout=60,
                                               output_hook=lambda msg: None)
            peak_per_notebook.append(_rss(process))
            client.stop_channels()
            requests.delete(f"{base}/api/kernels/{kernel['id']}", headers=headers, timeout=30)
        cpu = _cpu(process)
        session = time.monotonic() - session_start
    finally:
        sampler.running = False
        sampler.join()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    disk = sum(n.stat().st_size for n in notebooks)
    return {
        "notebooks": len(notebooks),
        "idle_server_mb": round(idle / 2**20),
        "peak_mb": round(sampler.peak / 2**20),
        "peak_with_one_kernel_mb": round(max(peak_per_notebook) / 2**20),
        "cpu_seconds": round(cpu, 1),
        "session_seconds": round(session, 1),
        "assignment_bytes": disk,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    notebooks = args.notebooks or sorted(ROOT.glob("exercises/source/*/*.ipynb"))
    print(json.dumps(measure(notebooks), indent=2))


if __name__ == "__main__":
    main()
