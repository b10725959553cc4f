"""Step 2 of the pipeline: rows and cells -> records (rules; LLM chains plug in beside)."""
