"""A loopback OpenAI-compatible server for tests and benchmarks: scripted answers, injected faults.

It serves ``POST /v1/chat/completions`` on 127.0.0.1 at a free port, so the real
``openai`` and ``instructor`` clients run end to end over HTTP and nothing reaches the
internet. It records every request body it gets.

The answer to a request comes from ``responder(body) -> dict`` (the object the model
should return). The server writes it the way the request asks: as a tool call when the
request carries ``tools`` (instructor's TOOLS mode), as JSON content when it asks for
``response_format`` (JSON mode), else as a fenced ```json block (MD_JSON mode).

Faults are injected per request from a queue (``server.faults.append("500")``) or by a
``fault_for(body, index)`` callable; each names what the next request gets:

* ``"500"``       HTTP 500 (any other status number, e.g. ``"401"``, likewise)
* ``"429"``       HTTP 429 with ``Retry-After: server.retry_after``
* ``"slow"``      the answer only after ``server.slow_seconds`` (past the client's timeout)
* ``"malformed"`` a reply whose JSON is cut in the middle
* ``"invalid"``   a reply that is JSON but does not fit the schema (the next one is valid)
* ``"truncated"`` finish_reason ``length`` with a partial answer
* ``"trickle"``   the answer one byte every ``server.trickle_seconds`` (each read is quick, the whole is not)
* ``"silent"``    the connection is accepted and nothing is ever sent back

Like a real server, it honours the request's ``max_tokens``: an answer longer than that
(one character = one token) is cut there with finish_reason ``length``.

Usage counts characters as tokens (prompt: message contents plus the tool schema;
completion: the answer text), a stable proxy for a real tokenizer.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LoopbackLLM", "FAULTS", "data_block", "table_responder"]

FAULTS = ("500", "429", "slow", "malformed", "invalid", "truncated", "trickle", "silent")


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):  # content parts
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


class LoopbackLLM:
    """The server. Use as a context manager, or call :meth:`start` / :meth:`stop`.

    Attributes:
        responder: request body -> the answer object (a dict).
        faults: queue of fault names consumed one per request (None = answer normally).
        fault_for: optional ``(body, index) -> fault name | None``, asked when the queue is empty.
        requests: every request body received, in arrival order.
        delay: seconds to wait before every answer (to show concurrency in benchmarks).
        invalid_answer: what an ``"invalid"`` fault sends.
    """

    def __init__(self, responder: Callable[[dict[str, Any]], dict[str, Any]] | None = None, *, delay: float = 0.0):
        self.responder = responder or (lambda body: {})
        self.faults: deque[str | None] = deque()
        self.fault_for: Callable[[dict[str, Any], int], str | None] | None = None
        self.requests: list[dict[str, Any]] = []
        self.delay = delay
        self.slow_seconds = 5.0
        self.trickle_seconds = 0.5
        self.honour_max_tokens = True
        self.retry_after = "0.3"
        self.invalid_answer: dict[str, Any] = {"rows": [{"kind": "project", "amounts": "not an object"}]}
        self.model_name = "loopback-model"
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ----
    def start(self) -> LoopbackLLM:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                server._handle(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="loopback-llm", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LoopbackLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.faults.clear()

    # ---- one request ----
    def _next_fault(self, body: dict[str, Any], index: int) -> str | None:
        with self._lock:
            if self.faults:
                return self.faults.popleft()
        return self.fault_for(body, index) if self.fault_for else None

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        if handler.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._send(handler, 404, {"error": {"message": f"no route {handler.path}"}})
            return
        body = json.loads(raw.decode("utf-8"))
        with self._lock:
            index = len(self.requests)
            self.requests.append(body)
        fault = self._next_fault(body, index)
        if self.delay:
            time.sleep(self.delay)
        if fault is not None and fault.isdigit() and fault != "429":  # "500", or any other status
            self._send(handler, int(fault), {"error": {"message": f"injected HTTP {fault}", "type": "injected"}})
            return
        if fault == "429":
            self._send(
                handler,
                429,
                {"error": {"message": "injected rate limit", "type": "rate_limit"}},
                headers={"Retry-After": self.retry_after},
            )
            return
        if fault == "slow":
            time.sleep(self.slow_seconds)
        if fault == "silent":
            time.sleep(3600)  # the client gives up; the daemon thread dies with the server
            return
        if fault == "invalid":
            answer_text = json.dumps(self.invalid_answer, ensure_ascii=False)
        else:
            answer_text = json.dumps(self.responder(body), ensure_ascii=False)
        finish = "stop"
        if fault == "malformed":
            answer_text = answer_text[: max(1, len(answer_text) // 2)]
        if fault == "truncated":
            answer_text = answer_text[: max(1, len(answer_text) // 3)]
            finish = "length"
        cap = body.get("max_tokens") or body.get("max_completion_tokens")
        if self.honour_max_tokens and cap and len(answer_text) > cap:
            answer_text, finish = answer_text[:cap], "length"
        self._send(
            handler,
            200,
            self._completion(body, answer_text, finish),
            trickle=self.trickle_seconds if fault == "trickle" else 0.0,
        )

    def _completion(self, body: dict[str, Any], answer_text: str, finish: str) -> dict[str, Any]:
        prompt_chars = sum(len(_message_text(m)) for m in body.get("messages", []))
        if body.get("tools"):
            prompt_chars += len(json.dumps(body["tools"], ensure_ascii=False))
            name = body["tools"][0]["function"]["name"]
            message: dict[str, Any] = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": name, "arguments": answer_text}}
                ],
            }
            finish = "tool_calls" if finish == "stop" else finish
        elif body.get("response_format"):
            message = {"role": "assistant", "content": answer_text}
        else:
            message = {"role": "assistant", "content": f"```json\n{answer_text}\n```"}
        return {
            "id": "chatcmpl-loopback",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self.model_name),
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {
                "prompt_tokens": prompt_chars,
                "completion_tokens": len(answer_text),
                "total_tokens": prompt_chars + len(answer_text),
            },
        }

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: dict[str, Any],
        headers: dict[str, str] | None = None,
        trickle: float = 0.0,
    ) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                handler.send_header(key, value)
            handler.end_headers()
            if not trickle:
                handler.wfile.write(data)
            for i in range(len(data) if trickle else 0):
                handler.wfile.write(data[i : i + 1])
                handler.wfile.flush()
                time.sleep(trickle)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer


# ---- a scripted "model" that reads tables correctly: answers from a known BudgetTable ----
_DATA = re.compile(r"<<<DATA (?P<tag>\w+)>>>\n(?P<data>.*?)\n<<<END DATA (?P=tag)>>>", re.S)


def data_block(body: dict[str, Any]) -> str:
    """The text between the DATA markers of the request's last user message ('' if none)."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    for message in reversed(users):
        if match := _DATA.search(_message_text(message)):
            return match.group("data")
    return ""


