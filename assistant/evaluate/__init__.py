"""The golden-set evaluation: run a golden file through the real Assistant, score it, report it.

`runner` asks the questions, `metrics` scores the `ask --json` results, `report` and `plots` write
the output directory, `compare` repeats the run under several pipeline settings and `cli` is the
`docent eval` command. Metrics read only the JSON results, so a run can be re-scored later from
`results.jsonl` and the golden file alone.
"""
