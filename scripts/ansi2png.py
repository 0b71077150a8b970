#!/usr/bin/python3
"""Render a terminal screen captured with `tmux capture-pane -e -p` to PNG.

Usage: ansi2png.py IN.ans OUT.png COLS ROWS

Reads the SGR colour and attribute codes tmux writes (16 colours, 256
colours, 24-bit, bold, dim, italic, underline, reverse) and draws each cell
in DejaVu Sans Mono with the palette below (xterm's colour cube and grey
ramp for 16-255); block elements (sparklines, bars) are drawn as rectangles
so they fill their cells exactly, braille patterns (plots) as their dots.
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 15
PAD = 10
DEFAULT_FG = (0xd0, 0xd0, 0xd0)
DEFAULT_BG = (0x1c, 0x1c, 0x1c)
# the 16 ANSI colours as a dark terminal shows them
ANSI = [
    (0x00, 0x00, 0x00), (0xcd, 0x31, 0x31), (0x0d, 0xbc, 0x79),
    (0xe5, 0xe5, 0x10), (0x24, 0x72, 0xc8), (0xbc, 0x3f, 0xbc),
    (0x11, 0xa8, 0xcd), (0xe5, 0xe5, 0xe5), (0x76, 0x76, 0x76),
    (0xf1, 0x4c, 0x4c), (0x23, 0xd1, 0x8b), (0xf5, 0xf5, 0x43),
    (0x3b, 0x8e, 0xea), (0xd6, 0x70, 0xd6), (0x29, 0xb8, 0xdb),
    (0xff, 0xff, 0xff),
]


def color256(n):
    if n < 16:
        return ANSI[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return (v, v, v)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.under = self.rev = False

    def sgr(self, params):
        p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = ANSI[c - 30]
            elif 90 <= c <= 97:
                self.fg = ANSI[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = ANSI[c - 40]
            elif 100 <= c <= 107:
                self.bg = ANSI[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(p):
                if p[i + 1] == 5 and i + 2 < len(p):
                    col = color256(p[i + 2])
                    i += 2
                elif p[i + 1] == 2 and i + 4 < len(p):
                    col = tuple(p[i + 2:i + 5])
                    i += 4
                else:
                    col = None
                if c == 38:
                    self.fg = col
                else:
                    self.bg = col
            i += 1

    def colours(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.rev:
            fg, bg = bg, fg
        if self.dim:
            fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
        return fg, bg


# Unicode's dot numbering: bit i of (char - U+2800) is the dot at (col, row)
BRAILLE = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]

SGR = re.compile(r"\x1b\[([0-9;]*)m")
OTHER_ESC = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|.)")


def cells(lines, cols, rows):
    """Yield (row, col, char, width, pen state) for every drawn cell."""
    pen = Pen()
    for y, line in enumerate(lines[:rows]):
        x = 0
        pos = 0
        while pos < len(line) and x < cols:
            m = SGR.match(line, pos)
            if m:
                pen.sgr(m.group(1))
                pos = m.end()
                continue
            m = OTHER_ESC.match(line, pos)
            if m:
                pos = m.end()
                continue
            ch = line[pos]
            pos += 1
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            yield y, x, ch, w, pen.colours(), pen.bold, pen.under
            x += w


def block(draw, ch, x, y, cw, chh, fg):
    """Block elements (U+2581..U+258F) as exact rectangles."""
    o = ord(ch)
    if 0x2581 <= o <= 0x2588:
        h = chh * (o - 0x2580) // 8
        draw.rectangle([x, y + chh - h, x + cw - 1, y + chh - 1], fill=fg)
        return True
    if 0x2589 <= o <= 0x258f:    # left blocks, 7/8 down to 1/8
        w = max(1, cw * (0x2590 - o) // 8)
        draw.rectangle([x, y, x + w - 1, y + chh - 1], fill=fg)
        return True
    if 0x2801 <= o <= 0x28ff:    # braille: 2 x 4 dots (the font has none)
        for bit, (cx, cy) in enumerate(BRAILLE):
            if (o - 0x2800) >> bit & 1:
                px = x + (2 * cx + 1) * cw // 4
                py = y + (2 * cy + 1) * chh // 8
                draw.rectangle([px - 1, py - 1, px + 1, py + 1], fill=fg)
        return True
    return o == 0x2800


def render(src, dst, cols, rows):
    font = ImageFont.truetype(FONT, SIZE)
    bold = ImageFont.truetype(FONT_BOLD, SIZE)
    cw = round(font.getlength("M"))
    asc, desc = font.getmetrics()
    chh = asc + desc
    img = Image.new("RGB", (cols * cw + 2 * PAD, rows * chh + 2 * PAD),
                    DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    with open(src, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    for y, x, ch, w, (fg, bg), is_bold, under in cells(lines, cols, rows):
        px, py = PAD + x * cw, PAD + y * chh
        if bg != DEFAULT_BG:
            draw.rectangle([px, py, px + w * cw - 1, py + chh - 1], fill=bg)
        if ch != " " and not block(draw, ch, px, py, cw, chh, fg):
            draw.text((px, py), ch, font=bold if is_bold else font, fill=fg)
        if under:
            draw.line([px, py + chh - 2, px + w * cw - 1, py + chh - 2],
                      fill=fg)
    img.save(dst, optimize=True)
    return img.size


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    size = render(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    print("%s %dx%d" % (sys.argv[2], size[0], size[1]))
