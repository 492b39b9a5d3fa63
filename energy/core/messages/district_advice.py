"""Messages: advice before applying (issue 27): the district officer's page, the group's
request and each section's thread on its form, the history staff and reviewers read, the
rules' refusals and the mail."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.advice": {"ko": "신청 전 조언", "en": "Advice before applying"},
    "advice.caption": {
        "ko": "우리 자치구 주민모임이 조언을 요청한 신청서 초안과, 자치구에서 제출된 신청서입니다. 항목마다 의견을 남기고 고칠 내용을 제안할 수 있습니다. 제출된 신청서의 기록은 읽기만 합니다.",
        "en": "Drafts whose groups in your district asked for advice, and every application submitted in your district. Comment on each section and suggest a change; the advice on a submitted application is read-only.",
    },
    "advice.none": {
        "ko": "아직 조언을 요청한 주민모임도, 자치구에서 제출된 신청서도 없습니다.",
        "en": "No group has asked for advice and nothing has been submitted in your district yet.",
    },
    "advice.pick": {"ko": "신청서", "en": "Application"},
    "advice.group": {"ko": "모임·마을", "en": "Group or village"},
    "advice.asked_col": {"ko": "조언 요청일", "en": "Advice asked"},
    "advice.waiting_col": {"ko": "답변", "en": "Answer"},
    "advice.waiting": {"ko": "답변 기다림", "en": "Waiting for you"},
    "advice.messages_col": {"ko": "글", "en": "Messages"},
    # --- the sections of the form and who wrote -----------------------------------------------
    "advice.section.basics": {"ko": "모임과 마을", "en": "Group and village"},
    "advice.section.organisers": {"ko": "함께하는 주민", "en": "Organisers"},
    "advice.section.plan": {"ko": "사업 계획", "en": "Plan"},
    "advice.section.budget": {"ko": "예산", "en": "Budget"},
    "advice.role.district": {"ko": "자치구", "en": "District office"},
    "advice.role.applicant": {"ko": "신청 모임", "en": "Applicant group"},
    "advice.author_district": {"ko": "{name} · 자치구", "en": "{name} · district office"},
    "advice.author_applicant": {"ko": "{name} · 신청 모임", "en": "{name} · applicant group"},
    # --- a thread ---------------------------------------------------------------------------
    "advice.households_n": {"ko": "{n}가구", "en": "{n} households"},
    "advice.suggests": {
        "ko": "**고칠 내용 제안** · {field}: {value}",
        "en": "**Suggested change** · {field}: {value}",
    },
    "advice.suggests_change": {
        "ko": "**고칠 내용 제안** · {field}: {now} → **{value}**",
        "en": "**Suggested change** · {field}: {now} → **{value}**",
    },
    "advice.suggests_block": {
        "ko": "**고칠 내용 제안** · {field}{field|을} 이렇게:",
        "en": "**Suggested change** · {field} to read:",
    },
    "advice.accepted_on": {
        "ko": "{when}에 신청서에 반영했습니다.",
        "en": "Taken into the draft on {when}.",
    },
    "advice.accept": {"ko": "이 제안 반영하기", "en": "Use this suggestion"},
    "advice.accepted": {
        "ko": "제안을 신청서에 반영했습니다. 아래 칸에서 확인하세요.",
        "en": "The suggestion is now in your draft: see the field below.",
    },
    "advice.asked_line": {"ko": "조언 요청 {when}", "en": "Advice asked {when}"},
    "advice.closed_line": {"ko": "조언 마침 {when}", "en": "done {when}"},
    "advice.question": {"ko": "**모임의 질문:** {note}", "en": "**The group's question:** {note}"},
    # --- staff and reviewers -----------------------------------------------------------------
    "advice.column": {"ko": "자치구 조언", "en": "District advice"},
    "advice.badge": {
        "ko": "자치구 {district} · 모임 {group}",
        "en": "district {district} · group {group}",
    },
    "advice.never_asked": {
        "ko": "이 모임은 자치구에 조언을 요청하지 않았습니다.",
        "en": "This group did not ask its district for advice.",
    },
    "advice.never_asked_help": {
        "ko": "조언 요청은 선택 사항입니다. 요청하지 않았다고 불리하지 않습니다.",
        "en": "Asking is optional: not asking counts for nothing.",
    },
    "advice.given_line": {
        "ko": "자치구 조언을 받았습니다 · 자치구 글 {district}개, 모임 글 {group}개",
        "en": "Advised by the district · {district} from the district, {group} from the group",
    },
    "advice.asked_only_line": {
        "ko": "자치구에 조언을 요청했습니다(자치구 글 {district}개) · 모임 글 {group}개",
        "en": "Asked the district for advice ({district} from the district) · {group} from the group",
    },
    # --- the group, on its form ----------------------------------------------------------------
    "advice.ask_title": {
        "ko": "{district}에 조언 요청하기(선택)",
        "en": "Ask {district} for advice (optional)",
    },
    "advice.ask_title_nodistrict": {
        "ko": "자치구에 조언 요청하기(선택)",
        "en": "Ask your district for advice (optional)",
    },
    "advice.ask_help": {
        "ko": "구청이나 마을센터 담당자가 초안을 읽고 항목마다 의견을 남기며, 고칠 내용을 제안하기도 합니다. 요청하지 않아도 심사에서 불리하지 않습니다.",
        "en": "An officer of your district office or village centre reads your draft, comments on each section and may suggest changes. Not asking costs you nothing in the review.",
    },
    "advice.asked_before": {
        "ko": "전에 {n}번 조언을 요청했습니다. 그 기록은 신청서 각 항목 밑에 남아 있습니다.",
        "en": "You asked for advice {n} time(s) before; it stays under each section of the form.",
    },
    "advice.choose_district_first": {
        "ko": "먼저 신청서에서 자치구를 고르세요.",
        "en": "Choose the district in the form first.",
    },
    "advice.ask_note": {
        "ko": "무엇이 궁금한가요? (선택)",
        "en": "What would you like advice on? (optional)",
    },
    "advice.ask": {"ko": "조언 요청하기", "en": "Ask for advice"},
    "advice.asked": {
        "ko": "{district}에 조언을 요청했습니다. 담당자의 의견은 각 항목 밑에 나타납니다.",
        "en": "You asked {district} for advice. The officer's comments will appear under each section.",
    },
    "advice.open_note": {
        "ko": "{when}에 {district}에 조언을 요청했습니다. 자치구의 의견은 위 신청서의 각 항목 밑에 나타나고, 그 자리에서 답할 수 있습니다.",
        "en": "You asked {district} for advice on {when}. The district's comments appear under each section of the form above; reply there.",
    },
    "advice.close": {"ko": "조언 마치기", "en": "Advice done"},
    "advice.closed": {
        "ko": "조언을 마쳤습니다. 기록은 남고, 필요하면 다시 요청할 수 있습니다.",
        "en": "The advice is marked done. It stays on record; you can ask again any time.",
    },
    "advice.beside_title": {"ko": "자치구 조언 · {section}", "en": "District advice · {section}"},
    "advice.reply": {"ko": "답글", "en": "Reply"},
    "advice.ask_section": {
        "ko": "자치구에 '{section}' 묻기",
        "en": "Ask the district about '{section}'",
    },
    "advice.write": {"ko": "이 항목에 의견 남기기", "en": "Comment on this section"},
    "advice.reply_placeholder": {
        "ko": "자치구에 답하거나 묻기",
        "en": "Answer or ask the district",
    },
    "advice.send_reply": {"ko": "보내기", "en": "Send"},
    "advice.replied": {"ko": "답글을 남겼습니다.", "en": "Reply sent."},
    # --- the officer ---------------------------------------------------------------------------
    "advice.read_only": {
        "ko": "신청서 상태: {status} · 조언 기록은 읽기만 할 수 있습니다.",
        "en": "Status: {status} · the advice is kept, read-only.",
    },
    "advice.not_open": {
        "ko": "이 초안의 조언은 마무리되었습니다. 모임이 다시 요청하면 의견을 남길 수 있습니다.",
        "en": "The advice on this draft is done. You can comment again if the group asks again.",
    },
    "advice.comment": {"ko": "의견", "en": "Comment"},
    "advice.suggest_field": {"ko": "고칠 칸 제안(선택)", "en": "Suggest a change to (optional)"},
    "advice.suggest_none": {"ko": "제안 없음", "en": "No suggestion"},
    "advice.suggest_value": {"ko": "제안하는 내용", "en": "Suggested value"},
    "advice.suggest_value_help": {
        "ko": "고른 칸에 들어갈 내용입니다. 가구 수·금액·절감률은 숫자로 적습니다. 모임은 이 제안을 한 번에 반영할 수 있습니다.",
        "en": "What the chosen field should hold: households, amounts and the saving target as numbers. The group can take it with one click.",
    },
    "advice.send": {"ko": "의견 보내기", "en": "Send comment"},
    "advice.sent": {"ko": "의견을 남겼습니다.", "en": "Comment sent."},
    "advice.no_organisers": {"ko": "아직 적은 주민이 없습니다.", "en": "No organisers named yet."},
    "advice.lives_yes": {"ko": "자치구 거주", "en": "lives in the district"},
    "advice.lives_no": {"ko": "거주 확인 안 함", "en": "residence not declared"},
    "advice.budget_total": {"ko": "합계", "en": "Total"},
    # --- refusals ------------------------------------------------------------------------------
    "advice.err_not_draft": {
        "ko": "조언은 제출하기 전의 초안에서만 주고받습니다. 이 신청서는 이미 제출되었거나 결정되었습니다.",
        "en": "Advice is given on drafts only: this application has been submitted or decided.",
    },
    "advice.err_not_asked": {
        "ko": "이 초안은 지금 조언을 요청한 상태가 아닙니다.",
        "en": "This draft has no open request for advice.",
    },
    "advice.err_no_district": {
        "ko": "조언을 요청하려면 먼저 신청서에서 자치구를 고르세요.",
        "en": "Choose the district in the form before asking for advice.",
    },
    "advice.err_already_asked": {
        "ko": "이미 조언을 요청했습니다. 자치구의 의견은 각 항목 밑에 나타납니다.",
        "en": "You have already asked; the district's comments appear under each section.",
    },
    "advice.err_field": {
        "ko": "제안할 수 없는 칸입니다.",
        "en": "That field cannot take a suggestion.",
    },
    "advice.err_value_empty": {
        "ko": "제안하는 내용을 적으세요.",
        "en": "Write the suggested value.",
    },
    "advice.err_value_number": {
        "ko": "이 칸에는 숫자를 적으세요.",
        "en": "This field takes a number.",
    },
    "advice.err_value_range": {
        "ko": "0부터 {max}까지의 정수를 적으세요.",
        "en": "Write a whole number from 0 to {max}.",
    },
    "advice.err_section": {
        "ko": "알 수 없는 신청서 항목입니다.",
        "en": "Unknown section of the form.",
    },
    "advice.err_body_empty": {"ko": "내용을 적으세요.", "en": "Write something first."},
    "advice.err_field_section": {
        "ko": "고른 칸은 이 항목에 속하지 않습니다.",
        "en": "That field belongs to another section.",
    },
    "advice.err_unknown": {
        "ko": "조언 글 {id}{id|을} 찾을 수 없습니다.",
        "en": "No advice message {id}.",
    },
    "advice.err_no_suggestion": {
        "ko": "이 글에는 제안이 없습니다.",
        "en": "This message suggests no change.",
    },
    "advice.err_already_accepted": {
        "ko": "이미 신청서에 반영한 제안입니다.",
        "en": "This suggestion is already in the draft.",
    },
    "advice.err_renewal_name": {
        "ko": "연장 신청은 마을 이름을 바꿀 수 없습니다.",
        "en": "A renewal keeps its village's name.",
    },
    "field.advice": {"ko": "조언", "en": "Advice"},
    "field.advice_note": {"ko": "조언 요청 내용", "en": "Question"},
    "field.advice_body": {"ko": "내용", "en": "Message"},
    "field.suggested_field": {"ko": "고칠 칸", "en": "Field"},
    "field.suggested_value": {"ko": "제안하는 내용", "en": "Suggested value"},
    "field.section": {"ko": "신청서 항목", "en": "Section"},
    # --- mail ----------------------------------------------------------------------------------
    "mail.kind.advice_asked": {"ko": "조언 요청", "en": "Advice asked"},
    "mail.kind.advice_given": {"ko": "자치구 조언", "en": "District advice"},
    "mail.kind.advice_replied": {"ko": "조언에 대한 답", "en": "Reply to advice"},
    "advice.mail_replied_subject": {
        "ko": "{group}{group|이} 신청서 {reference}의 조언에 답했습니다",
        "en": "{group} replied to your advice on application {reference}",
    },
    "advice.mail_replied_body": {
        "ko": "{group}{group|이} 신청서 초안 {reference}에 남긴 조언에 답했습니다. 초안의 각 항목에서 답을 읽고 이어서 조언할 수 있습니다.",
        "en": "{group} replied to your advice on their draft application {reference}. Read the replies under each section of the draft and advise further.",
    },
    "advice.mail_asked_subject": {
        "ko": "{group}{group|이} 신청서 {reference}에 조언을 요청했습니다",
        "en": "{group} asks for advice on application {reference}",
    },
    "advice.mail_asked_body": {
        "ko": "{group}{group|이} 공모 신청서 초안 {reference}{reference|을} 읽고 조언해 달라고 요청했습니다. 항목마다 의견을 남기고, 고칠 내용을 제안할 수 있습니다.",
        "en": "{group} asks you to read their draft application {reference} and advise them. You can comment on each section and suggest changes.",
    },
    "advice.mail_asked_note": {"ko": "모임의 질문: {note}", "en": "Their question: {note}"},
    "advice.mail_open_draft": {"ko": "초안 읽기", "en": "Read the draft"},
    "advice.mail_given_subject": {
        "ko": "자치구가 신청서 {reference}에 조언을 남겼습니다",
        "en": "Your district advised on application {reference}",
    },
    "advice.mail_given_body": {
        "ko": "자치구 담당자가 신청서 초안 {reference}에 의견을 남겼습니다. 신청서 각 항목 밑에서 읽고 답하거나, 제안된 내용을 한 번에 반영할 수 있습니다.",
        "en": "An officer of your district commented on your draft application {reference}. Read the comments under each section of the form, reply there, or take a suggested change with one click.",
    },
    "advice.mail_open_application": {"ko": "신청서 열기", "en": "Open the application"},
}
