"""``eval``: score extraction or drafting against gold, compare runs, show the trend, gate regressions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ...errors import AssistantError, InputError
from ...export import write_atomic
from ...extract import BACKENDS

ORDER = 60

eval_app = typer.Typer(
    help=(
        "Score extraction or drafting against the gold, keep a history of runs, compare runs, gate regressions.\n\n"
        "Start with:  python cli.py eval extract --perturb all"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

EvalsDir = Annotated[
    str | None,
    typer.Option("--evals-dir", help="Folder for runs/ and history.jsonl (default $ASSISTANT_EVALS_DIR, else evals/)."),
]
FailUnder = Annotated[
    str | None,
    typer.Option(
        "--fail-under", help="Exit 1 when a metric is under its floor: METRIC=VALUE,… (slice metrics as SLICE/METRIC)."
    ),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        help="Exit 1 when a metric drops more than --tolerance below this run (folder, run id, or latest / previous of this kind).",
    ),
]
Tolerance = Annotated[float, typer.Option("--tolerance", min=0.0, help="How far a metric may fall below --baseline.")]
NoHistory = Annotated[bool, typer.Option("--no-history", help="Do not append the run to history.jsonl.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the summary as JSON instead of a table.")]


def _gate_setup(fail_under: str | None, baseline: str | None, root: Path, known: set[str] | None, kind: str):
    """Read the gate options before the (long) run, so a typo fails fast with exit 2."""
    from ...evaluate.gate import GateSyntaxError, check_threshold_range, parse_thresholds
    from ...evaluate.runs import load_run

    try:
        thresholds = parse_thresholds(fail_under)
        check_threshold_range(thresholds)
    except GateSyntaxError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-under") from None
    if known is not None:
        unknown = [name for name in thresholds if name not in known]
        if unknown:
            names = ", ".join(sorted(k for k in known if "/" not in k))
            raise typer.BadParameter(
                f"unknown metric(s) {', '.join(unknown)}; choose from {names}", param_hint="--fail-under"
            )
    base = load_run(baseline, root, kind) if baseline else None
    if base is not None and base.manifest.get("kind", kind) != kind:
        raise typer.BadParameter(
            f"{base.run_id} is an eval {base.manifest.get('kind')} run, not eval {kind}", param_hint="--baseline"
        )
    return thresholds, base


def _finish(run, thresholds, base, tolerance: float, root: Path, no_history: bool, as_json: bool, kind: str) -> None:
    """Record the run, print its summary and apply the gate (exit 1 naming what fell short)."""
    from ...evaluate.gate import GateSyntaxError, check_gate
    from ...evaluate.runs import append_history, incomparable
    from ..console import err_console

    try:  # a gate naming a metric this run lacks is a usage error: exit 2 before the history records the run
        failures = check_gate(run.summary, thresholds, base.summary if base else None, tolerance)
    except GateSyntaxError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-under") from None
    if base is not None:
        for difference in incomparable(base, run):
            err_console.print(
                f"warning: --baseline {base.run_id} was made differently ({difference}); "
                "its metrics may not be comparable"
            )
    if not no_history:
        append_history(run, root)
    if as_json:
        typer.echo(json.dumps(run.summary, ensure_ascii=False, indent=2))
    else:
        _print_summary(run, kind)
    err_console.print(f"run written to {run.path}  (report: {run.path / 'report.html'})")
    if failures:
        err_console.print(f"gate failed: {len(failures)} metric(s) fell short")
        for failure in failures:
            err_console.print(f"  {failure}")
        raise typer.Exit(1)
    if thresholds or base:
        err_console.print("gate passed")


def _print_summary(run, kind: str) -> None:
    """The headline metrics as a table; with slices, one row per slice as well."""
    from rich.table import Table

    from ...evaluate.metrics import MAIN_METRICS
    from ...evaluate.report import format_value

    summary = run.summary
    metrics = summary.get("metrics", {})
    if kind == "extract":
        names = [
            *MAIN_METRICS,
            "silent_errors",
            "project_name",
            "project_precision",
            "project_recall",
            "indicator_precision",
            "indicator_recall",
            "schema_valid_rate",
            "grounding_rate",
            "mean_confidence",
            "read_failures",
            "errors",
        ]
        names += [k for k in ("requests", "total_tokens") if k in metrics]
    else:
        names = list(metrics)
    console = _console()
    table = Table(title=f"{kind} eval {run.run_id}" + (" (clean sources)" if summary.get("slices") else ""))
    table.add_column("metric")
    table.add_column("value", justify="right")
    intervals = summary.get("intervals") or {}
    if intervals:
        table.add_column("95% interval (by document)", justify="right")
    for metric in names:
        cells = [metric, format_value(metrics.get(metric))]
        if intervals:
            cells.append(_interval_text(intervals.get(metric)))
        table.add_row(*cells)
    console.print(table)
    if summary.get("slices"):
        columns = [
            "indicator_f1",
            "indicator_f1_lenient",
            "project_f1",
            "amounts",
            "goal_exact",
            "silent_error_rate",
            "read_failures",
        ]
        per_slice = Table(title="per robustness slice")
        per_slice.add_column("slice")
        for column in columns:
            per_slice.add_column(column.replace("indicator_", "ind_"), justify="right")
        for name, part in summary["slices"].items():
            per_slice.add_row(name, *(format_value(part["metrics"].get(c)) for c in columns))
        console.print(per_slice)
    for column in GROUP_COLUMNS if kind == "extract" else ():  # a draft run prints its own sector table
        groups = summary.get(f"by_{column}")
        if groups:
            console.print(_group_table(column, groups))


def _interval_text(interval: dict[str, Any] | None) -> str:
    if not interval:
        return ""
    return f"{interval['low']:.2f} – {interval['high']:.2f}" + (
        " (3/n)" if interval["method"] == "rule of three" else ""
    )


#: manifest columns the clean-source scores are broken down by (when the gold has a manifest)
GROUP_COLUMNS = ("family", "sector")
_GROUP_METRICS = (
    "documents",
    "projects_gold",
    "indicators_gold",
    "indicator_f1",
    "indicator_f1_lenient",
    "project_name",
    "amounts",
    "goal_exact",
    "silent_error_rate",
    "read_failures",
    "errors",
)
_SHORT = {
    "documents": "docs",
    "projects_gold": "projects",
    "indicators_gold": "indicators",
    "indicator_f1_lenient": "ind_f1_len",
    "indicator_f1": "ind_f1",
    "project_name": "name",
    "goal_exact": "goal",
    "silent_error_rate": "silent",
    "read_failures": "failures",
}


def _group_table(column: str, groups: dict[str, Any]):
    """One row per family (or sector) with its headline metrics."""
    from rich.table import Table

    from ...evaluate.report import format_value

    table = Table(title=f"per {column} (clean sources)")
    table.add_column(column)
    for metric in _GROUP_METRICS:
        table.add_column(_SHORT.get(metric, metric), justify="right")
    for name, part in groups.items():
        table.add_row(name, *(format_value(part["metrics"].get(m)) for m in _GROUP_METRICS))
    return table


def _console():
    """Standard output; piped output gets a wide page so metric names are not cut."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    return console if console.is_terminal else Console(highlight=False, soft_wrap=True, width=160)


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..console import err_console

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def extract(
    gold: Annotated[
        str | None,
        typer.Option(
            "--gold",
            "-g",
            help="Gold folder (*.json with source/<stem>.*, or <id>/{gold.json,source.*,meta.json} as gold/real) or one gold .json; default gold/.",
        ),
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="Only the documents of this split of the manifest: dev, test or all.")
    ] = "all",
    backend: Annotated[
        str, typer.Option("--backend", "-b", help=f"Extraction backend: {', '.join(BACKENDS)}.")
    ] = "rules",
    perturb: Annotated[
        str,
        typer.Option(
            "--perturb", "-p", help="Robustness slices to score besides the clean source: all, none, or a comma list."
        ),
    ] = "none",
    seed: Annotated[int, typer.Option("--seed", help="Seed of the perturbations (same seed, same variants).")] = 0,
    fail_under: FailUnder = None,
    baseline: Baseline = None,
    tolerance: Tolerance = 0.0,
    evals_dir: EvalsDir = None,
    no_history: NoHistory = False,
    as_json: AsJson = False,
) -> None:
    """Score an extraction backend against the gold records, clean and on messy variants.

    Writes a run folder (manifest, per-sample results as JSONL and a datasets.Dataset,
    summary.json, summary.md, report.html) and appends the run to history.jsonl.

    Examples:

      python cli.py eval extract

      python cli.py eval extract --perturb all

      python cli.py eval extract --gold gold/real --split dev     # per family and per sector

      python cli.py eval extract --perturb ocr,reflow --seed 3

      python cli.py eval extract --fail-under indicator_f1=0.98,amounts=1.0 --baseline latest
    """
    from ...evaluate.extraction import evaluate_extraction
    from ...evaluate.gate import flat_metrics
    from ...evaluate.intervals import bootstrap_intervals
    from ...evaluate.metrics import summarize, summarize_by, summarize_by_slice
    from ...evaluate.perturb import parse_slices
    from ...evaluate.runs import evals_dir as default_evals_dir
    from ...evaluate.runs import write_run
    from ...gold import SPLITS, default_gold_dir, load_gold

    if split not in SPLITS:
        raise typer.BadParameter(f"{split!r} is not one of {', '.join(SPLITS)}", param_hint="--split")
    if backend not in BACKENDS:
        raise typer.BadParameter(f"{backend!r} is not one of {', '.join(BACKENDS)}", param_hint="--backend")
    try:
        slices = parse_slices(perturb)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--perturb") from None
    root = default_evals_dir(evals_dir)
    empty = summarize([], [])
    known = set(flat_metrics({"metrics": empty["metrics"], "slices": {n: empty for n in ["clean", *slices]}}))
    thresholds, base = _gate_setup(fail_under, baseline, root, known, "extract")

    records = load_gold(gold, split=split)
    with _progress() as progress:
        task = progress.add_task("scoring", total=len(records) * (1 + len(slices)))

        def step(label: str) -> None:
            progress.update(task, description=f"scoring {label}")
            progress.advance(task)

        result = evaluate_extraction(records, backend=backend, slices=slices, seed=seed, progress=step)
    if not result.documents:
        raise InputError(
            str(gold or default_gold_dir()),
            "no gold record has a source document to extract; " + "; ".join(result.skipped[:3]),
        )

    per_slice = summarize_by_slice(result.samples, result.documents)
    clean = per_slice.get("clean") or summarize([], [])
    summary: dict[str, Any] = {"metrics": clean["metrics"], "confusion": clean["confusion"]}
    if slices:
        summary["slices"] = per_slice
    clean_samples = [s for s in result.samples if s["slice"] == "clean"]
    clean_documents = [d for d in result.documents if d["slice"] == "clean"]
    intervals = bootstrap_intervals(clean_samples, clean_documents)
    if intervals:
        summary["intervals"] = intervals
    for column in GROUP_COLUMNS:
        if any(d.get(column) for d in clean_documents):
            summary[f"by_{column}"] = summarize_by(clean_samples, clean_documents, column)
    summary["documents"] = result.documents
    summary["skipped"] = result.skipped
    manifest = {
        "model": ", ".join(sorted(result.models)) or None,
        "prompt": ", ".join(sorted(result.prompts)) or None,
        "gold": str(Path(gold) if gold else default_gold_dir()),
        "gold_version": result.gold_version,
        "parameters": {
            "split": split,
            "perturb": slices,
            "seed": seed,
            "fail_under": thresholds,
            "baseline": base.run_id if base else None,
            "tolerance": tolerance,
            "history": not no_history,
        },
    }
    run = write_run(
        kind="extract", backend=backend, summary=summary, samples=result.samples, manifest=manifest, root=root
    )
    from ..console import err_console

    for note in result.skipped:
        err_console.print(f"warning: skipped {note}")
    for document in result.documents:
        if document["error"]:
            err_console.print(
                f"warning: {document['record']} [{document['slice']}] scored as all missed: {document['error']}"
            )
    _finish(run, thresholds, base, tolerance, root, no_history, as_json, "extract")


