#!/usr/bin/env bash
# Rasterises icons/gasdesk.svg into the PNG/ICO icons Tauri needs (RGBA PNGs).
# Needs ImageMagick (`convert`). Run by hand after changing the SVG; the PNGs are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
src=icons/gasdesk.svg
render() { convert -background none -density 384 "$src" -resize "$1x$1" "PNG32:$2"; }
render 32 icons/32x32.png
render 128 icons/128x128.png
render 256 icons/128x128@2x.png
render 512 icons/icon.png
convert -background none -density 384 "$src" -define icon:auto-resize=256,128,64,48,32,16 icons/icon.ico
echo "icons written to icons/"
