"""The annual call for applications: calls, applications, reviews, decisions, grants.

Vocabulary: a **call** is one year's invitation with a budget and dates; an **application**
is a resident group's proposal (draft, submitted, withdrawn, decided); a **review** scores
it on the criteria; a **decision** selects, wait-lists or rejects; a **grant** funds a
selected village and its spending is reported.

- ``calls``, ``applications``, ``reviews``, ``grants``: each step.
- ``attachments``: the files an application carries (plan, budget sheet, photos), read by
  staff and the reviewers assigned to it; ``attachment_checks``: what a file must be before
  it is stored (its type from its content, its name cleaned).
- ``reports``: the call's figures, exports and decision letters.
- ``checks``: the eligibility checks as staff read them, rule by rule (beside them, the
  district's pre-screen and the public-body flags of :mod:`energy.district`).
"""
