"""`cmkit report`: what a journal of decided messages says about the charter's deadlines.

The journal is `triage`'s output (JSON Lines or CSV), each record with its
`at`, completed by the CM with `answered_at` (docs/report.md). `journal`
streams it record by record, `engine` folds the records into one tally per
local day and then merges the days of the period (spec: cli.md revision 1.1,
"cmkit report JOURNAL"); formatters turn the result into text, JSON or a
document.
"""
