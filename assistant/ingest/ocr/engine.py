"""OCR engines behind one small interface, so the page reader does not care which runs.

The default is RapidOCR on onnxruntime: the PP-OCRv4 Chinese models ship inside the
``rapidocr-onnxruntime`` wheel, so nothing is downloaded. Tesseract (Debian's
``tesseract-ocr`` + ``tesseract-ocr-chi-sim`` through ``pytesseract``) can be chosen when
it is installed; it is slower and much worse on these tables.

These are government documents: before onnxruntime is imported its usage telemetry is
switched off (``ORT_DISABLE_TELEMETRY=1`` and ``onnxruntime.disable_telemetry_events()``).
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from ... import settings
from ...errors import InputError
from ...messages import msg

__all__ = [
    "TextBox",
    "OCREngine",
    "RapidOCREngine",
    "TesseractEngine",
    "ENGINES",
    "get_engine",
    "disable_onnxruntime_telemetry",
    "tesseract_available",
]


@dataclass(frozen=True, slots=True)
class TextBox:
    """One line (or piece of a line) of recognised text and its box in page pixels."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    score: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@runtime_checkable
class OCREngine(Protocol):
    """What the page reader needs from an OCR engine."""

    name: str

    def read_page(self, image: np.ndarray) -> list[TextBox]:
        """Detect and read every text line of a grayscale or BGR page image."""
        ...

    def read_lines(self, images: list[np.ndarray]) -> list[tuple[str, float]]:
        """Read cropped text lines (no detection), in one batch; ``(text, confidence)`` each."""
        ...

    # An engine may also offer ``detect(image) -> list[(x0, y0, x1, y1)]`` (boxes without
    # text); the page reader then cuts boxes at column rules before reading them.


