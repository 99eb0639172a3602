#!/usr/bin/env bash
# Render a decision's annex (the Excel workbook and the Word document, Phần I and Phần II each) to PNG pages
# with LibreOffice, to look at them as staff will print them. DPI (default 100) sets the resolution.
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
"$py" manage.py export_procedures --format xlsx --decision "$number" -o "$out/annex.xlsx" -v 0
"$py" manage.py export_procedures --format docx --decision "$number" -o "$out/annex.docx" -v 0
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for file in annex.xlsx annex.docx; do
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$out/$file" >/dev/null
    pdftoppm -png -r "${DPI:-100}" "$out/${file%.*}.pdf" "$out/${file%.*}-${file##*.}"
done
ls -1 "$out"/*.png
