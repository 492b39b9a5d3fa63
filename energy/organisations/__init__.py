"""Villages that found an organisation: readiness, the formation checklist, the register.

Vocabulary: a **legal form** (cooperative, social cooperative, nonprofit, social
enterprise) has **formation rules** (members, board, capital); an **organisation** is
registered with its members, board and assets; **readiness** scores which villages are
ready to found one, from **facts** other capabilities record.

- ``readiness``, ``readiness_facts``: the readiness score and its facts.
- ``formation_rules``, ``formation``: the checklist of each legal form.
- ``registry``, ``organisers``: the organisations and the people behind them.
"""