def table_responder(table: Any, *, override: Callable[[dict[str, Any], list[str]], None] | None = None):
    """A responder that answers each chunk with the rows of ``table`` whose names start its lines.

    Lines are matched by their first cell (tab-separated) to the table's units and projects;
    projects of the same name are told apart by their 总计. ``override(row_answer, cells)`` may
    change a row's answer (to simulate a model that invents or obeys injected text).
    """
    from decimal import Decimal, InvalidOperation

    units = {u.name: u for u in table.units}
    projects = list(table.projects())

    def total_of(cells: list[str]) -> Decimal | None:
        try:
            return Decimal(cells[1].replace(",", "").strip()) if len(cells) > 1 and cells[1].strip() else None
        except InvalidOperation:
            return None

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        rows: list[dict[str, Any]] = []
        used: set[int] = set()
        data = data_block(body)
        header: dict[str, Any] = {"title": None, "department": None, "currency_unit": None}
        if table.title and table.title in data:
            header = {"title": table.title, "department": table.department, "currency_unit": table.currency_unit}
        for line in data.split("\n"):
            cells = re.split(r"\t| {2,}", line)  # tab-separated, or columns collapsed to spaces
            name = cells[0].strip()
            texts = [c for c in cells[1:] if c.strip() and total_of([None, c]) is None]
            answer: dict[str, Any] | None = None
            if name in ("合计", "总计"):
                answer = {"kind": "total", "name": name, "amounts": table.amounts.model_dump(mode="json")}
            elif name in units and not texts:
                answer = {"kind": "unit", "name": name, "amounts": units[name].amounts.model_dump(mode="json")}
            else:
                total = total_of(cells)
                for i, project in enumerate(projects):
                    continued = cells[1:2] == ["（续）"]
                    if (
                        (i not in used or continued)
                        and project.name == name
                        and (continued or project.amounts.total == total)
                    ):
                        used.add(i)
                        answer = {"kind": "project", **project.model_dump(mode="json")}
                        # a row cut between chunks: answer only the items whose "N、" is in this piece
                        answer["indicators"] = [
                            item for item in answer["indicators"] if re.search(rf"(?<!\d){item['seq']}、", line)
                        ]
                        break
            if answer is not None:
                if override is not None:
                    override(answer, cells)
                rows.append(answer)
        return {**header, "rows": rows}

    return respond
