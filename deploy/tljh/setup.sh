#!/bin/sh
# Everything a Draaiboek course needs on The Littlest JupyterHub, after TLJH's installer.
# Run as root from a copy of this project on the server:  sudo sh deploy/tljh/setup.sh
# Safe to run again (after an update of the project, for instance).
#
#  1. nbgrader in the learners' environment (already there when install.sh passed
#     --user-requirements-txt-url; pip then has nothing to do)
#  2. nbgrader's formgrader, course list and create-assignment menus hidden for everyone
#     (deploy/nbgrader-extensions.sh tljh)
#  3. the exchange folder /srv/nbgrader/exchange, mode 1777
#  4. the trainer's tools: this project in /opt/draaiboek with its own virtual environment,
#     and the command 'draaiboek' on every user's PATH
#
# Then, for each course the trainer made with 'draaiboek cursus maak --hub':
#   sudo sh /opt/draaiboek/deploy/tljh/learner-config.sh /home/jupyter-TRAINER/COURSE
set -eu
project=$(cd "$(dirname "$0")/../.." && pwd)
user_env=/opt/tljh/user
exchange=/srv/nbgrader/exchange
target=/opt/draaiboek

if [ "$(id -u)" != 0 ]; then
  echo "Run this as root: sudo sh $0" >&2
  exit 1
fi
if [ ! -x "$user_env/bin/pip" ]; then
  echo "No TLJH user environment in $user_env: run TLJH's installer first (deploy/tljh/install.sh)." >&2
  exit 1
fi

# 1. learners: nbgrader next to JupyterLab and the Python kernel
"$user_env/bin/pip" install --no-cache-dir -r "$project/deploy/learner-requirements.txt"

# 2. the menus learners do not need (the trainer opens /user/<trainer>/formgrader in a tab)
JUPYTER="$user_env/bin/jupyter" sh "$project/deploy/nbgrader-extensions.sh" tljh

# 3. the exchange: everyone writes in it, nobody renames or deletes another's folder
mkdir -p "$exchange"
chmod 1777 "$exchange"

# 4. the trainer's tools, read-only for users; bubblewrap shields grading (nakijken)
apt-get update --yes
apt-get install --yes --no-install-recommends bubblewrap
mkdir -p "$target"
tar --exclude=./.venv --exclude=./_build --exclude=./node_modules --exclude=./.git \
  -C "$project" -cf - . | tar -C "$target" -xf -
# TLJH's user environment brings a Python recent enough for the package (3.11 or later).
if [ ! -x "$target/.venv/bin/python" ]; then
  "$user_env/bin/python3" -m venv "$target/.venv"
fi
"$target/.venv/bin/pip" install --no-cache-dir -c "$target/constraints.txt" -e "$target"
ln -sf "$target/.venv/bin/draaiboek" /usr/local/bin/draaiboek
echo "Done. Next, per course: sudo sh $target/deploy/tljh/learner-config.sh COURSE_FOLDER"
