"""The kernel learner code runs in while grading, shut off with bubblewrap (Debian package
`bubblewrap`): the whole file system is read-only; the course folder (sources, gradebook,
other learners' work), the project's answer keys in `exercises/`, the home folder and /tmp
are replaced by empty private folders; only the learner's own submission and the kernel's
connection file are visible again, read-only. nbgrader is unchanged: it starts our kernel
spec, whose command is this module.

Without bwrap the kernel runs unshielded, with limits on memory and file size only; the
grading command then says so loudly and asks for an explicit choice.

Keep this module light: it runs once per learner before the kernel starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "draaiboek-afgeschermd"
MEMORY_LIMIT = 4 * 1024**3
FILE_LIMIT = 64 * 1024**2


def bwrap_available() -> bool:
    """bwrap is installed and may create namespaces here (containers sometimes forbid it)."""
    path = shutil.which("bwrap")
    if not path:
        return False
    run = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-pid", "--die-with-parent",
                          "true"], capture_output=True)
    return run.returncode == 0


def write_kernel_spec(folder: Path, course: Path, project: Path, shielded: bool) -> Path:
    """The kernel spec nbgrader starts: `<folder>/kernels/<KERNEL_NAME>/kernel.json`."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "draaiboek.course.sandbox",
            "bwrap" if shielded else "zonder", str(course.resolve()), str(project.resolve()),
            "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "Draaiboek (afgeschermd)", "language": "python",
        "interrupt_mode": "message", "metadata": {"debugger": False}}, indent=1),
        encoding="utf-8")
    return spec


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def bwrap_command(course: Path, project: Path, cwd: Path, connection_file: Path,
                  kernel: list[str]) -> list[str]:
    secret = [course, project / "exercises"]
    hidden = [Path("/tmp"), Path.home(), *secret]
    hidden = sorted({h.resolve() for h in hidden if h.is_dir()}, key=lambda p: len(p.parts))
    # The interpreter and its libraries stay visible even if they live in a hidden folder;
    # the secret folders never come back, except the learner's own and the connection file.
    needed = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent,
              Path(__file__).resolve().parents[2],  # the folder holding draaiboek itself
              *(Path(p) for p in sys.path if p and Path(p).is_dir())}
    rebind = sorted({p.resolve() for p in needed
                     if any(_inside(p.resolve(), h) for h in hidden)
                     and not any(_inside(p.resolve(), s.resolve()) for s in secret)},
                    key=lambda p: len(p.parts))
    rebind += [cwd.resolve(), connection_file.resolve()]
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for folder in hidden:
        argv += ["--tmpfs", str(folder)]
    for path in rebind:
        argv += ["--ro-bind", str(path), str(path)]
    for folder in secret:  # their empty stand-ins are read-only too
        if folder.is_dir():
            argv += ["--remount-ro", str(folder.resolve())]
    return argv + ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
                   "--new-session", "--cap-drop", "ALL", "--chdir", str(cwd.resolve()),
                   "--", *kernel]


def _limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> None:
    mode, course, project, connection_file = argv
    kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file,
              "--HistoryManager.hist_file=:memory:"]
    _limit()
    # The kernel's own chatter goes to a log, not to the trainer's terminal.
    log = os.open(Path(course) / ".nakijken" / "kernels.log",
                  os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    if mode == "bwrap":
        # Inside its own process namespace the kernel's parent has a different number; it
        # would think the grader is gone. --die-with-parent does that job instead.
        os.environ.pop("JPY_PARENT_PID", None)
        command = bwrap_command(Path(course), Path(project), Path.cwd(), Path(connection_file),
                                kernel)
        os.execvp("bwrap", command)
    os.execv(sys.executable, kernel)


if __name__ == "__main__":
    main(sys.argv[1:])
