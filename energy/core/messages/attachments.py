"""Messages: an application's attachments (the plan, the budget sheet, photos)."""

MESSAGES: dict[str, dict[str, str]] = {
    "field.attachments": {"ko": "첨부 파일", "en": "Attachments"},
    # --- vocabulary ---
    "attach_kind.plan": {"ko": "사업계획서", "en": "Plan"},
    "attach_kind.budget": {"ko": "예산서", "en": "Budget sheet"},
    "attach_kind.photo": {"ko": "현장 사진", "en": "Photo"},
    "attach_kind.other": {"ko": "기타 자료", "en": "Other"},
    # --- refusals (energy.call.attachments) ---
    "attach.err_refused": {
        "ko": "이 파일은 첨부할 수 없습니다.",
        "en": "This file cannot be attached.",
    },
    "attach.err_empty": {
        "ko": "'{name}' 파일은 비어 있습니다. 내용이 있는 파일을 올려 주세요.",
        "en": "'{name}' is empty: attach a file with something in it.",
    },
    "attach.err_too_large": {
        "ko": "'{name}' 파일({size})은 한 파일 한도({limit})보다 큽니다. "
        "해상도를 낮추거나 여러 파일로 나누어 올려 주세요.",
        "en": "'{name}' is {size}; a file may be at most {limit}. "
        "Scan it at a lower resolution or split it into several files.",
    },
    "attach.err_type": {
        "ko": "'{name}' 파일은 받을 수 없는 형식입니다. {types} 파일만 첨부할 수 있습니다"
        "(파일 이름이 아니라 내용으로 확인합니다).",
        "en": "'{name}' is not a type of file we accept: attach {types} files only "
        "(the content is checked, not just the name).",
    },
    "attach.err_mismatch": {
        "ko": "'{name}' 파일은 내용이 {type} 형식인데 이름의 확장자가 {ending}입니다. "
        "내용에 맞는 확장자로 이름을 고쳐 다시 올려 주세요.",
        "en": "'{name}' holds a {type} file but its name ends in {ending}: "
        "rename it to match its content and attach it again.",
    },
    "attach.err_damaged": {
        "ko": "'{name}' 파일을 {type} 파일로 열 수 없습니다. 손상되었거나 일부만 올라간 파일 같습니다.",
        "en": "'{name}' does not open as a {type} file: it seems damaged or cut short.",
    },
    "attach.err_protected": {
        "ko": "이 파일은 보호되어 있어 심사위원이 열 수 없습니다.",
        "en": "This file is protected: reviewers could not open it.",
    },
    "attach.err_pdf_password": {
        "ko": "'{name}' 파일은 암호가 걸린 PDF입니다. 심사위원이 열 수 있도록 암호를 풀고 "
        "다시 올려 주세요.",
        "en": "'{name}' is a password-protected PDF: remove the password so that reviewers "
        "can open it, then attach it again.",
    },
    "attach.err_macros": {
        "ko": "'{name}' 파일에 매크로가 들어 있습니다. 매크로 없는 통합 문서(.xlsx)로 저장해 "
        "올려 주세요.",
        "en": "'{name}' contains macros: save it as a workbook without macros (.xlsx) and "
        "attach it again.",
    },
    "attach.err_too_many": {
        "ko": "신청서 한 건에는 파일을 {n}개까지 첨부할 수 있습니다. 필요 없는 파일을 먼저 지워 주세요.",
        "en": "An application takes at most {n} files: remove one you no longer need first.",
    },
    "attach.err_total": {
        "ko": "'{name}' 파일을 더하면 신청서 한 건의 첨부 한도({limit})를 넘습니다. "
        "남은 용량은 {left}입니다.",
        "en": "Adding '{name}' would take the application past its limit of {limit} for all "
        "files; {left} is left.",
    },
    "attach.err_duplicate": {
        "ko": "'{name}' 파일은 이미 첨부한 '{existing}' 파일과 내용이 같습니다.",
        "en": "'{name}' is the same file as '{existing}', already attached.",
    },
    "attach.err_locked": {
        "ko": "작성 중인 신청서에만 파일을 더하거나 지울 수 있습니다. "
        "제출한 신청서의 파일은 보낸 그대로 남습니다.",
        "en": "Files can be added or removed only while the application is a draft; a "
        "submitted application keeps its files as they were sent.",
    },
    "attach.err_unknown": {
        "ko": "첨부 파일 {id}번을 찾을 수 없습니다.",
        "en": "There is no attachment {id}.",
    },
    "attach.err_kind": {
        "ko": "알 수 없는 첨부 종류입니다: {kind}",
        "en": "Unknown kind of attachment: {kind}",
    },
    # --- screens ---
    "attach.title": {"ko": "첨부 파일", "en": "Attachments"},
    "attach.rules": {
        "ko": "사업계획서, 예산서, 현장 사진을 첨부하세요. {types} · 파일당 {size}까지 · "
        "신청서당 {n}개, 모두 {total}까지.",
        "en": "Attach your plan, budget sheet and photos. {types} · up to {size} a file · "
        "{n} files and {total} in all per application.",
    },
    "attach.save_first": {
        "ko": "신청서에 무엇이든 적으면 자동으로 임시 저장되고, 그다음 사업계획서, 예산서, 사진을 첨부할 수 있습니다.",
        "en": "Once anything is typed in the form it is saved as a draft; then attach your plan, budget sheet and photos to it.",
    },
    "attach.kind": {"ko": "어떤 파일인가요?", "en": "What is it?"},
    "attach.files": {"ko": "첨부할 파일", "en": "Files to attach"},
    "attach.files_help": {
        "ko": "여러 파일을 한꺼번에 고를 수 있습니다. 휴대전화에서는 사진을 바로 찍어 올릴 수도 있습니다.",
        "en": "You can choose several files at once; on a phone you can also take a photo.",
    },
    "attach.add": {"ko": "첨부하기", "en": "Attach"},
    "attach.choose_first": {
        "ko": "첨부할 파일을 먼저 고르세요.",
        "en": "Choose the files to attach first.",
    },
    "attach.added": {"ko": "첨부했습니다: {names}", "en": "Attached: {names}"},
    "attach.not_added": {
        "ko": "다음 파일은 첨부하지 않았습니다.",
        "en": "These files were not attached.",
    },
    "attach.none": {"ko": "첨부한 파일이 없습니다.", "en": "No files attached."},
    "attach.summary": {
        "ko": "파일 {n}개 · 모두 {total}",
        "en": "Files: {n} · {total} in all",
    },
    "attach.meta": {
        "ko": "{kind} · {type} · {size} · {when}",
        "en": "{kind} · {type} · {size} · {when}",
    },
    "attach.download": {"ko": "내려받기", "en": "Download"},
    "attach.remove": {"ko": "지우기", "en": "Remove"},
    "attach.removed": {"ko": "'{name}' 파일을 지웠습니다.", "en": "Removed '{name}'."},
    "attach.kept_as_sent": {
        "ko": "제출한 신청서의 파일은 보낸 그대로 남습니다.",
        "en": "A submitted application keeps its files as they were sent.",
    },
    "apply.files_of": {"ko": "{ref} 첨부 파일", "en": "Attachments of {ref}"},
}
