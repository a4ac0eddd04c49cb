"""The book's icon, drawn from one description: a white house with a warm heart on the
book's blue. The SVG favicon and every PNG (favicon, home-screen, maskable) come from the
same shapes, so they never drift apart; the PNGs are drawn with Pillow at build time."""

from __future__ import annotations

import io
import math

BLUE = "#1a5e8a"  # the book's accent colour (draaiboek.css), also the manifest's theme colour
WHITE = "#ffffff"
WARM = "#f2a93b"
GRID = 100  # shapes are drawn on a 100 × 100 grid

# A house: roof and walls in one outline (points on the grid).
HOUSE = [(50, 16), (86, 46), (78, 46), (78, 84), (22, 84), (22, 46), (14, 46)]


def _heart(cx: float, cy: float, size: float, steps: int = 48) -> list[tuple[float, float]]:
    """The classic parametric heart, scaled to about `size` wide, centred on (cx, cy)."""
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * size / 34, cy - y * size / 34 - size * 0.03))
    return points


HEART = _heart(50, 64, 30)


def _scaled(points, scale: float, offset: float) -> list[tuple[float, float]]:
    return [(offset + x * scale, offset + y * scale) for x, y in points]


def svg() -> str:
    """The favicon as SVG: a rounded blue square with the mark."""
    def poly(points, fill):
        return f'<polygon fill="{fill}" points="' + " ".join(
            f"{x:.1f},{y:.1f}" for x, y in points) + '"/>'

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="18" fill="{BLUE}"/>'
        + poly(HOUSE, WHITE) + poly(HEART, WARM) + "</svg>\n"
    )


def png(size: int, *, maskable: bool = False) -> bytes:
    """The icon as PNG, `size` pixels square. A maskable icon fills the whole square with
    blue and keeps the mark inside the central safe circle (radius 40 %), because the
    phone cuts it to its own shape; the normal icon has rounded corners."""
    from PIL import Image, ImageDraw

    big = size * 4  # draw large, then shrink: smooth edges without an anti-aliasing API
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / GRID
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BLUE)
        scale, offset = unit * 0.8, big * 0.1  # the farthest corner ends 35 % from the centre
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=18 * unit, fill=BLUE)
        scale, offset = unit, 0.0
    draw.polygon(_scaled(HOUSE, scale, offset), fill=WHITE)
    draw.polygon(_scaled(HEART, scale, offset), fill=WARM)
    out = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()
