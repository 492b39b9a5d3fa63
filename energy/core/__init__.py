"""What every capability stands on: settings, errors, access rules, translation, vocabulary.

- ``config``: the settings, read from the environment (the only module that reads it).
- ``errors``: the named exceptions a library function raises (``InvalidInput``,
  ``NotFound``, ``AccessDenied`` ...), each with a catalogue key so a screen can say it.
- ``access``: the **actor** (who is acting) and the **capabilities** each **role** holds;
  ``require``/``require_village`` are the checks every library function makes first.
- ``i18n``, ``catalogue``, ``messages``: Korean and English text and number formats.
- ``output``: where a file may be written (never over the store's own files, a folder, a
  device or a link; the format's extension) and writing it through a temporary file.
- ``vocabulary``: the closed sets the programme speaks in: roles, languages, carriers and
  their canonical units, housing types, village statuses and their reasons, the call's
  applicant types, stages and criteria, training topics, legal forms.

Nothing here touches the store; everything else may import it.
"""
