"""The audit log read by people: every entry as a sentence in the reader's language, the
exact values before and after as a table, and the filters and pages of the log's screen.

Vocabulary:

- an *entry* is one row of the log (``energy.store.audit.AuditRecord``): who, when, an
  *action* (``create``, ``update``, ``delete``, or an event such as ``login`` or
  ``import_readings``) on an *entity* (a table) and the row's key, with the values before and
  after;
- a *thing* is what an entry is about, named as people name it: household H-012 of 성대골 마을,
  application 2027-05-007, the session on 5 March: never a table name or an id (``things``);
- a *field* is one of a thing's values, with its label and its value formatted with its unit
  (``fields``); a *change* is a field's value before and after;
- a *kind* is a group of entities people think of as one kind of thing (readings, households,
  applications, reviews, training attendance ...), offered as a filter (``kinds``);
- the *sentence* says who did what to which thing and, for a change, from what to what
  (``sentences``); ``log`` reads a page of them, or all of them for a download.

The store keeps the village each entry is about (``AuditEntry.village_id``), so a village's
entries are one index range.
"""
