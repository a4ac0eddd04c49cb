#!/bin/sh
# Installs a course's learner settings in TLJH's learners' environment:
# COURSE/voor-de-hub/nbgrader_config.py, as 'draaiboek cursus maak --hub' wrote it, becomes
# /etc/jupyter/nbgrader_config.py, read by every learner's nbgrader (the same place as in the
# Z2JH images, and the place 'cursus maak --hub' tells the trainer).
# The file is copied, never edited: it is made by draaiboek.course.hub.learner_config_text.
# It also makes sure the exchange folder named in it exists with mode 1777.
#   sudo sh deploy/tljh/learner-config.sh /home/jupyter-TRAINER/COURSE
# One course at a time: a new course's file replaces the previous one.
set -eu
course="${1:?Usage: learner-config.sh COURSE_FOLDER}"
source_file="$course/voor-de-hub/nbgrader_config.py"
target_dir=/etc/jupyter
python=/opt/draaiboek/.venv/bin/python

if [ "$(id -u)" != 0 ]; then
  echo "Run this as root: sudo sh $0 $course" >&2
  exit 1
fi
if [ ! -f "$source_file" ]; then
  echo "No $source_file: make the course with 'draaiboek cursus maak --hub' first." >&2
  exit 1
fi
# The exchange folder the learners will look in, read from the file itself.
exchange=$("$python" - "$source_file" <<'PY'
import sys
from traitlets.config.loader import PyFileConfigLoader

path = sys.argv[1]
config = PyFileConfigLoader(path.rsplit("/", 1)[-1], path.rsplit("/", 1)[0]).load_config()
print(config.Exchange.root)
PY
)
case "$exchange" in
  /*) ;;
  *) echo "$source_file names no exchange folder (c.Exchange.root): make the course again with --hub." >&2; exit 1 ;;
esac
mkdir -p "$exchange"
chmod 1777 "$exchange"
install -d -m 755 "$target_dir"
install -m 644 "$source_file" "$target_dir/nbgrader_config.py"
echo "Installed $target_dir/nbgrader_config.py (exchange $exchange)."
echo "Learners whose server is running get it after File > Hub Control Panel > Stop My Server, then Start."
