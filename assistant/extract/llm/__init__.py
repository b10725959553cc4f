"""The LLM extractor, and the hybrid that uses it only where the rules could not read a row.

One module per step:

* :mod:`.answer` — the answer schema, derived from :mod:`assistant.schema`;
* :mod:`.chunking` — table rows packed into chunks (header repeated), and each chunk's
  completion cap;
* :mod:`.fewshot` / :mod:`.prompting` — the versioned prompt with few-shot examples frozen
  into a packaged resource, fenced and labelled as examples; the chunk between DATA markers;
* :mod:`.run` — the chunks sent concurrently within the run's budget and deadlines, a
  progress callback instead of printing; ``extract_llm`` sends the whole table;
* :mod:`.assemble` — answered rows placed on their source rows, every value grounded in the
  cell it claims to come from; invented names and copies of the examples go to failures;
* :mod:`.auto` — ``extract_auto``: the rules first, only the rows they could not read go to the LLM.
"""

from __future__ import annotations

from .answer import response_model
from .auto import REREAD_CODES, extract_auto, rows_to_reread
from .chunking import Chunk, chunk_document, chunk_rows, completion_cap, split_header
from .prompting import build_messages, system_message
from .run import PROMPT_TASK, extract_llm

__all__ = [
    "PROMPT_TASK",
    "REREAD_CODES",
    "Chunk",
    "build_messages",
    "chunk_document",
    "chunk_rows",
    "completion_cap",
    "extract_auto",
    "extract_llm",
    "response_model",
    "rows_to_reread",
    "split_header",
    "system_message",
]
