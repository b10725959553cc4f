"""The reader for scans and photos: .png, .jpg/.jpeg, .tif/.tiff (every page of a multi-page TIFF)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np

from ...errors import InputError
from ...messages import msg
from ..document import Document, PageProgress
from ..limits import MIN_PAGE_SIDE, current_limits, exceeded
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


def _has_page(image, index: int) -> bool:
    """Whether the image has a page ``index`` (0-based); leaves the image on that page if so."""
    if index == 0:
        image.seek(0)
        return True
    try:
        image.seek(index)
    except EOFError:
        return False
    return True


def image_pages(data: bytes, source: str) -> Iterator[np.ndarray]:
    """Every page of an image file as a grayscale array, decoded one at a time as it is asked for.

    The page count and each page's pixels are checked against the limits before decoding
    (:mod:`assistant.ingest.limits`): a 10,000-page TIFF or a 144-megapixel PNG fails at once.

    Raises:
        InputError: the bytes are empty, not an image, a damaged one, or over a limit.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise InputError(source, msg("IMAGE_EMPTY", expected=_EXPECTED))
    limits = current_limits()
    try:
        with Image.open(io.BytesIO(data)) as image:
            if _has_page(image, limits.max_pages):  # walks at most max_pages page headers, decodes none
                raise exceeded(source, msg("SIZE_IMAGE_PAGES"), f"> {limits.max_pages:,}", "max_pages", limits)
            for index in range(limits.max_pages):
                if not _has_page(image, index):
                    break
                width, height = image.size
                if min(width, height) < MIN_PAGE_SIDE:
                    raise InputError(source, msg("IMAGE_TOO_SMALL", page=index + 1, width=width, height=height))
                if width * height > limits.max_pixels:
                    raise exceeded(
                        source,
                        msg("SIZE_IMAGE_PIXELS", page=index + 1, width=width, height=height),
                        f"{width * height:,}",
                        "max_pixels",
                        limits,
                    )
                upright = ImageOps.exif_transpose(image) or image  # phone photos store rotation in EXIF
                yield _to_gray(upright)
    except UnidentifiedImageError:
        raise InputError(source, msg("IMAGE_UNREADABLE", expected=_EXPECTED)) from None
    except Image.DecompressionBombError as exc:
        raise InputError(source, msg("IMAGE_TOO_LARGE", reason=str(exc))) from None
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # Pillow's decoders raise OSError, ValueError, TypeError, struct.error … on damage
        raise InputError(
            source, msg("IMAGE_DAMAGED", kind=type(exc).__name__, reason=str(exc), expected=_EXPECTED)
        ) from None


def _frame_count(data: bytes) -> int | None:
    """Pages of an image whose pages :func:`image_pages` already walked under the limit; None if unknown."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return int(getattr(image, "n_frames", 1))
    except Exception:  # the count is only for the progress display
        return None


def read_image(
    data: bytes, source: str, *, engine: OCREngine | None = None, on_page: PageProgress | None = None
) -> Document:
    """OCR an image file (each TIFF page in turn, decoded only when its turn comes) into a
    Document with ``layout="ocr"``; ``on_page(done, total)`` follows the pages.

    Raises:
        InputError: the file is not a readable image, over a limit, or the OCR engine is unavailable.
    """
    pages = image_pages(data, source)
    first = next(pages, None)  # a bad file fails before the OCR models are loaded
    if first is None:
        raise InputError(source, msg("IMAGE_NO_PAGES", expected=_EXPECTED))
    engine = engine or get_engine()
    on_page = on_page or (lambda done, total: None)
    total = _frame_count(data)
    on_page(0, total)
    results = [read_page_image(first, engine, page=1)]
    on_page(1, total)
    for number, page in enumerate(pages, 2):
        results.append(read_page_image(page, engine, page=number))
        on_page(number, total)
    doc = build_document(results, source)
    if not doc.rows:
        raise InputError(source, msg("IMAGE_NO_TEXT"))
    return doc