def _draft_evaluator():
    """The drafting evaluator; imported only when ``eval draft`` runs."""
    try:
        from ...draft.evaluation import evaluate_drafting
    except ImportError as exc:
        raise AssistantError(f"drafting evaluation is not available in this build ({exc})") from None
    return evaluate_drafting


def _flatten(metrics: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _draft_samples(samples: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every drafting sample a stable id, a pass/fail flag and a list of differences,
    so compare and the report treat it like an extraction sample. A draft passes when the
    linter has nothing left to say about it (no remaining findings, no lint errors)."""
    out = []
    for i, sample in enumerate(samples):
        sample = dict(sample)
        sample.setdefault(
            "sample_id", str(sample.get("id") or sample.get("project") or sample.get("name") or f"draft/{i}")
        )
        if "passed" not in sample:
            if "ok" in sample:
                sample["passed"] = bool(sample["ok"])
            elif "remaining_findings" in sample or "lint_errors" in sample:
                sample["passed"] = not sample.get("remaining_findings") and not sample.get("lint_errors")
        if "differences" not in sample and "remaining_findings" in sample:
            sample["differences"] = list(sample["remaining_findings"] or [])
        out.append(sample)
    return out


def draft(
    gold: Annotated[str | None, typer.Option("--gold", "-g", help="Gold folder or file; default gold/.")] = None,
    backend: Annotated[
        str, typer.Option("--backend", "-b", help="Drafting backend (library = offline default).")
    ] = "library",
    projects: Annotated[
        str | None, typer.Option("--projects", help="Only these gold projects (comma list of names).")
    ] = None,
    split: Annotated[str, typer.Option("--split", help="Real corpus only: dev, test or all documents.")] = "all",
    max_indicators: Annotated[
        int | None,
        typer.Option("--max", min=4, max=15, help="Draft at most this many (default: the draft command's 12)."),
    ] = None,
    fail_under: FailUnder = None,
    baseline: Baseline = None,
    tolerance: Tolerance = 0.0,
    evals_dir: EvalsDir = None,
    no_history: NoHistory = False,
    as_json: AsJson = False,
) -> None:
    """Score indicator drafting against the gold projects, through the same run folder,
    history, compare and gate as extraction.

    Examples:

      python cli.py eval draft

      python cli.py eval draft --gold gold/real --split test      # per sector, real corpus

      python cli.py eval draft --gold gold/real --split dev --max 8   # drafts the length clerks write

      python cli.py eval draft --fail-under full_coverage_share=0.9 --baseline latest
    """
    from ...draft.corpus import gold_path_version
    from ...evaluate.drafting import SECTOR_COLUMNS, sector_rows
    from ...evaluate.runs import evals_dir as default_evals_dir
    from ...evaluate.runs import write_run
    from ...gold import default_gold_dir

    root = default_evals_dir(evals_dir)
    thresholds, base = _gate_setup(fail_under, baseline, root, None, "draft")
    evaluate = _draft_evaluator()
    names = [p.strip() for p in projects.split(",") if p.strip()] if projects else None
    with _progress() as progress:
        task = progress.add_task("drafting", total=None)

        def step(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total, description=f"drafting {name}")

        try:
            extra = {"max_indicators": max_indicators} if max_indicators else {}
            samples, overall = evaluate(gold, backend=backend, projects=names, split=split, progress=step, **extra)
        except ValueError as exc:  # unknown backend or project names
            raise typer.BadParameter(str(exc)) from None
    samples = _draft_samples(list(samples))
    overall = dict(overall)
    by_sector = overall.pop("by_sector", None)
    metrics = _flatten(overall)
    manifest = {
        "model": metrics.get("model"),
        "prompt": metrics.get("prompt") or metrics.get("prompt_version"),
        "gold": str(Path(gold) if gold else default_gold_dir()),
        "gold_version": gold_path_version(gold),
        "parameters": {
            "projects": names,
            "split": split,
            "max_indicators": max_indicators,
            "fail_under": thresholds,
            "baseline": base.run_id if base else None,
            "tolerance": tolerance,
            "history": not no_history,
        },
    }
    summary = {"metrics": metrics, **({"by_sector": by_sector} if by_sector else {})}
    run = write_run(kind="draft", backend=backend, summary=summary, samples=samples, manifest=manifest, root=root)
    if by_sector and not as_json:
        from rich.table import Table

        table = Table(
            title=f"drafting by sector (split: {overall.get('split', 'all')}); "
            "baseline = nearest project copied, human = the real indicators"
        )
        table.add_column("sector")
        for title, _ in SECTOR_COLUMNS:
            table.add_column(title, justify="right")
        for row in sector_rows(by_sector, overall):
            table.add_row(*row)
        _console().print(table)
    _finish(run, thresholds, base, tolerance, root, no_history, as_json, "draft")


def compare(
    run_a: Annotated[str, typer.Argument(help="The earlier run: folder, run id (or prefix), latest or previous.")],
    run_b: Annotated[str, typer.Argument(help="The later run.")],
    evals_dir: EvalsDir = None,
    as_json: AsJson = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Samples listed per section.")] = 50,
) -> None:
    """List what changed from RUN_A to RUN_B: newly failing samples first, then each metric.

    Examples:

      python cli.py eval compare previous latest      # the last two runs of the latest run's kind

      python cli.py eval compare 20261126T2300 evals/runs/20261127T0100Z-extract-llm
    """
    from ...evaluate.compare import compare_runs, format_comparison
    from ...evaluate.runs import evals_dir as default_evals_dir
    from ...evaluate.runs import load_run

    root = default_evals_dir(evals_dir)
    b = load_run(run_b, root)
    kind = b.manifest.get("kind")
    a = load_run(run_a, root, kind)  # "previous" means the previous run of B's kind
    if a.manifest.get("kind") != kind:
        raise InputError(
            run_a,
            f"{a.run_id} is an eval {a.manifest.get('kind')} run and {b.run_id} an eval {kind} run; compare runs of one kind",
        )
    from ...evaluate.runs import incomparable
    from ..console import err_console

    for difference in incomparable(a, b):
        err_console.print(
            f"warning: the two runs were made differently ({difference}); their metrics may not be comparable"
        )
    result = compare_runs(a, b)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_comparison(result, limit), nl=False)


def history(
    kind: Annotated[str, typer.Option("--kind", help="extract or draft.")] = "extract",
    last: Annotated[int, typer.Option("--last", min=1, help="Show the last N runs.")] = 20,
    html: Annotated[str | None, typer.Option("--html", help="Also write the trend chart as an HTML page here.")] = None,
    evals_dir: EvalsDir = None,
    as_json: AsJson = False,
) -> None:
    """Show the trend of the main metrics over past runs (and a chart with --html).

    Examples:

      python cli.py eval history

      python cli.py eval history --last 50 --html trend.html
    """
    from rich.table import Table

    from ...evaluate.report import format_value, main_metrics, render_history_html
    from ...evaluate.runs import evals_dir as default_evals_dir
    from ...evaluate.runs import read_history

    if kind not in ("extract", "draft"):
        raise typer.BadParameter(f"{kind!r} is not extract or draft", param_hint="--kind")
    root = default_evals_dir(evals_dir)
    entries = read_history(root, kind)[-last:]
    if as_json:
        for entry in entries:
            typer.echo(json.dumps(entry, ensure_ascii=False))
        return
    if not entries:
        typer.echo(f"no {kind} runs in {root / 'history.jsonl'} yet; run: python cli.py eval {kind}", err=True)
        return
    metrics = main_metrics(kind, entries[-1].get("metrics", {}))
    table = Table(title=f"{kind} runs ({root / 'history.jsonl'})")
    for column in ("run", "commit", *metrics):
        table.add_column(column, justify="left" if column in ("run", "commit") else "right", no_wrap=column == "run")
    previous: dict[str, Any] = {}
    for entry in entries:
        cells = []
        for m in metrics:
            value = entry.get("metrics", {}).get(m)
            old = previous.get(m)
            arrow = ""
            if isinstance(value, (int, float)) and isinstance(old, (int, float)) and value != old:
                arrow = " ↑" if value > old else " ↓"
            cells.append(format_value(value) + arrow)
        previous = entry.get("metrics", {})
        table.add_row(entry.get("run_id", ""), (entry.get("commit") or "")[:8], *cells)
    _console().print(table)
    if html:
        write_atomic(html, render_history_html(entries, kind, metrics).encode("utf-8"))
        typer.echo(f"chart written to {html}", err=True)


def register(app: typer.Typer) -> None:
    eval_app.command("extract")(extract)
    eval_app.command("draft")(draft)
    eval_app.command("compare")(compare)
    eval_app.command("history")(history)
    app.add_typer(eval_app, name="eval")
