"""The report's diagrams as PNG, for Word, which shows no SVG: the layout of
`metaethno.render.diagram`, drawn with Pillow (the `docx` extra, imported only here).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from metaethno.render.diagram import FONT, LABEL_FONT, LINE, MARGIN, PAD, Drawing

if TYPE_CHECKING:
    from PIL import ImageDraw


def render_png(drawing: Drawing, scale: float = 2.0) -> bytes:
    """The drawing as a PNG at `scale` pixels to each of its px, sharp when printed."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (round(drawing.width * scale), round(drawing.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT * scale)
    small = ImageFont.load_default(size=LABEL_FONT * scale)
    ink, line_width = "#444444", max(1, round(1.3 * scale))
    if drawing.note:
        draw.text((MARGIN * scale, (MARGIN + FONT) * scale), drawing.note, "#000", font, "ls")
    for points, dotted in drawing.paths:
        scaled = [(x * scale, y * scale) for x, y in points]
        for start, end in itertools.pairwise(scaled):
            if dotted:
                _dashed(draw, start, end, 5 * scale, 4 * scale, ink, line_width)
            else:
                draw.line([start, end], ink, line_width)
        _arrowhead(draw, scaled[-2], scaled[-1], 8 * scale, ink)
    for box in drawing.boxes:
        corners = (box.x * scale, box.y * scale, (box.x + box.width) * scale)
        shape = (*corners[:2], corners[2], (box.y + box.height) * scale)
        radius = (box.height / 2 if box.rounded else 3) * scale
        draw.rounded_rectangle(shape, radius, "#eef3fa", "#35587f", max(1, round(scale)))
        for number, line in enumerate(box.lines):
            y = (box.y + PAD + (number + 0.8) * LINE * FONT) * scale
            draw.text(((box.x + box.width / 2) * scale, y), line, "#000", font, "ms")
    for label in drawing.labels:
        left = (label.x - label.width / 2) * scale
        top = (label.y - LINE * LABEL_FONT / 2) * scale
        bottom = top + LINE * LABEL_FONT * scale
        draw.rectangle((left, top, left + label.width * scale, bottom), "white")
        position = (label.x * scale, (label.y + LABEL_FONT * 0.35) * scale)
        draw.text(position, label.text, "#333", small, "ms")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(96 * scale, 96 * scale))
    return buffer.getvalue()


def _dashed(
    draw: ImageDraw.ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    dash: float,
    gap: float,
    ink: str,
    width: int,
) -> None:
    length = ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5
    position = 0.0
    while position < length:
        stop = min(position + dash, length)
        a, b = position / length, stop / length
        draw.line(
            [
                (start[0] + (end[0] - start[0]) * a, start[1] + (end[1] - start[1]) * a),
                (start[0] + (end[0] - start[0]) * b, start[1] + (end[1] - start[1]) * b),
            ],
            ink,
            width,
        )
        position = stop + gap


def _arrowhead(
    draw: ImageDraw.ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    size: float,
    ink: str,
) -> None:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    base = (end[0] - ux * size, end[1] - uy * size)
    left = (base[0] - uy * size / 2, base[1] + ux * size / 2)
    right = (base[0] + uy * size / 2, base[1] - ux * size / 2)
    draw.polygon([end, left, right], ink)
