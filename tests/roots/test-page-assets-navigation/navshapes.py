"""Shapes, for the source page that sphinx.ext.viewcode writes."""


def area(width: float, height: float) -> float:
    """The area of a rectangle."""
    return width * height


class Square:
    """A square."""

    def __init__(self, side: float) -> None:
        self.side = side