def disable_onnxruntime_telemetry() -> None:
    """Switch off onnxruntime's usage telemetry (env var before import, then the API call)."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()


DET_CHAR_PX = 28.0
#: text-line crops per recognition call: one. Each crop is then read at its own width with
#: no padding, and a batch's larger tensors cost more per pixel column than single lines
#: (measured on a page's 70 crops: 3.7 CPU-s in batches of 6, 2.3 one at a time)
REC_BATCH = 1
#: crops narrower than this many pixels (at the model's 48-pixel height) are padded to it.
#: The library pads to 320; 160 costs no more than no padding and reads two short lines the
#: padding helps (a final 。, a closing ）) as well as 320 did: 4 character errors on the two
#: benchmark pages for 160 and 320, 6 without padding, at 2.3 vs 2.5 CPU-s a page
REC_MIN_WIDTH = 160


def _bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return image


class RapidOCREngine:
    """RapidOCR (PP-OCRv4 Chinese) on onnxruntime, CPU only.

    ``max_side_len`` is raised from the library's 2000 to 4000: the default shrinks a
    200-dpi page before detection and roughly triples the character error rate. The angle
    classifier is off: table pages are upright once deskewed, and it costs time.
    """

    name = "rapidocr"

    #: detection runs on a copy scaled so that a character is at most this many pixels high
    #: (the page reader passes the height it measured); the text is read from the full page.
    #: 28 px is a 10-pt character at 200 dpi: 200-dpi pages are detected at full size (24 px
    #: saved 0.8 CPU-s a page but lost a lone 。 on a gold page), 300-dpi pages as 200-dpi ones
    det_char_px = DET_CHAR_PX
    #: text-line crops per recognition batch (the library's default is 6)
    rec_batch = REC_BATCH
    rec_min_width = REC_MIN_WIDTH
    #: ruled cells are read from their ink (cells.py); False: the detector reads the whole
    #: page, as the previous release did (``bench_ocr.py --before-after``)
    read_cells = True

    def __init__(self, *, max_side_len: int = 4000, threads: int | None = None):
        disable_onnxruntime_telemetry()
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - a broken install
            raise InputError("ocr", msg("OCR_NOT_INSTALLED", reason=str(exc))) from None
        self.max_side_len = max_side_len
        options: dict[str, object] = {"max_side_len": max_side_len, "use_cls": False}
        threads = threads or settings.ocr_threads()
        if threads:
            options["intra_op_num_threads"] = threads
        self._ocr = RapidOCR(**options)
        #: text lines are read this many at a time, each on one core (see :meth:`read_lines`)
        self.rec_workers = threads or os.cpu_count() or 1
        self._ocr.text_rec.session.session = _single_thread_session(self._ocr.text_rec.session.session)
        self._pool = None
        self._pool_pid = 0
        self.set_rec_batch(self.rec_batch)
        self.set_rec_min_width(self.rec_min_width)

    def set_rec_min_width(self, width: int) -> None:
        """Pad short crops to ``width`` pixels (at height 48) rather than the library's 320."""
        self.rec_min_width = width
        shape = list(self._ocr.text_rec.rec_image_shape)
        self._ocr.text_rec.rec_image_shape = [shape[0], shape[1], width]

    def set_rec_batch(self, size: int) -> None:
        """Crops per recognition batch: fewer model calls, at the cost of padding to the widest crop."""
        self.rec_batch = size
        self._ocr.text_rec.rec_batch_num = size

    def thread_settings(self) -> dict[str, object]:
        """onnxruntime's version and the recogniser session's thread options, for the benchmark."""
        import onnxruntime

        options = self._ocr.text_rec.session.session.get_session_options()
        return {
            "version": onnxruntime.__version__,
            "intra": options.intra_op_num_threads,
            "inter": options.inter_op_num_threads,
            "mode": str(options.execution_mode).split(".")[-1],
        }

    def read_page(self, image: np.ndarray) -> list[TextBox]:
        result, _ = self._ocr(_bgr(image), use_det=True, use_cls=False, use_rec=True)
        boxes: list[TextBox] = []
        for points, text, score in result or []:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            if text.strip():
                boxes.append(TextBox(text.strip(), (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return boxes

    def detect(
        self, image: np.ndarray, *, char_px: float | None = None, strip: bool = False
    ) -> list[tuple[float, float, float, float]]:
        """Text line boxes only (no recognition), so the page reader can cut them at column
        rules before anything is read: each piece is then read once, never twice.

        ``char_px`` is the page's measured character height: detection then runs on a copy
        scaled to :attr:`det_char_px` a character (never enlarged), which is where most of a
        page's detection time went at 200 dpi and above.

        ``strip``: the image is a strip of a page (the lines above a table): it is detected at
        the page's scale, not enlarged as the library enlarges images under 736 pixels a side.
        """
        import cv2

        page = _bgr(image)
        scale = min(1.0, self.max_side_len / max(page.shape[:2]))  # a large photo: detect on a smaller copy
        if char_px and self.det_char_px:
            scale = min(scale, self.det_char_px / char_px)
        if scale < 1.0:
            page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        det = self._ocr.text_det
        if strip:  # the library's pre-processing at its own size: only rounded to a multiple of 32
            from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

            det.get_preprocess = lambda longest: DetPreProcess(longest, "max", det.mean, det.std)
        try:
            quads, _ = det(page)
        finally:
            det.__dict__.pop("get_preprocess", None)
        if quads is None or len(quads) == 0:
            return []
        # a box found on a smaller copy is a pixel or two tight at full size: give back the
        # margin the scaling took (a 。 or 、 at a line's end sits right on the edge)
        pad = 1.0 if scale < 1.0 else 0.0
        return [
            (
                float(q[:, 0].min() / scale - pad),
                float(q[:, 1].min() / scale - pad),
                float(q[:, 0].max() / scale + pad),
                float(q[:, 1].max() / scale + pad),
            )
            for q in quads
        ]

    def line_angles(self, images: list[np.ndarray]) -> list[tuple[int, float]]:
        """``(0 or 180, score)`` for each horizontal text-line crop: PP-OCR's direction classifier."""
        crops = [_bgr(image) for image in images if image.size]
        if not crops:
            return []
        _, results, _ = self._ocr.text_cls(crops)
        return [(int(label), float(score)) for label, score in results]

    def read_lines(self, images: list[np.ndarray]) -> list[tuple[str, float]]:
        """Read text-line crops. With several cores the crops are dealt (by width, so each
        share costs about the same) to that many threads, each running the single-threaded
        recogniser: lines are independent, so this uses the cores fully, where onnxruntime's
        own threads split each small line's work and mostly wait (measured: 4.3 CPU-s for
        2.3 CPU-s of work)."""
        crops = [_bgr(image) for image in images if image.size]
        results = self._recognise(crops)
        answers = iter(results)
        out = []
        for image in images:
            if not image.size:
                out.append(("", 0.0))
                continue
            text, score = next(answers)[:2]
            out.append((str(text).strip(), float(score)))
        return out

    def _recognise(self, crops: list[np.ndarray]) -> list[tuple]:
        if len(crops) < 2 or self.rec_workers < 2:
            return self._ocr.text_rec(crops)[0] if crops else []
        if self._pool is None or self._pool_pid != os.getpid():
            # a new pool in a forked worker too: the parent's threads do not exist there, and
            # work handed to its pool would wait for ever
            from concurrent.futures import ThreadPoolExecutor

            if self._pool is not None:  # a forked worker: its share of the cores, as its settings say
                self.rec_workers = settings.ocr_threads() or self.rec_workers
                if self.rec_workers < 2:
                    self._pool = None
                    return self._ocr.text_rec(crops)[0]
            self._pool = ThreadPoolExecutor(self.rec_workers, thread_name_prefix="ocr-rec")
            self._pool_pid = os.getpid()
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / crops[i].shape[0], reverse=True)
        shares: list[list[int]] = [[] for _ in range(self.rec_workers)]
        for k, i in enumerate(order):  # widest first, dealt back and forth: even shares
            turn, step = divmod(k, self.rec_workers)
            shares[step if turn % 2 == 0 else self.rec_workers - 1 - step].append(i)
        shares = [share for share in shares if share]
        futures = [self._pool.submit(self._ocr.text_rec, [crops[i] for i in share]) for share in shares]
        results: list[tuple] = [("", 0.0)] * len(crops)
        for share, future in zip(shares, futures):
            for i, answer in zip(share, future.result()[0]):
                results[i] = answer
        return results


def _single_thread_session(session):
    """The recogniser's onnxruntime session again, with one intra-op thread (the engine runs
    lines in parallel itself) and no spinning threads waiting for work."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(session._model_path, options, providers=["CPUExecutionProvider"])


def tesseract_available() -> bool:
    """True when pytesseract, the tesseract binary and its chi_sim model are all installed."""
    try:
        import pytesseract
    except ImportError:
        return False
    if shutil.which("tesseract") is None:
        return False
    try:
        return "chi_sim" in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return False


def _join_tesseract_words(words: list[str]) -> str:
    """Tesseract puts spaces between Chinese characters; keep them only between Latin words."""
    out = ""
    for word in words:
        if out and out[-1].isascii() and out[-1].isalpha() and word[:1].isascii() and word[:1].isalpha():
            out += " "
        out += word
    return out


class TesseractEngine:
    """Tesseract with the chi_sim model, through pytesseract (optional)."""

    name = "tesseract"

    def __init__(self, *, lang: str = "chi_sim"):
        if not tesseract_available():
            raise InputError("ocr", msg("OCR_NO_TESSERACT"))
        import pytesseract

        self._tess = pytesseract
        self.lang = lang

    def read_page(self, image: np.ndarray) -> list[TextBox]:
        data = self._tess.image_to_data(image, lang=self.lang, config="--psm 11", output_type=self._tess.Output.DICT)
        lines: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(data["text"]):
            if word.strip() and float(data["conf"][i]) >= 0:
                key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
                lines.setdefault(key, []).append(i)
        boxes: list[TextBox] = []
        for idx in lines.values():
            x0 = min(data["left"][i] for i in idx)
            y0 = min(data["top"][i] for i in idx)
            x1 = max(data["left"][i] + data["width"][i] for i in idx)
            y1 = max(data["top"][i] + data["height"][i] for i in idx)
            text = _join_tesseract_words([data["text"][i].strip() for i in idx])
            score = min(float(data["conf"][i]) for i in idx) / 100.0
            boxes.append(TextBox(text, (x0, y0, x1, y1), max(0.0, min(1.0, score))))
        return boxes

    def read_lines(self, images: list[np.ndarray]) -> list[tuple[str, float]]:
        return [self._read_line(image) for image in images]

    def _read_line(self, image: np.ndarray) -> tuple[str, float]:
        if image.size == 0:
            return "", 0.0
        data = self._tess.image_to_data(image, lang=self.lang, config="--psm 7", output_type=self._tess.Output.DICT)
        idx = [i for i, w in enumerate(data["text"]) if w.strip() and float(data["conf"][i]) >= 0]
        if not idx:
            return "", 0.0
        text = _join_tesseract_words([data["text"][i].strip() for i in idx])
        return text, max(0.0, min(1.0, min(float(data["conf"][i]) for i in idx) / 100.0))


#: engine name -> class; ``get_engine`` builds and caches one per name
ENGINES: dict[str, type] = {"rapidocr": RapidOCREngine, "tesseract": TesseractEngine}


@functools.lru_cache(maxsize=4)
def get_engine(name: str | None = None) -> OCREngine:
    """The named OCR engine (``$ASSISTANT_OCR_ENGINE``, else rapidocr), built once per process.

    Raises:
        InputError: the engine is unknown or not installed.
    """
    name = (name or settings.ocr_engine()).lower()
    if name not in ENGINES:
        raise InputError("ocr", msg("OCR_UNKNOWN_ENGINE", name=name, choices=", ".join(ENGINES)))
    return ENGINES[name]()
