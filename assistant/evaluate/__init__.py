"""The eval harness: score extraction and drafting against gold, track runs, gate regressions."""
