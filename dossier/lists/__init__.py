"""Sanctions and export-control lists: where each file comes from (`sources`),
downloading it (`fetch`), reading it (`loaders`), replacing a dataset in the store
(`sync`), screening stored entities again and diffing their matches (`rescreen`,
`alerts`, the rows in `alert_rows`), and whether a party was listed when an act
happened (`timing`). Nothing is imported here, so any one module loads alone."""
