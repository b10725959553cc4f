"""The reader for scans and photos: .png, .jpg/.jpeg, .tif/.tiff (every page of a multi-page TIFF)."""

from __future__ import annotations

import io

import numpy as np

from ...errors import InputError
from ..document import Document
from .assemble import build_document, read_page_image
from .engine import OCREngine, get_engine

__all__ = ["IMAGE_SUFFIXES", "read_image", "image_pages"]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_EXPECTED = "a scanned page as PNG, JPEG or TIFF"


def _to_gray(frame) -> np.ndarray:
    """8-bit grayscale: 16-bit and float scans scaled, transparency laid on white paper."""
    from PIL import Image

    if frame.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        pixels = np.asarray(frame, dtype=np.float32)
        top = float(pixels.max()) or 1.0
        return (pixels * (255.0 / top)).clip(0, 255).astype(np.uint8)
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(paper, rgba).convert("L"))
    return np.asarray(frame.convert("L"))


def image_pages(data: bytes, source: str) -> list[np.ndarray]:
    """Every page of an image file as a grayscale array.

    Raises:
        InputError: the bytes are empty, not an image, or a damaged one.
    """
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    if not data:
        raise InputError(source, f"the file is empty; expected {_EXPECTED}")
    pages: list[np.ndarray] = []
    try:
        with Image.open(io.BytesIO(data)) as image:
            for frame in ImageSequence.Iterator(image):
                upright = ImageOps.exif_transpose(frame) or frame  # phone photos store rotation in EXIF
                pages.append(_to_gray(upright))
    except UnidentifiedImageError:
        raise InputError(source, f"not an image this tool can read; expected {_EXPECTED}") from None
    except Image.DecompressionBombError as exc:
        raise InputError(source, f"the image is too large to read safely ({exc})") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(source, f"the image is damaged or truncated ({exc}); expected {_EXPECTED}") from None
    if not pages:
        raise InputError(source, f"the image has no pages; expected {_EXPECTED}")
    return pages


def read_image(data: bytes, source: str, *, engine: OCREngine | None = None) -> Document:
    """OCR an image file (each TIFF page in turn) into a Document with ``layout="ocr"``.

    Raises:
        InputError: the file is not a readable image, or the OCR engine is unavailable.
    """
    images = image_pages(data, source)  # a bad file fails before the OCR models are loaded
    engine = engine or get_engine()
    pages = [read_page_image(page, engine, page=number) for number, page in enumerate(images, 1)]
    doc = build_document(pages, source)
    if not doc.rows:
        raise InputError(source, "no text found on the image; is it a blank or very faint scan?")
    return doc
