"""Draw the program icon (resources/kastedesk.png and .ico). Run once by hand."""

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#1f5f8b"))
    p.setPen(Qt.PenStyle.NoPen)
    r = size * 0.18
    p.drawRoundedRect(QRectF(0, 0, size, size), r, r)
    p.setBrush(QColor("#f2b134"))
    p.drawEllipse(QRectF(size * 0.62, size * 0.1, size * 0.26, size * 0.26))
    font = QFont("DejaVu Sans", 1)
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, size * 0.05, size, size), Qt.AlignmentFlag.AlignCenter, "K")
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    draw(256).save(str(ROOT / "resources" / "kastedesk.png"))
    draw(256).save(str(ROOT / "resources" / "kastedesk.ico"))
