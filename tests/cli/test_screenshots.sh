# The screenshot pipeline (make screenshots) in CI form: one tab through
# tmux and scripts/ansi2png.py into a temporary directory (the committed
# screenshots/ are not regenerated), and the renderer on a known screen.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3

# png_info FILE: "WIDTHxHEIGHT COLOURS" (Pillow opens only a valid PNG)
png_info() {
	"$PY" -c 'import sys
from PIL import Image
im = Image.open(sys.argv[1]); im.verify(); im = Image.open(sys.argv[1])
assert im.format == "PNG"
print("%dx%d %d" % (im.size[0], im.size[1], len(im.convert("RGB").getcolors(1 << 20))))' "$1"
}
# pixel FILE X Y: "R G B" at that point
pixel() { "$PY" -c 'import sys
from PIL import Image
print("%d %d %d" % Image.open(sys.argv[1]).convert("RGB").getpixel((int(sys.argv[2]), int(sys.argv[3]))))' "$@"; }

if MS=$MS sh scripts/screenshots.sh "$tmp/shots" numa > "$tmp/log" 2>&1; then rc=0; else rc=$?; fi
ok "screenshots.sh numa: exit 0" test "$rc" = 0
ok "screenshots.sh numa: writes numa.png" test -s "$tmp/shots/numa.png"
ok "screenshots.sh: only the tab asked for" test "$(ls "$tmp/shots")" = numa.png
info=$(png_info "$tmp/shots/numa.png" 2>&1)
ok "numa.png: a valid PNG, 120x36 cells of 9x18 + 10 px border" test "${info%% *}" = 1100x668
ok "numa.png: drawn in colours (not blank)" test "${info#* }" -ge 8
# the NUMA tab's label in the tab bar (row 3 under the header's memory
# bar, cells 39-46) has the active tab's cyan background
tab_y=$((10 + 18 * 3 + 1))
ok "numa.png: the active tab is NUMA (cyan at its label)" test "$(pixel "$tmp/shots/numa.png" $((10 + 9 * 40 + 1)) $tab_y)" = "17 168 205"
ok "numa.png: the others are blue (Reclaim)" test "$(pixel "$tmp/shots/numa.png" $((10 + 9 * 34 + 1)) $tab_y)" = "36 114 200"
no "screenshots.sh: a screen that never shows fails" sh -c "ROOT=/nonexistent sh scripts/screenshots.sh '$tmp/bad' buddy"

# the renderer on a known screen: red text, blue background, reverse,
# 256-colour and 24-bit colours, a lower block
printf '\033[31mX\033[0m\033[44m \033[0m\033[7mR\033[0m\033[48;5;196m \033[48;2;1;2;3m \033[0m\342\226\210\n' > "$tmp/k.ans"
"$PY" scripts/ansi2png.py "$tmp/k.ans" "$tmp/k.png" 8 2 > /dev/null
ok "ansi2png: size of 8x2 cells" test "$(png_info "$tmp/k.png" | cut -d' ' -f1)" = 92x56
ok "ansi2png: blue background (SGR 44)" test "$(pixel "$tmp/k.png" $((10 + 9 + 4)) 12)" = "36 114 200"
ok "ansi2png: reverse video: foreground colour as background" test "$(pixel "$tmp/k.png" $((10 + 18 + 1)) 11)" = "208 208 208"
ok "ansi2png: 256-colour background 196 = #ff0000" test "$(pixel "$tmp/k.png" $((10 + 27 + 4)) 12)" = "255 0 0"
ok "ansi2png: 24-bit background" test "$(pixel "$tmp/k.png" $((10 + 36 + 4)) 12)" = "1 2 3"
ok "ansi2png: full block fills its cell" test "$(pixel "$tmp/k.png" $((10 + 45 + 1)) 11)" = "208 208 208"
ok "ansi2png: red glyph pixels in the first cell" "$PY" -c 'import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
sys.exit(0 if any(im.getpixel((x, y)) == (205, 49, 49) for x in range(10, 19) for y in range(10, 28)) else 1)' "$tmp/k.png"
printf '\342\243\277\342\240\201\n' > "$tmp/b.ans"
"$PY" scripts/ansi2png.py "$tmp/b.ans" "$tmp/b.png" 2 1 > /dev/null
ok "ansi2png: braille U+28FF: all 8 dots" "$PY" -c 'import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
dots = [(10 + (2 * c + 1) * 9 // 4, 10 + (2 * r + 1) * 18 // 8) for c in (0, 1) for r in range(4)]
sys.exit(0 if all(im.getpixel(d) == (208, 208, 208) for d in dots) else 1)' "$tmp/b.png"
ok "ansi2png: braille U+2801: dot 1 only" "$PY" -c 'import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
on = [(19 + (2 * c + 1) * 9 // 4, 10 + (2 * r + 1) * 18 // 8) for c in (0, 1) for r in range(4)]
sys.exit(0 if [im.getpixel(d) == (208, 208, 208) for d in on] == [True] + [False] * 7 else 1)' "$tmp/b.png"
ok "ansi2png: empty cells keep the default background" test "$(pixel "$tmp/k.png" 85 50)" = "28 28 28"
finish
