#!/bin/sh
# Which of nbgrader's JupyterLab and server extensions learners and the trainer get, with the
# commands nbgrader documents for this:
# https://nbgrader.readthedocs.io/en/stable/user_guide/installation.html#disabling-extensions
#
#   nbgrader-extensions.sh learner   Z2JH learner image: the Assignments tab and Validate only.
#                                    Formgrader, course list and create assignment are off
#                                    (lab and server side) and locked, for the whole environment.
#   nbgrader-extensions.sh trainer   Z2JH trainer image (built on the learner image): the
#                                    formgrader is unlocked and on again, lab and server side.
#   nbgrader-extensions.sh tljh      TLJH, where learners and trainer share one environment:
#                                    the three menus are off and locked for everyone; the
#                                    formgrader's server side stays on, so the trainer opens it
#                                    at /user/<trainer>/formgrader in a browser tab.
#
# Why not "enable for the trainer only" as nbgrader's docs suggest: with JupyterLab 4.1 and
# later a plugin disabled and locked at the environment level cannot be enabled at the user
# level ("Extension locked at a higher level"), and `jupyter server extension enable --user`
# refuses an extension that is not listed in the user's own config folder.
# "Create assignment" stays off for the trainer too: the Draaiboek writes nbgrader's cell
# metadata itself, and hand-written metadata counts points twice.
#
# JUPYTER names the jupyter command (default: jupyter on PATH), e.g. /opt/tljh/user/bin/jupyter.
set -eu
JUPYTER="${JUPYTER:-jupyter}"
MENUS="formgrader course-list create-assignment"

hide_menus() {
  for plugin in $MENUS; do
    $JUPYTER labextension disable --level=sys_prefix "@jupyter/nbgrader:$plugin"
    $JUPYTER labextension lock --level=sys_prefix "@jupyter/nbgrader:$plugin"
  done
}

case "${1:-}" in
  learner)
    hide_menus
    for extension in formgrader course_list; do
      $JUPYTER server extension disable --sys-prefix "nbgrader.server_extensions.$extension"
    done
    ;;
  trainer)
    $JUPYTER labextension unlock --level=sys_prefix "@jupyter/nbgrader:formgrader"
    $JUPYTER labextension enable --level=sys_prefix "@jupyter/nbgrader:formgrader"
    $JUPYTER server extension enable --sys-prefix "nbgrader.server_extensions.formgrader"
    ;;
  tljh)
    hide_menus
    ;;
  *)
    echo "Usage: $0 learner|trainer|tljh" >&2
    exit 2
    ;;
esac
