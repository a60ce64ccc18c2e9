"""The town file: a clerk's YAML file -> a validated Town and its derived figures.

In: the town file (YAML), optionally the county's statistics sheet (.xlsx). Out: drafter.town.model.Town (frozen
dataclasses), every problem with file:line and key path (load, schema), the topic lexicon (lexicon), and the
figures derived from the clerk's numbers (derive: 同比, 完成率, ratios, exact 万元/亿元, in half-up Decimal).
Imports only errors and files."""
