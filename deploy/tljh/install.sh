#!/bin/sh
# Installs The Littlest JupyterHub for a Draaiboek course, with TLJH's own installer
# (https://tljh.jupyter.org/en/latest/install/custom-server.html) and two of its documented
# options (https://tljh.jupyter.org/en/latest/topic/customizing-installer.html):
#   --admin NAME                     the first admin (the hub's administrator, not a learner)
#   --user-requirements-txt-url URL  installs deploy/learner-requirements.txt (nbgrader) into
#                                    the learners' environment; the URL must serve the raw
#                                    file, or the installer fails
# Run on a fresh Ubuntu server as a user with sudo:
#   sh deploy/tljh/install.sh ADMIN https://RAW-URL-OF/deploy/learner-requirements.txt
# then, as root, from a copy of this project on the server:  sudo sh deploy/tljh/setup.sh
set -eu
admin="${1:?Usage: install.sh ADMIN REQUIREMENTS_URL}"
requirements="${2:?Usage: install.sh ADMIN REQUIREMENTS_URL}"
sudo apt-get install --yes python3 python3-dev git curl
curl -L https://tljh.jupyter.org/bootstrap.py \
  | sudo -E python3 - --admin "$admin" --user-requirements-txt-url "$requirements"
