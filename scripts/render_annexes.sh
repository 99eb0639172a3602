#!/usr/bin/env bash
# Render a decision's annexes (the Excel list workbook and the Word Part I/II document) to PNG pages with
# LibreOffice, to look at them as staff will print them.
#
#   scripts/render_annexes.sh DECISION_NUMBER [OUT_DIR]     (OUT_DIR defaults to var/render)
#
# Needs LibreOffice (soffice) and poppler-utils (pdftoppm): apt-get install libreoffice-calc
# libreoffice-writer poppler-utils. Uses the database of DATABASE_URL (the demo SQLite file by default).
set -euo pipefail
number="${1:?usage: scripts/render_annexes.sh DECISION_NUMBER [OUT_DIR]}"
out="${2:-var/render}"
py="${PY:-.venv/bin/python}"
mkdir -p "$out"
"$py" manage.py export_procedures --format xlsx --decision "$number" -o "$out/annex-list.xlsx" -v 0
"$py" manage.py export_procedures --format docx --decision "$number" -o "$out/annex-content.docx" -v 0
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for file in annex-list.xlsx annex-content.docx; do
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$out/$file" >/dev/null
    pdftoppm -png -r 60 "$out/${file%.*}.pdf" "$out/${file%.*}"
done
ls -1 "$out"/*.png
