"""Messages: the mail of the annual call (a reviewer's assignment, an applicant's receipt,
decision and grant instalments) and the decision letter's conditions and contact line."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- a reviewer's new assignment ---
    "mail_call.assignment_subject": {
        "ko": "심사 배정: 신청서 {reference}",
        "en": "New review: application {reference}",
    },
    "mail_call.assignment_body": {
        "ko": "{call} 신청서 {reference}의 {stage}에 심사위원으로 배정되셨습니다.",
        "en": "Application {reference} to {call} has been assigned to you for the {stage} stage.",
    },
    "mail_call.assignment_conflict": {
        "ko": "심사 화면에서 먼저 이해충돌 여부를 밝혀 주세요. 마을 이름과 신청 내용은 그다음에 보입니다.",
        "en": "On the review page, first declare whether you have a conflict of interest; the village's name and the application show after that.",
    },
    "mail_call.assignment_link": {"ko": "심사 화면 열기", "en": "Open the review"},
    # --- an applicant's receipt ---
    "mail_call.receipt_subject": {
        "ko": "신청서 {reference} 접수 확인",
        "en": "Application {reference} received",
    },
    "mail_call.receipt_body": {
        "ko": "{group}의 {call} 신청서를 {when}에 접수했습니다. 접수 번호는 {reference}입니다.",
        "en": "We received {group}'s application to {call} on {when}. Its reference is {reference}.",
    },
    "mail_call.receipt_next": {
        "ko": "다음 단계: 담당 부서가 공모 요건을 확인한 뒤 심사위원이 심사합니다. 결과가 정해지면 결과 통지서와 함께 전자우편으로 알려 드립니다. 그때까지 내 신청 화면에서 진행 상황을 보거나 신청을 철회할 수 있습니다.",
        "en": "What happens next: staff check the application against the call's rules, then reviewers score it. Once it is decided, you get the decision by e-mail with the decision letter. Until then you can follow the application, or withdraw it, on your applications page.",
    },
    "mail_call.open_application": {"ko": "내 신청 열기", "en": "Open my application"},
    # --- an applicant's decision ---
    "mail_call.decision_subject": {
        "ko": "신청서 {reference} 심사 결과: {decision}",
        "en": "Decision on application {reference}: {decision}",
    },
    "mail_call.decision_selected": {
        "ko": "{call}에 낸 {village} 신청서({reference})가 선정되었습니다. 지원 금액은 {award}입니다.",
        "en": "The application for {village} to {call} ({reference}) has been selected, with an award of {award}.",
    },
    "mail_call.decision_wait_listed": {
        "ko": "{call}에 낸 {village} 신청서({reference})는 예비 선정되었습니다. 예산이 생기면 순위에 따라 연락드리겠습니다.",
        "en": "The application for {village} to {call} ({reference}) has been wait-listed. Should budget become available, we will contact you in order of ranking.",
    },
    "mail_call.decision_rejected": {
        "ko": "{call}에 낸 {village} 신청서({reference})는 아쉽게도 이번에 선정되지 않았습니다.",
        "en": "We regret that the application for {village} to {call} ({reference}) has not been selected this year.",
    },
    "mail_call.decision_instalments": {
        "ko": "지원금은 나누어 지급하며, 지급할 때마다 전자우편으로 알려 드립니다.",
        "en": "The award is paid in instalments; each payment is announced by e-mail.",
    },
    "mail_call.decision_letter": {
        "ko": "결과 통지서를 PDF 파일로 첨부합니다. 내 신청 화면에서도 읽을 수 있습니다.",
        "en": "The decision letter is attached as a PDF; you can also read it on your applications page.",
    },
    "mail_call.read_letter": {"ko": "통지서 보기", "en": "Read the letter"},
    # --- grant instalments ---
    "mail_call.instalment_subject": {
        "ko": "{village} 지원금 {n}차 지급",
        "en": "{village}: grant instalment {n} paid",
    },
    "mail_call.instalment_body": {
        "ko": "{call}에 따른 {village} 지원금의 {n}차 분 {amount}{amount|을} {date}에 지급했습니다.",
        "en": "Instalment {n} of {village}'s grant from {call}, {amount}, was paid on {date}.",
    },
    "mail_call.instalment_total": {
        "ko": "지원 금액 {award} 가운데 지금까지 {paid}{paid|을} 지급했고, 남은 금액은 {left}입니다.",
        "en": "Paid so far: {paid} of the {award} awarded; {left} left.",
    },
    "mail_call.instalment_note": {"ko": "지급 메모: {note}", "en": "Note: {note}"},
    "mail_call.instalment_conditions": {
        "ko": "지원금은 신청서의 예산 항목에 맞게 쓰고 영수증을 보관해 주세요. 사업 연도가 끝나면 예산 항목별 지출 보고서를 이 시스템에 제출하며, 다음 해 재신청 심사에서 이 보고서를 확인합니다.",
        "en": "Spend the grant on the budget lines of the application and keep the receipts: at the end of the programme year the spending report by budget line is filed in this system, and a renewal is judged with it.",
    },
    "mail_call.open_grants": {"ko": "지원금 보기", "en": "See the grant"},
    # --- the decision letter ---
    "letter.conditions": {
        "ko": "지원금은 사업 진행에 따라 나누어 지급하며, 지급할 때마다 전자우편으로 알려 드립니다. 지원금은 신청서의 예산 항목에 맞게 쓰고, 사업 연도가 끝나면 예산 항목별 지출 보고서를 제출해 주십시오. 다음 해 재신청 때에는 에너지 절감 실적, 교육 이수, 지출 보고서를 함께 봅니다.",
        "en": "The award is paid in instalments as the work goes ahead; each payment is announced by e-mail. Spend it on the budget lines of your application and, at the end of the programme year, file a spending report by budget line. A renewal next year is judged on the energy saved, the training done and that report.",
    },
    "letter.contact": {
        "ko": "문의: 서울특별시 에너지자립마을 담당 부서(다산콜센터 120). 문의하실 때 접수 번호 {reference}{reference|을} 알려 주십시오.",
        "en": "Questions: the Energy Self-Reliant Villages team of the Seoul Metropolitan Government (Dasan call centre, 120). Please give your reference, {reference}.",
    },
}
