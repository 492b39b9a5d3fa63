"""Messages: the annual call (rules, applications, review, decisions, grants, letters)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- vocabulary ---
    "role.applicant": {"ko": "공모 신청자", "en": "Applicant"},
    "applicant_type.resident_group": {"ko": "주민모임(3인 이상)", "en": "Resident group (3+)"},
    "applicant_type.civil_organisation": {
        "ko": "비영리민간단체",
        "en": "Non-profit civil organisation",
    },
    "applicant_type.nonprofit_corporation": {"ko": "비영리법인", "en": "Non-profit corporation"},
    "applicant_type.social_cooperative": {"ko": "사회적협동조합", "en": "Social cooperative"},
    "app_status.draft": {"ko": "작성 중", "en": "Draft"},
    "app_status.submitted": {"ko": "접수", "en": "Submitted"},
    "app_status.in_review": {"ko": "심사 중", "en": "In review"},
    "app_status.selected": {"ko": "선정", "en": "Selected"},
    "app_status.wait_listed": {"ko": "예비 선정", "en": "Wait-listed"},
    "app_status.rejected": {"ko": "미선정", "en": "Not selected"},
    "app_status.withdrawn": {"ko": "철회", "en": "Withdrawn"},
    "strategy.saving": {"ko": "절약", "en": "Saving"},
    "strategy.efficiency": {"ko": "효율 향상", "en": "Efficiency"},
    "strategy.production": {"ko": "생산(재생에너지)", "en": "Production (renewables)"},
    "action.led": {"ko": "LED 교체", "en": "LED lighting"},
    "action.insulation_windows": {"ko": "단열·창호 개선", "en": "Insulation and windows"},
    "action.balcony_solar": {"ko": "베란다 미니태양광", "en": "Balcony mini solar"},
    "action.rooftop_solar": {"ko": "지붕 태양광", "en": "Rooftop solar"},
    "action.energy_clinic": {"ko": "에너지 클리닉(가정 진단)", "en": "Energy clinic visits"},
    "action.eco_mileage": {"ko": "에코마일리지 가입", "en": "Eco-mileage sign-ups"},
    "action.education": {"ko": "교육·캠페인", "en": "Education"},
    "action.other": {"ko": "기타", "en": "Other"},
    "budget_line.rent": {"ko": "임차료", "en": "Rent"},
    "budget_line.training": {"ko": "교육비", "en": "Training"},
    "budget_line.equipment": {"ko": "장비·설비비", "en": "Equipment"},
    "budget_line.events": {"ko": "행사비", "en": "Events"},
    "budget_line.other": {"ko": "기타", "en": "Other"},
    "stage_name.written": {"ko": "서류 심사", "en": "Written review"},
    "stage_name.eligibility": {"ko": "자격 확인", "en": "Eligibility check"},
    "stage_name.interview": {"ko": "면접 심사", "en": "Interview"},
    "criterion.sustainability": {"ko": "지속가능성", "en": "Sustainability"},
    "criterion.publicness": {"ko": "공공성", "en": "Publicness"},
    "criterion.community": {"ko": "공동체성", "en": "Community"},
    "criterion.feasibility": {"ko": "실현 가능성", "en": "Feasibility"},
    "call_phase.upcoming": {"ko": "접수 전", "en": "Not open yet"},
    "call_phase.open": {"ko": "접수 중", "en": "Open"},
    "call_phase.closed": {"ko": "마감", "en": "Closed"},
    "decision.selected": {"ko": "선정", "en": "Select"},
    "decision.wait_listed": {"ko": "예비 선정", "en": "Wait-list"},
    "decision.rejected": {"ko": "미선정", "en": "Reject"},
    # --- call setup errors ---
    "call.err_year": {
        "ko": "공모 연도는 2012~2100년입니다.",
        "en": "The call year must be between 2012 and 2100.",
    },
    "call.err_dates": {
        "ko": "마감일이 접수 시작일보다 빠를 수 없습니다.",
        "en": "The call cannot close before it opens.",
    },
    "call.err_budget": {
        "ko": "총 예산은 0원보다 커야 합니다.",
        "en": "The total budget must be more than zero.",
    },
    "call.err_caps": {
        "ko": "1·2·3년차 지원 한도를 모두 0원보다 크게 정하세요.",
        "en": "Set a cap above zero for years 1, 2 and 3.",
    },
    "call.err_min_organisers": {
        "ko": "최소 주민 인원은 1명 이상입니다.",
        "en": "At least one organiser is required.",
    },
    "call.err_min_households": {
        "ko": "최소 참여 가구 수는 1가구 이상입니다.",
        "en": "The minimum households must be at least one.",
    },
    "call.err_applicant_types": {
        "ko": "신청 가능한 유형을 하나 이상 고르세요.",
        "en": "Choose at least one accepted applicant type.",
    },
    "call.err_stages": {
        "ko": "심사 단계를 하나 이상 고르세요.",
        "en": "Choose at least one review stage.",
    },
    "call.err_rubric": {
        "ko": "심사 기준을 하나 이상 고르고 가중치는 0보다 크게 정하세요.",
        "en": "Choose at least one criterion, each with a weight above zero.",
    },
    "call.err_renewal_coverage": {
        "ko": "연장 심사의 최소 측정률은 0~100%입니다.",
        "en": "The renewal coverage threshold is between 0 and 100%.",
    },
    "call.err_overlap": {
        "ko": "같은 해의 공모 '{title}'({opens}~{closes})와 기간이 겹칩니다.",
        "en": "This overlaps the same year's call '{title}' ({opens} to {closes}).",
    },
    "call.err_closed_rules_kept": {
        "ko": "마감된 공모의 규칙은 바꿀 수 없습니다. 당시 심사 기준이 그대로 남아야 합니다.",
        "en": "A closed call keeps the rules it was run by; they can no longer be changed.",
    },
    "call.err_unknown_call": {
        "ko": "공모 {call}{call|을} 찾을 수 없습니다.",
        "en": "There is no call {call}.",
    },
    "call.err_no_call_in_year": {
        "ko": "{year}년 공모가 없습니다.",
        "en": "There is no call in {year}.",
    },
    # --- application rules ---
    "call.err_required": {"ko": "꼭 입력해야 합니다.", "en": "This is required."},
    "call.err_applicant_type": {
        "ko": "이번 공모에서 신청할 수 없는 유형입니다.",
        "en": "This call does not accept this type of applicant.",
    },
    "call.err_organiser_name": {
        "ko": "{n}번째 주민의 이름을 적어 주세요.",
        "en": "Organiser {n}: give a name.",
    },
    "call.err_organiser_contact": {
        "ko": "{n}번째 주민의 연락처를 적어 주세요.",
        "en": "Organiser {n}: give a contact.",
    },
    "call.err_organiser_residence": {
        "ko": "{n}번째 주민이 해당 자치구에 살고 있음을 확인해 주세요.",
        "en": "Organiser {n}: confirm that they live in the district.",
    },
    "call.err_organiser_duplicate": {
        "ko": "{n}번째 주민이 앞에 적은 분과 같은 사람입니다. 서로 다른 주민이어야 합니다.",
        "en": "Organiser {n} is the same person as an earlier one: organisers must be different people.",
    },
    "call.err_organisers": {
        "ko": "서로 다른 주민 {min}명 이상(이름·연락처·거주 확인)이 필요합니다. 지금 {n}명입니다.",
        "en": "At least {min} different organisers are needed, each with a name, a contact and the residence declaration; there are {n}.",
    },
    "call.err_households": {
        "ko": "참여 가구가 부족합니다. 단독주택 {detached}가구 또는 공동주택 {apartment}가구 이상(섞인 경우 비율 합산)이어야 합니다.",
        "en": "Too few households: at least {detached} in detached housing or {apartment} in apartments (mixed villages count each in proportion).",
    },
    "call.err_households_negative": {
        "ko": "가구 수는 0 이상입니다.",
        "en": "Households cannot be negative.",
    },
    "call.err_actions": {
        "ko": "계획한 활동을 하나 이상 고르세요.",
        "en": "Choose at least one planned action.",
    },
    "call.err_action_other": {
        "ko": "'기타' 활동의 내용을 적어 주세요.",
        "en": "Describe the 'other' action.",
    },
    "call.err_target_range": {
        "ko": "목표 절감률은 0%보다 크고 100% 이하입니다.",
        "en": "The saving target is above 0% and at most 100%.",
    },
    "call.err_budget_empty": {
        "ko": "예산 항목을 하나 이상 적어 주세요.",
        "en": "Enter at least one budget line.",
    },
    "call.err_budget_over_cap": {
        "ko": "예산 합계 {total}원이 지원 한도 {cap}원을 넘습니다.",
        "en": "The budget total of KRW {total} is over the cap of KRW {cap}.",
    },
    "call.err_budget_line": {
        "ko": "예산 항목이 올바르지 않습니다.",
        "en": "Unknown or negative budget line.",
    },
    "call.err_budget_negative": {
        "ko": "예산은 0원 이상입니다.",
        "en": "A budget line cannot be negative.",
    },
    "call.err_too_many_organisers": {
        "ko": "주민은 {n}명까지 적을 수 있습니다.",
        "en": "At most {n} organisers.",
    },
    "call.err_not_eligible": {
        "ko": "신청 요건을 {n}가지 충족하지 못했습니다. 표시된 항목을 고쳐 주세요.",
        "en": "Rules of the call not met: {n}. See the marked fields.",
    },
    "call.err_not_open": {
        "ko": "이 공모는 지금 접수 기간이 아닙니다({opens}~{closes}).",
        "en": "This call is not open now ({opens} to {closes}).",
    },
    "call.err_not_draft": {
        "ko": "제출한 신청서는 고칠 수 없습니다.",
        "en": "A submitted application can no longer be changed.",
    },
    "call.err_already_decided": {
        "ko": "이미 결정된 신청서입니다.",
        "en": "This application has already been decided.",
    },
    "call.err_unknown_application": {
        "ko": "신청서 {ref}{ref|을} 찾을 수 없습니다.",
        "en": "There is no application {ref}.",
    },
    "call.err_committee_renews_own": {
        "ko": "주민위원회는 자기 마을의 연장 신청만 할 수 있습니다.",
        "en": "A committee applies only to renew its own village.",
    },
    "call.err_renewal_after_year3": {
        "ko": "3년 지원을 마친 마을은 연장 신청을 할 수 없습니다.",
        "en": "A village funded for three years cannot renew.",
    },
    # --- review ---
    "call.err_not_submitted": {
        "ko": "접수된 신청서만 심사를 시작할 수 있습니다.",
        "en": "Only a submitted application can enter review.",
    },
    "call.err_not_in_review": {
        "ko": "심사 중인 신청서가 아닙니다.",
        "en": "This application is not under review.",
    },
    "call.err_last_stage": {
        "ko": "마지막 심사 단계입니다.",
        "en": "This is the last review stage.",
    },
    "call.err_too_few_reviewers": {
        "ko": "심사위원이 {n}명 이상 필요합니다.",
        "en": "At least {n} reviewers are needed.",
    },
    "call.err_not_a_reviewer": {
        "ko": "심사위원 계정이 아닙니다.",
        "en": "That account is not a reviewer.",
    },
    "call.err_scored_assignment": {
        "ko": "이미 점수를 낸 심사위원은 뺄 수 없습니다.",
        "en": "A reviewer who has scored cannot be taken off.",
    },
    "call.err_already_declared": {
        "ko": "이해충돌 여부는 이미 밝혔습니다.",
        "en": "The conflict of interest is already declared.",
    },
    "call.err_conflict_note": {
        "ko": "이해충돌 내용을 간단히 적어 주세요.",
        "en": "Say briefly what the conflict is.",
    },
    "call.err_declare_first": {
        "ko": "신청서를 보기 전에 이해충돌 여부를 먼저 밝혀 주세요.",
        "en": "Declare any conflict of interest before seeing the application.",
    },
    "call.err_stage_closed": {
        "ko": "이 심사 단계는 끝났습니다.",
        "en": "This review stage is over.",
    },
    "call.err_empty_draft": {
        "ko": "아직 적은 내용이 없어 저장하지 않았습니다. 모임 이름부터 적어 주세요.",
        "en": "Nothing is typed yet, so nothing was saved: start with the group's name.",
    },
    "call.err_answer_conflict": {
        "ko": "이해충돌이 있는지 없는지 먼저 골라 주세요.",
        "en": "Say first whether you have a conflict of interest.",
    },
    "call.err_score_every_criterion": {
        "ko": "모든 심사 기준에 점수를 주세요.",
        "en": "Score every criterion.",
    },
    "call.err_score_range": {"ko": "점수는 0~{max}점입니다.", "en": "Scores are 0 to {max}."},
    # --- decisions and grants ---
    "call.err_unknown_decision": {
        "ko": "선정·예비 선정·미선정 중에서 고르세요.",
        "en": "Choose select, wait-list or reject.",
    },
    "call.err_cannot_decide": {
        "ko": "심사 중이거나 예비 선정·미선정된 신청서만 결정할 수 있습니다.",
        "en": "Only an application under review, wait-listed or rejected can be decided.",
    },
    "call.err_batch_empty": {
        "ko": "결정할 신청서를 하나 이상 고르세요.",
        "en": "Choose at least one application to decide.",
    },
    "call.err_batch_cannot_decide": {
        "ko": "{ref}: 심사 중이거나 예비 선정·미선정된 신청서만 결정할 수 있습니다. 아무것도 결정하지 않았습니다.",
        "en": "{ref}: only an application under review, wait-listed or rejected can be decided. "
        "Nothing was decided.",
    },
    "call.err_batch_one_call": {
        "ko": "한 번에 한 공모의 신청서만 결정할 수 있습니다.",
        "en": "Applications of one call only can be decided together.",
    },
    "call.err_batch_no_request": {
        "ko": "{ref}: 신청 예산이 없어 지원 금액을 정할 수 없습니다. 따로 결정하세요. 아무것도 결정하지 않았습니다.",
        "en": "{ref}: it requests no money, so it has no award to give; decide it on its own. "
        "Nothing was decided.",
    },
    "call.err_batch_over_budget": {
        "ko": "신청서 {n}건을 선정하면 {total}원이 필요하지만 남은 예산은 {remaining}원입니다. "
        "아무것도 결정하지 않았습니다.",
        "en": "Selecting these {n} applications would award KRW {total}, but only KRW "
        "{remaining} remains. Nothing was decided.",
    },
    "call.err_award_required": {
        "ko": "선정하려면 지원 금액을 적어 주세요.",
        "en": "A selection needs an award.",
    },
    "call.err_award_over_cap": {
        "ko": "지원 금액이 한도 {cap}원을 넘습니다.",
        "en": "The award is over the cap of KRW {cap}.",
    },
    "call.err_budget_exceeded": {
        "ko": "공모 예산이 부족합니다. 남은 예산은 {remaining}원입니다.",
        "en": "The call's budget would be over-committed: KRW {remaining} remains.",
    },
    "call.err_renewal_without_village": {
        "ko": "연장 신청에 마을이 없습니다.",
        "en": "This renewal names no village.",
    },
    "call.err_unknown_grant": {
        "ko": "지원금 {grant}{grant|을} 찾을 수 없습니다.",
        "en": "There is no grant {grant}.",
    },
    "call.err_amount_positive": {
        "ko": "금액은 0원보다 커야 합니다.",
        "en": "The amount must be above zero.",
    },
    "call.err_paid_over_award": {
        "ko": "지급액이 선정 금액을 넘습니다. 남은 금액은 {left}원입니다.",
        "en": "Payments would exceed the award: KRW {left} is left to pay.",
    },
    "call.err_spent_over_award": {
        "ko": "집행액 합계가 지원 금액을 넘습니다.",
        "en": "The spending adds up to more than the award.",
    },
    "call.err_not_a_renewal": {
        "ko": "연장(2·3년차) 신청이 아닙니다.",
        "en": "This is not a renewal (year 2 or 3).",
    },
    "call.err_format": {"ko": "형식은 csv 또는 xlsx입니다.", "en": "The format is csv or xlsx."},
    "call.err_signup_closed": {
        "ko": "지금은 가입할 수 없습니다.",
        "en": "Registration is not possible now.",
    },
}
