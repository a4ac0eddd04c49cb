"""deploy/: the JupyterHub files (TLJH, Zero to JupyterHub, the images) and their guides.

Nothing here installs a hub: these tests hold the files to what the guides promise and to the
one source of the learners' settings, `draaiboek.course.hub.learner_config_text`. The live hub
is tests/test_hub.py's."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
import yaml

from draaiboek.course.commands import cursus
from draaiboek.course.coursedir import Hub, nbgrader_config_text
from draaiboek.course.hub import DEFAULT_EXCHANGE, LEARNER_CONFIG, learner_config_text

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
VALUES = DEPLOY / "z2jh" / "config.yaml"
DOCKERFILE = DEPLOY / "image" / "Dockerfile"
GUIDES = [DEPLOY / "README.md", DEPLOY / "HANDLEIDING-trainer.md"]
SCRIPTS = sorted(DEPLOY.rglob("*.sh"))
LEARNER_CONFIG_PATH = "/etc/jupyter/nbgrader_config.py"


def yaml_files() -> list[Path]:
    return sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def values() -> dict:
    return load(VALUES)


def by_kind(kind: str) -> dict:
    (doc,) = [d for path in yaml_files() for d in yaml.safe_load_all(path.read_text("utf-8"))
              if isinstance(d, dict) and d.get("kind") == kind]
    return doc


# --- every file parses or compiles ------------------------------------------------------------

@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_yaml_parses(path: Path):
    documents = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    assert documents and all(isinstance(d, dict) for d in documents)


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.py")), ids=lambda p: p.name)
def test_python_compiles(path: Path):
    compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_shell_scripts_parse(path: Path):
    result = subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    assert "set -eu" in path.read_text(encoding="utf-8")


# --- the exchange on a ReadWriteMany volume ---------------------------------------------------

def test_exchange_claim_is_read_write_many_and_mounted_for_everyone(values):
    claim = by_kind("PersistentVolumeClaim")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert claim["spec"]["storageClassName"]
    storage = values["singleuser"]["storage"]
    volumes = {v["name"]: v for v in storage["extraVolumes"]}
    mounts = {m["name"]: m for m in storage["extraVolumeMounts"]}
    (name,) = [n for n, v in volumes.items()
               if v["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]]
    # The path every course's nbgrader_config.py names (draaiboek cursus maak --hub).
    assert mounts[name]["mountPath"] == DEFAULT_EXCHANGE
    assert not mounts[name].get("readOnly")  # learners submit into inbound/
    # singleuser volumes reach every pod; the trainers' override changes image and memory only
    trainer_code = values["hub"]["extraConfig"]["draaiboek.py"]
    assert "spawner.volume" not in trainer_code


def test_exchange_init_job_makes_the_claims_root_1777():
    job, claim = by_kind("Job"), by_kind("PersistentVolumeClaim")
    pod = job["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    (mount,) = container["volumeMounts"]
    (volume,) = pod["volumes"]
    assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    assert mount["name"] == volume["name"] and mount["mountPath"] == DEFAULT_EXCHANGE
    assert f"chmod 1777 {DEFAULT_EXCHANGE}" in " ".join(container["command"])


def test_exchange_mode_1777_passes_nbgrader_s_own_check(tmp_path):
    """nbgrader's release compares only the 777 bits of the exchange root: the sticky bit we
    add is left alone (a root of another mode is changed, which fails for a trainer who does
    not own it)."""
    import stat

    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeReleaseAssignment
    from traitlets.config import Config

    def after_check(mode: int) -> int:
        root = tmp_path / f"exchange-{mode:o}"
        root.mkdir()
        os.chmod(root, mode)
        config = Config()
        config.Exchange.root = str(root)
        ExchangeReleaseAssignment(coursedir=CourseDirectory(config=config), config=config,
                                  authenticator=Authenticator(config=config)).ensure_root()
        return stat.S_IMODE(root.stat().st_mode)

    assert after_check(0o1777) == 0o1777
    assert after_check(0o755) == 0o777


# --- the formgrader and its Content-Security-Policy -------------------------------------------

def test_formgrader_csp_only_together_with_subdomains(values):
    jupyterhub = values["hub"]["config"]["JupyterHub"]
    assert jupyterhub["subdomain_host"].startswith("https://")
    assert jupyterhub["cookie_host_prefix_enabled"] is True
    csp = values["singleuser"]["extraFiles"]["formgrader-csp"]
    assert csp["mountPath"] == "/etc/jupyter/jupyter_server_config.json"
    headers = csp["data"]["ServerApp"]["tornado_settings"]["headers"]
    assert headers == {"Content-Security-Policy": "frame-ancestors 'self'"}
    # The wildcard host the subdomains need is served.
    host = jupyterhub["subdomain_host"].removeprefix("https://")
    assert f"*.{host}" in values["ingress"]["hosts"]
    assert f"*.{host}" in values["ingress"]["tls"][0]["hosts"]


def test_jupyter_server_reads_the_csp_file_next_to_the_images_own_config(tmp_path, values):
    """docker-stacks ships /etc/jupyter/jupyter_server_config.py; the JSON file Helm mounts
    beside it must add to it, not replace it."""
    import json

    (tmp_path / "jupyter_server_config.py").write_text('c.ServerApp.ip = ""\n')
    (tmp_path / "jupyter_server_config.json").write_text(
        json.dumps(values["singleuser"]["extraFiles"]["formgrader-csp"]["data"]))
    code = ("from jupyter_server.serverapp import ServerApp\n"
            "app = ServerApp(); app.load_config_file()\n"
            "print(repr(app.config.ServerApp.ip), app.config.ServerApp.tornado_settings)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path)}, check=True)
    assert out.stdout.startswith("''")
    assert "frame-ancestors 'self'" in out.stdout


def test_trainer_hook_and_uids(values):
    """hub.extraConfig runs as JupyterHub would run it: trainers get the trainer image and
    memory, learners keep theirs, and every hub user gets a uid of their own."""
    from types import SimpleNamespace

    custom = values["custom"]["draaiboek"]
    code = values["hub"]["extraConfig"]["draaiboek.py"]
    assert set(re.findall(r'draaiboek\["(\w+)"\]', code)) <= set(custom)
    z2jh = SimpleNamespace(get_config=lambda key: {"custom.draaiboek": custom}[key])
    c = SimpleNamespace(KubeSpawner=SimpleNamespace())
    sys.modules["z2jh"] = z2jh
    try:
        exec(compile(code, "hub.extraConfig.draaiboek.py", "exec"), {"c": c})
    finally:
        del sys.modules["z2jh"]
    group = SimpleNamespace(name=custom["trainerGroup"])
    trainer = SimpleNamespace(user=SimpleNamespace(id=3, groups=[group]), image="learner")
    learner = SimpleNamespace(user=SimpleNamespace(id=4, groups=[]), image="learner")
    for spawner in (trainer, learner):
        c.KubeSpawner.pre_spawn_hook(spawner)
    image = custom["trainerImage"]
    assert trainer.image == f"{image['name']}:{image['tag']}"
    assert trainer.mem_limit == trainer.mem_guarantee == custom["trainerMemory"]
    assert learner.image == "learner" and not hasattr(learner, "mem_limit")
    assert {c.KubeSpawner.uid(trainer), c.KubeSpawner.uid(learner)} == {10003, 10004}
    assert custom["uidBase"] > 1000  # clear of the image's jovyan
    assert custom["trainerGroup"] in values["hub"]["config"]["JupyterHub"]["load_groups"]


def test_images_are_pinned(values):
    for image in (values["singleuser"]["image"], values["custom"]["draaiboek"]["trainerImage"]):
        assert image["tag"] and image["tag"] != "latest"
    assert values["singleuser"]["cmd"] is None and values["singleuser"]["defaultUrl"] == "/lab"


# --- the learners' settings: one source --------------------------------------------------------

def test_learner_config_comes_from_the_course_never_a_copy(values):
    extra = values["singleuser"]["extraFiles"]["draaiboek-learner-config"]
    assert extra == {"mountPath": LEARNER_CONFIG_PATH}  # content only through --set-file
    command = ("--set-file singleuser.extraFiles.draaiboek-learner-config.stringData="
               f"COURSE/{LEARNER_CONFIG.as_posix()}")
    assert command in VALUES.read_text(encoding="utf-8")
    assert command in (DEPLOY / "README.md").read_text(encoding="utf-8")
    tljh = (DEPLOY / "tljh" / "learner-config.sh").read_text(encoding="utf-8")
    assert f'"$course/{LEARNER_CONFIG.as_posix()}"' in tljh
    assert 'target_dir=/etc/jupyter\n' in tljh and '"$target_dir/nbgrader_config.py"' in tljh
    # No file here holds settings of its own for the learners' nbgrader.
    for path in DEPLOY.rglob("*"):
        if path.is_file() and path.suffix != ".md" and path.name != "formgrader-config.sh":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"c\.(Exchange|CourseDirectory)\.\w+\s*=", text), path


def test_tljh_reads_the_exchange_from_the_course_file(tmp_path):
    """learner-config.sh finds the exchange folder to create in the file itself."""
    script = (DEPLOY / "tljh" / "learner-config.sh").read_text(encoding="utf-8")
    snippet = re.search(r"<<'PY'\n(.*?)\nPY\n", script, re.S).group(1)
    config = tmp_path / "voor-de-hub" / "nbgrader_config.py"
    config.parent.mkdir()
    config.write_text(learner_config_text("/srv/elders/uitwisseling", "genk"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-", str(config)], input=snippet, text=True,
                         capture_output=True, check=True)
    assert out.stdout.strip() == "/srv/elders/uitwisseling"


def test_trainers_formgrader_config_loads_the_course_and_undoes_the_learner_id(tmp_path):
    """On the hub the learner settings (student_id = JUPYTERHUB_USER) apply to the trainer's
    server too; formgrader-config.sh loads the course's settings and sets student_id back."""
    home, etc = tmp_path / "home", tmp_path / "etc"
    course = home / "cursussen" / "genk"
    course.mkdir(parents=True)
    etc.mkdir()
    hub = Hub(DEFAULT_EXCHANGE, "genk-voorjaar")
    (course / "cursus.yml").write_text("groep: Genk\n", encoding="utf-8")
    (course / "nbgrader_config.py").write_text(nbgrader_config_text("genk", hub),
                                               encoding="utf-8")
    (etc / "nbgrader_config.py").write_text(learner_config_text(DEFAULT_EXCHANGE, "genk-voorjaar"),
                                            encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "JUPYTERHUB_USER": "trainer",
           "JUPYTER_CONFIG_PATH": str(etc), "JUPYTER_CONFIG_DIR": str(tmp_path / "none")}
    done = subprocess.run(["sh", str(DEPLOY / "formgrader-config.sh"), str(course)], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    code = ("from nbgrader.apps.baseapp import NbGrader\n"
            "app = NbGrader(); app.load_config_file()\n"
            "d = app.config.CourseDirectory\n"
            "print(d.root, d.course_id, d.student_id, app.config.Exchange.root)")
    out = subprocess.run([sys.executable, "-c", code], cwd=home, env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == [str(course), "genk-voorjaar", "*", DEFAULT_EXCHANGE]
    # A folder that is no course, or a course outside the home folder: a Dutch message, exit 1.
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "cursus.yml").write_text("groep: Genk\n", encoding="utf-8")
    for folder, message in ((home, "In "), (outside, "De cursusmap")):
        wrong = subprocess.run(["sh", str(DEPLOY / "formgrader-config.sh"), str(folder)],
                               env=env, capture_output=True, text=True)
        assert wrong.returncode == 1 and wrong.stderr.startswith(message), wrong.stderr


# --- the images --------------------------------------------------------------------------------

def dockerfile() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def test_dockerfile_pins_its_base_by_a_date_tag():
    froms = re.findall(r"^FROM (\S+) AS (\w+)$", dockerfile(), re.M)
    assert [stage for _, stage in froms] == ["learner", "trainer"]
    base = froms[0][0]
    assert re.fullmatch(r"quay\.io/jupyter/base-notebook:\d{4}-\d{2}-\d{2}", base)
    assert froms[1][0] == "learner"
    assert f"`{base}`" in (DEPLOY / "README.md").read_text(encoding="utf-8")


def test_dockerfile_copies_only_what_exists():
    for line in re.findall(r"^COPY (.+)$", dockerfile(), re.M):
        *sources, _target = [w for w in line.split() if not w.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), source


def test_learners_get_nbgrader_and_nothing_else():
    text = dockerfile()
    assert "COPY deploy/learner-requirements.txt /tmp/learner-requirements.txt" in text
    assert "pip install --no-cache-dir -r /tmp/learner-requirements.txt" in text
    learner_stage = text.split(" AS trainer")[0]
    assert "draaiboek-nbgrader-extensions learner" in learner_stage
    assert "pip install" not in learner_stage.replace(
        "pip install --no-cache-dir -r /tmp/learner-requirements.txt", "")
    requirements = [line for line in (DEPLOY / "learner-requirements.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    nbgrader = [d for d in project["project"]["dependencies"] if d.startswith("nbgrader==")]
    assert requirements == nbgrader  # the trainer's version, so both sides agree
    assert f"`{nbgrader[0]}`" in (DEPLOY / "README.md").read_text(encoding="utf-8")
    # The notebooks learners get need only the standard kernel and the standard library.
    for notebook in sorted(ROOT.glob("exercises/source/*/*.ipynb"))[:1]:
        text = notebook.read_text(encoding="utf-8")
        assert '"name": "python3"' in text and "import draaiboek" not in text


def test_trainer_image_has_the_package_and_the_formgrader():
    trainer_stage = dockerfile().split(" AS trainer")[1]
    assert "-c /opt/draaiboek/constraints.txt" in trainer_stage
    assert "ln -s /opt/draaiboek/.venv/bin/draaiboek /usr/local/bin/draaiboek" in trainer_stage
    assert "draaiboek-nbgrader-extensions trainer" in trainer_stage
    assert "bubblewrap" in trainer_stage
    assert trainer_stage.rstrip().endswith("USER ${NB_UID}")


# --- which nbgrader menus learners and trainers see ---------------------------------------------

def run_extensions(tmp_path: Path, role: str) -> tuple[int, list[list[str]]]:
    """nbgrader-extensions.sh with a jupyter that records its arguments."""
    log = tmp_path / f"{role}.log"
    shim = tmp_path / "jupyter"
    shim.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\n', encoding="utf-8")
    shim.chmod(0o755)
    done = subprocess.run(["sh", str(DEPLOY / "nbgrader-extensions.sh"), role],
                          env={**os.environ, "JUPYTER": str(shim)}, capture_output=True)
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, [line.split() for line in lines]


def nbgrader_lab_plugins() -> set[str]:
    import nbgrader

    static = Path(nbgrader.__file__).parent / "labextension" / "static"
    if not static.is_dir():
        static = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static"
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in static.glob("*.js"))
    return set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', text))


@pytest.mark.parametrize("role", ["learner", "trainer", "tljh"])
def test_extension_roles_name_real_extensions(tmp_path, role):
    code, calls = run_extensions(tmp_path, role)
    assert code == 0 and calls
    plugins = nbgrader_lab_plugins()
    for call in calls:
        if call[0] == "labextension":
            assert call[1] in {"enable", "disable", "lock", "unlock"}
            assert call[2] == "--level=sys_prefix" and call[3] in plugins
        else:
            assert call[:2] == ["server", "extension"] and call[3] == "--sys-prefix"
            assert importlib.util.find_spec(call[4]) is not None
    touched = {call[-1] for call in calls}
    if role == "learner":  # the Assignments tab and Validate stay
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
                "@jupyter/nbgrader:create-assignment",
                "nbgrader.server_extensions.formgrader"} <= touched
        assert not touched & {"@jupyter/nbgrader:assignment-list",
                              "@jupyter/nbgrader:validate-assignment",
                              "nbgrader.server_extensions.assignment_list"}
        assert ["labextension", "lock"] in [c[:2] for c in calls]
    if role == "trainer":
        assert [c[:2] for c in calls if c[0] == "labextension"] == [
            ["labextension", "unlock"], ["labextension", "enable"]]
        assert "@jupyter/nbgrader:create-assignment" not in touched
    if role == "tljh":  # the trainer opens the formgrader's page: its server side stays on
        assert all(c[0] == "labextension" for c in calls)


def test_extension_script_refuses_an_unknown_role(tmp_path):
    code, calls = run_extensions(tmp_path, "beheerder")
    assert code == 2 and calls == []


# --- the guides ---------------------------------------------------------------------------------

def guide_commands() -> list[tuple[Path, str, list[str]]]:
    found = []
    for path in [*GUIDES, *SCRIPTS]:
        for line in path.read_text(encoding="utf-8").splitlines():
            for match in re.finditer(r"draaiboek cursus ([a-z-]+)([^`|\n]*)", line):
                found.append((path, match.group(1), match.group(2).split()))
    return found


def test_guides_name_real_cursus_commands_and_options():
    commands = guide_commands()
    named = {name for _, name, _ in commands}
    # The whole hub cycle is in the guides.
    assert {"maak", "cursisten", "uitdelen", "ophalen", "nakijken", "beoordelen",
            "feedback"} <= named
    for path, name, words in commands:
        assert name in cursus.commands, f"{path.name}: draaiboek cursus {name}"
        options = {opt for param in cursus.commands[name].params
                   if isinstance(param, click.Option) for opt in param.opts}
        for word in (w.strip("'\".,:;()") for w in words):
            if word.startswith("--"):
                assert word in options, f"{path.name}: draaiboek cursus {name} {word}"


def test_guides_link_each_other_and_the_readme_links_both():
    admin = (DEPLOY / "README.md").read_text(encoding="utf-8")
    trainer = (DEPLOY / "HANDLEIDING-trainer.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(HANDLEIDING-trainer.md)" in admin and "(README.md)" in trainer
    assert "deploy/README.md" in readme and "deploy/HANDLEIDING-trainer.md" in readme
    # Every file the admin guide's table names exists.
    for name in re.findall(r"\[`([^`]+)`\]\(([^)]+)\)", admin):
        assert (DEPLOY / name[1]).exists(), name
    # Every reference link used is defined.
    used = set(re.findall(r"\]\[([a-z0-9-]+)\]", admin))
    defined = set(re.findall(r"^\[([a-z0-9-]+)\]: https://", admin, re.M))
    assert used and used <= defined


def test_trainer_guide_uses_the_learners_real_buttons():
    """The labels learners click, as nbgrader's JupyterLab extension shows them."""
    import nbgrader

    static = Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static"
    if not static.is_dir():
        static = Path(nbgrader.__file__).parent / "labextension" / "static"
    js = "".join(p.read_text(encoding="utf-8", errors="replace") for p in static.glob("*.js"))
    guide = (DEPLOY / "HANDLEIDING-trainer.md").read_text(encoding="utf-8")
    for label in re.findall(r"\*\*([A-Z][A-Za-z ]+|view feedback)\*\*", guide):
        if label in {"Ctrl+S"} or label.startswith(("File", "Deels", "Liever", "Nbgrader")):
            continue
        assert label in js, label
    assert "**Nbgrader > Assignment List**" in guide and '"Assignment List"' in js


def test_first_install_command_writes_what_the_course_writes(tmp_path):
    """The admin guide's command for the first Helm install (before any course exists) gives
    the same file 'draaiboek cursus maak --hub' writes for that course id."""
    from draaiboek.course.hub import make_hub, write_learner_config

    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^ *(PYTHONPATH=src \.venv/bin/python -c \"(.*?)\") > learner-config\.py$",
                        guide, re.M)
    assert command
    out = subprocess.run([sys.executable, "-c", command.group(2)], capture_output=True,
                         text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    course = tmp_path / "genk-voorjaar"
    course.mkdir()
    written = write_learner_config(course, make_hub(course, None, None))
    assert out.stdout == written.read_text(encoding="utf-8")
