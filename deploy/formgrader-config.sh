#!/bin/sh
# Voor de trainer op de hub: maakt ~/nbgrader_config.py, zodat de formgrader van nbgrader je
# cursus vindt. Die leest de instellingen in je thuismap; dit bestand laadt die van je cursus
# en zet de cursist-id terug op "iedereen" (de instellingen voor cursisten op de hub zetten
# hem op jouw gebruikersnaam).
#   sh /opt/draaiboek/deploy/formgrader-config.sh ~/cursussen/genk-voorjaar
set -eu
course="${1:?Gebruik: formgrader-config.sh MAP-VAN-JE-CURSUS}"
if [ ! -f "$course/cursus.yml" ]; then
  echo "In $course staat geen cursus (geen cursus.yml). Geef de map van je cursus." >&2
  exit 1
fi
course=$(cd "$course" && pwd)
home=$(cd "$HOME" && pwd)
case "$course" in
  "$home"/*) ;;
  *) echo "De cursusmap $course moet in je thuismap ($home) staan: de formgrader ziet alleen die." >&2; exit 1 ;;
esac
relative=${course#"$home"/}
cat > "$home/nbgrader_config.py" <<PY
# Gemaakt door formgrader-config.sh: de formgrader werkt met de cursus in $relative.
c = get_config()  # noqa: F821
load_subconfig('$relative/nbgrader_config.py')
c.CourseDirectory.student_id = '*'
PY
echo "Klaar: $home/nbgrader_config.py wijst naar $relative."
echo "Stop je server en start hem opnieuw (File > Hub Control Panel), open dan de formgrader."
