"""Messages: forming an organisation (legal forms, founding checklists, the rules)."""

MESSAGES: dict[str, dict[str, str]] = {
    "legal_form.cooperative": {"ko": "협동조합", "en": "General cooperative"},
    "legal_form.social_cooperative": {"ko": "사회적협동조합", "en": "Social cooperative"},
    "legal_form.nonprofit": {"ko": "비영리민간단체", "en": "Non-profit civil organisation"},
    "legal_form.social_enterprise": {"ko": "사회적기업", "en": "Social enterprise"},
    "phase.preparing": {"ko": "설립 준비", "en": "Preparing"},
    "phase.founding_meeting": {"ko": "창립총회", "en": "Founding meeting"},
    "phase.approval": {"ko": "신고·인가·등록", "en": "Report / authorisation"},
    "phase.registration": {"ko": "등기·사업자등록", "en": "Registration"},
    "phase.founded": {"ko": "설립 완료", "en": "Founded"},
    "formation.step.founders": {"ko": "발기인 모집 (5인 이상)", "en": "Founders (at least 5)"},
    "formation.step.bylaws": {"ko": "정관 작성", "en": "Bylaws drafted"},
    "formation.step.founding_meeting": {
        "ko": "창립총회 (7일 전 공고, 과반 출석, 2/3 찬성)",
        "en": "Founding general meeting (7 days' notice, majority present, 2/3 in favour)",
    },
    "formation.step.city_report": {
        "ko": "설립신고 (서울시)",
        "en": "Report to the city (establishment report)",
    },
    "formation.step.ministry_authorisation": {
        "ko": "설립인가 (주무부처)",
        "en": "Authorisation by the competent ministry",
    },
    "formation.step.capital_paid": {"ko": "출자금 납입", "en": "Share capital paid in"},
    "formation.step.court_registration": {
        "ko": "설립등기 (관할 등기소)",
        "en": "Registration at the court registry",
    },
    "formation.step.business_registration": {
        "ko": "사업자등록 (세무서)",
        "en": "Business registration (tax office)",
    },
    "formation.step.members": {
        "ko": "정회원 100명 이상 모집",
        "en": "At least 100 regular members",
    },
    "formation.step.activity_record": {
        "ko": "1년 이상 공익활동 실적",
        "en": "At least one year of public-interest activity",
    },
    "formation.step.registration": {
        "ko": "비영리민간단체 등록 (서울시)",
        "en": "Registration with the city",
    },
    "formation.step.legal_entity": {
        "ko": "조직 형태 갖추기 (법인·조합)",
        "en": "Legal entity in place (corporation or cooperative)",
    },
    "formation.step.paid_workers": {"ko": "유급 근로자 고용", "en": "Paid workers employed"},
    "formation.step.articles": {
        "ko": "정관·규약 (사회적 목적, 이해관계자 참여, 이윤 배분: 회사는 2/3 이상 사회적 목적에 사용)",
        "en": "Articles of association (social purpose, stakeholder say, profits: a company "
        "spends at least 2/3 on the social purpose)",
    },
    "formation.step.social_purpose": {
        "ko": "사회적 목적 실현 (일자리 제공·사회서비스 제공·지역사회 공헌 등)",
        "en": "Social purpose as the main aim (jobs, social services or community benefit)",
    },
    "formation.step.stakeholder_governance": {
        "ko": "이해관계자가 참여하는 의사결정 구조 (서비스 수혜자·근로자 등)",
        "en": "Decision-making with stakeholders (service users, workers)",
    },
    "formation.step.certification": {
        "ko": "사회적기업 인증 (고용노동부)",
        "en": "Social enterprise certification (Ministry of Employment and Labor)",
    },
    "formation.missing_step": {
        "ko": "먼저 끝내야 할 단계: {step}",
        "en": "First: {step}",
    },
    "formation.missing_order": {
        "ko": "앞 단계 '{step}'{step|이} {date}에 끝났으므로 그보다 앞선 날짜일 수 없습니다",
        "en": "'{step}' was done on {date}: this step cannot be dated earlier",
    },
    "formation.missing_founders": {
        "ko": "발기인 {have}명 (최소 {need}명 필요)",
        "en": "{have} founders ({need} needed)",
    },
    "formation.missing_notice_date": {
        "ko": "창립총회 공고일을 적어 주세요",
        "en": "The day the meeting was announced is not recorded",
    },
    "formation.missing_notice_days": {
        "ko": "공고 후 {have}일 만에 개최 (최소 {need}일 전 공고)",
        "en": "Announced {have} days ahead ({need} needed)",
    },
    "formation.missing_attendance": {
        "ko": "출석 인원을 적어 주세요",
        "en": "The attendance is not recorded",
    },
    "formation.missing_quorum": {
        "ko": "출석 {have}명 / 조합원 {eligible}명: 과반({need}명 이상) 출석이 필요합니다",
        "en": "{have} of {eligible} present: a majority ({need}) is needed",
    },
    "formation.missing_votes": {
        "ko": "찬성 인원을 적어 주세요",
        "en": "The votes in favour are not recorded",
    },
    "formation.missing_vote": {
        "ko": "찬성 {have}명 / 출석 {attendees}명: 3분의 2({need}명 이상) 찬성이 필요합니다",
        "en": "{have} of {attendees} in favour: two thirds ({need}) are needed",
    },
    "formation.missing_members": {
        "ko": "회원 {have}명 (최소 {need}명 필요)",
        "en": "{have} members ({need} needed)",
    },
    "formation.missing_activity": {
        "ko": "{since}부터 활동: {years}년 활동은 {ready}에 채워집니다",
        "en": "Active since {since}: {years} year of activity is reached on {ready}",
    },
    "formation.missing_workers": {
        "ko": "유급 근로자 {have}명 (최소 {need}명 필요, 연간 실적에 입력)",
        "en": "{have} paid workers ({need} needed; enter them in a yearly report)",
    },
    "formation.missing_business_start": {
        "ko": "사업자등록 후 {months}개월의 영업 실적이 필요합니다",
        "en": "{months} months of business after business registration are needed",
    },
    "formation.missing_business_months": {
        "ko": "영업 {months}개월은 {ready}에 채워집니다",
        "en": "{months} months of business are reached on {ready}",
    },
    "formation.missing_labour_costs": {
        "ko": "연간 실적에 노무비를 입력해 주세요 (영업수입이 노무비의 {need}% 이상이어야 합니다)",
        "en": "Enter the labour costs in a yearly report (business revenue must be at least "
        "{need}% of them)",
    },
    "formation.missing_revenue_labour": {
        "ko": "영업수입이 노무비의 {pct}% ({year}년, 최소 {need}% 필요)",
        "en": "Business revenue is {pct}% of labour costs ({year}; at least {need}% needed)",
    },
    "formation.standing_title": {"ko": "운영 요건", "en": "Standing requirements"},
    "formation.missing_public_benefit": {
        "ko": "공익사업 비중 {pct}% (최소 {need}% 필요, {year}년)",
        "en": "Public-benefit business {pct}% of the total (at least {need}% needed; {year})",
    },
    "formation.public_benefit_met": {
        "ko": "공익사업 비중 {pct}% (최소 {need}%, {year}년)",
        "en": "Public-benefit business {pct}% of the total (at least {need}%; {year})",
    },
    "formation.missing_public_benefit_report": {
        "ko": "공익사업 비중이 아직 보고되지 않았습니다 (최소 {need}% 필요, 연간 실적에 입력)",
        "en": "The public-benefit share is not reported yet (at least {need}% needed; enter "
        "it in a yearly report)",
    },
    "error.formation_step_not_ready": {
        "ko": "이 단계는 아직 완료로 표시할 수 없습니다:",
        "en": "This step cannot be marked done yet:",
    },
    "error.formation_unknown_step": {
        "ko": "이 법인 형태에는 '{step}' 단계가 없습니다.",
        "en": "This legal form has no step '{step}'.",
    },
    "error.formation_later_done": {
        "ko": "뒤 단계가 이미 완료되어 이 단계를 되돌릴 수 없습니다.",
        "en": "A later step is done: this one cannot be undone.",
    },
    "error.formation_after_later": {
        "ko": "뒤 단계가 {date}에 완료되었습니다. 이 단계의 완료일은 그보다 늦을 수 없습니다.",
        "en": "A later step was done on {date}: this step cannot be dated after it.",
    },
    "error.formation_negative": {
        "ko": "0 이상의 숫자를 적어 주세요.",
        "en": "Enter a number of 0 or more.",
    },
    "error.number_too_large": {
        "ko": "{max}보다 큰 수는 저장할 수 없습니다. 숫자를 확인해 주세요.",
        "en": "Numbers above {max} cannot be stored: check the figure.",
    },
    "error.formation_votes_over_attendees": {
        "ko": "찬성 인원이 출석 인원보다 많을 수 없습니다.",
        "en": "Votes in favour cannot exceed the members present.",
    },
    "error.formation_attendees_over_eligible": {
        "ko": "출석 인원이 조합원 수보다 많을 수 없습니다.",
        "en": "Members present cannot exceed the members entitled to vote.",
    },
    "error.unknown_legal_form": {
        "ko": "알 수 없는 법인 형태입니다: {value}",
        "en": "Unknown legal form: {value}",
    },
    "error.unknown_organisation": {
        "ko": "해당 조직을 찾을 수 없습니다 (번호 {id}).",
        "en": "No such organisation (id {id}).",
    },
    "error.organisation_share_price": {
        "ko": "1좌 금액은 0원보다 커야 합니다.",
        "en": "The price of a share must be above zero.",
    },
}
