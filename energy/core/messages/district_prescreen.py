"""Messages: pre-screening by the district office (issue 27), the organisers' declaration
about public bodies, the flags staff see, and the eligibility checks beside them."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the officer's page -------------------------------------------------------------------
    "prescreen.page": {"ko": "사전 검토", "en": "Pre-screening"},
    "prescreen.caption": {
        "ko": "시의 심사 전에, 우리 자치구 신청서마다 함께하는 주민을 직접 만났는지, 마을에 사는지, "
        "우려할 점이 있는지 적어 주세요. 시 담당자가 자격 확인 옆에서 읽습니다.",
        "en": "Before the city's review: for each application from your district, record "
        "whether you met the organisers in person, whether they live in the village area, and "
        "any concern. City staff read it beside the eligibility checks.",
    },
    "prescreen.none": {
        "ko": "우리 자치구에서 제출된 신청서가 아직 없습니다. 작성 중인 신청서는 제출된 뒤에 "
        "사전 검토합니다.",
        "en": "No application from your district has been submitted yet. A draft is "
        "pre-screened once it is submitted.",
    },
    "prescreen.counts": {
        "ko": "사전 검토할 신청서 {open}건 중 {done}건 완료",
        "en": "{done} of {open} applications open to pre-screening done",
    },
    "prescreen.pick": {"ko": "신청서", "en": "Application"},
    "prescreen.state_open": {"ko": "사전 검토 전", "en": "not pre-screened"},
    "prescreen.state_done": {"ko": "사전 검토: {verdict}", "en": "pre-screened: {verdict}"},
    "prescreen.submitted_on": {
        "ko": "{group} · {date} 제출 · {status} · {state}",
        "en": "{group} · submitted {date} · {status} · {state}",
    },
    "prescreen.organisers": {"ko": "함께하는 주민", "en": "Organisers"},
    "prescreen.organiser_line": {
        "ko": "{n}. {name} · {contact} · {lives}",
        "en": "{n}. {name} · {contact} · {lives}",
    },
    "prescreen.says_lives": {"ko": "자치구에 산다고 적음", "en": "says they live in the district"},
    "prescreen.says_not_lives": {
        "ko": "자치구 거주를 적지 않음",
        "en": "does not say they live in the district",
    },
    "prescreen.declared_none": {
        "ko": "함께하는 주민 중 공공기관을 위해 일하는 사람이 없다고 선언했습니다.",
        "en": "The organisers declared that none of them acts for a public body.",
    },
    "prescreen.declared_link": {
        "ko": "신청자가 밝힌 공공기관과의 관련: {link}",
        "en": "A link to a public body named by the organisers: {link}",
    },
    "prescreen.not_declared": {
        "ko": "공공기관 관련 여부를 선언하지 않았습니다.",
        "en": "No declaration about public bodies.",
    },
    "prescreen.show_application": {"ko": "신청서 내용 보기", "en": "Read the application"},
    "prescreen.form_title": {"ko": "사전 검토 기록", "en": "Your pre-screen"},
    "prescreen.met_question": {
        "ko": "함께하는 주민을 직접 만났나요?",
        "en": "Did you meet the organisers in person?",
    },
    "prescreen.met.all": {"ko": "모두 만났습니다", "en": "Yes, all of them"},
    "prescreen.met.some": {"ko": "일부만 만났습니다", "en": "Some of them"},
    "prescreen.met.none": {"ko": "만나지 못했습니다", "en": "None of them"},
    "prescreen.lives_question": {
        "ko": "함께하는 주민이 마을에 사나요?",
        "en": "Do they live in the village area?",
    },
    "prescreen.lives.all": {"ko": "모두 삽니다", "en": "All of them"},
    "prescreen.lives.some": {"ko": "일부만 삽니다", "en": "Some of them"},
    "prescreen.lives.none": {"ko": "아무도 살지 않습니다", "en": "None of them"},
    "prescreen.lives.unknown": {"ko": "확인하지 못했습니다", "en": "Could not check"},
    "prescreen.verdict_question": {"ko": "시에 전하는 의견", "en": "Your verdict for the city"},
    "prescreen.verdict.no_concerns": {"ko": "우려 없음", "en": "No concerns"},
    "prescreen.verdict.concerns": {"ko": "우려 있음", "en": "Concerns"},
    "prescreen.verdict.could_not_verify": {"ko": "확인 불가", "en": "Could not verify"},
    "prescreen.note": {
        "ko": "설명 ('우려 있음'·'확인 불가'라면 꼭 적어 주세요)",
        "en": "In your words (needed for 'concerns' or 'could not verify')",
    },
    "prescreen.note_placeholder": {
        "ko": "예: 3월 5일 주민센터에서 주민 세 명을 만났습니다. 모두 연남동에 삽니다.",
        "en": "e.g. Met the three organisers at the community centre on 5 March; all live in "
        "Yeonnam-dong.",
    },
    "prescreen.save": {"ko": "사전 검토 저장", "en": "Save the pre-screen"},
    "prescreen.revise": {"ko": "고쳐서 저장", "en": "Save the changes"},
    "prescreen.saved": {
        "ko": "{ref} 사전 검토를 저장했습니다.",
        "en": "The pre-screen of {ref} is saved.",
    },
    "prescreen.closed": {
        "ko": "결정된 신청서({status})의 사전 검토는 더 바꿀 수 없습니다.",
        "en": "This application is decided ({status}): its pre-screen can no longer change.",
    },
    "prescreen.recorded": {"ko": "{who} · {when}", "en": "{who} · {when}"},
    "prescreen.history": {"ko": "이전 기록 {n}건", "en": "Earlier versions ({n})"},
    "prescreen.summary_line": {
        "ko": "직접 만남: {met} · 마을 거주: {lives}",
        "en": "Met in person: {met} · Live in the area: {lives}",
    },
    # --- errors -------------------------------------------------------------------------------
    "prescreen.err_choose": {"ko": "하나를 골라 주세요.", "en": "Choose one."},
    "prescreen.err_note_needed": {
        "ko": "'우려 있음'이나 '확인 불가'라면 시가 판단할 수 있게 이유를 적어 주세요.",
        "en": "For 'concerns' or 'could not verify', say why, so that the city can weigh it.",
    },
    "prescreen.err_decided": {
        "ko": "결정된 신청서는 사전 검토할 수 없습니다.",
        "en": "A decided application can no longer be pre-screened.",
    },
    "prescreen.err_declaration": {
        "ko": "함께하는 주민 중 공공기관(구청·주민센터·마을센터·서울시 등)을 위해 일하는 사람이 없음을 "
        "선언해 주세요. 관련이 있다면 아래에 밝히고 선언하면 됩니다.",
        "en": "Declare that none of the organisers acts for a public body (a district office, "
        "a community centre, a village centre, the city ...). If one does, name the link below "
        "and declare.",
    },
    # --- the applicant's form -----------------------------------------------------------------
    "prescreen.declare_title": {"ko": "공공기관과의 관련", "en": "Links to public bodies"},
    "prescreen.declare": {
        "ko": "함께하는 주민 중 공공기관(구청, 동 주민센터, 마을센터, 서울시와 그 기관)을 위해 일하거나 "
        "그 대리로 활동하는 사람이 없음을 선언합니다. 관련이 있으면 아래에 밝힙니다.",
        "en": "We declare that none of the organisers works for or acts on behalf of a public "
        "body (a district office, a community centre, a village centre, Seoul City or its "
        "agencies), except as named below.",
    },
    "prescreen.link": {
        "ko": "공공기관과의 관련 (있을 때만)",
        "en": "A link to a public body (only if there is one)",
    },
    "prescreen.link_help": {
        "ko": "예: 주민 한 명이 구 마을공동체지원센터에서 시간제로 일합니다. 밝힌 관련은 시 "
        "담당자가 살펴보며, 그것만으로 탈락하지는 않습니다.",
        "en": "e.g. one organiser works part-time at the district's village community centre. "
        "City staff look at a named link; it does not by itself rule the application out.",
    },
    # --- staff: the checks, the flags and the pre-screen beside them --------------------------
    "prescreen.checks_title": {"ko": "자격 확인", "en": "Eligibility checks"},
    "prescreen.check.applicant_type": {"ko": "신청 단체 유형", "en": "Type of applicant accepted"},
    "prescreen.check.details": {
        "ko": "단체·마을·자치구 정보",
        "en": "Group, village and district given",
    },
    "prescreen.check.organisers": {
        "ko": "함께하는 주민 {n}명 이상, 모두 자치구 거주",
        "en": "At least {n} organisers, all living in the district",
    },
    "prescreen.check.households": {
        "ko": "참여 가구 (단독 {detached} / 공동주택 {apartment}가구 기준)",
        "en": "Households (detached {detached} / apartment {apartment})",
    },
    "prescreen.check.plan": {"ko": "전략·활동·절감 목표", "en": "Strategy, actions and target"},
    "prescreen.check.budget": {
        "ko": "예산 상한 {cap} 이내",
        "en": "Budget within the cap of {cap}",
    },
    "prescreen.check.public_body": {
        "ko": "공공기관 관련 없음 선언",
        "en": "Declared: no organiser acts for a public body",
    },
    "prescreen.flagged": {
        "ko": "공공기관 관련: 확인 필요 ({n}건)",
        "en": "Link to a public body: to check ({n})",
    },
    "prescreen.flag_note": {
        "ko": "탈락 사유가 아니라 확인할 점입니다. 판단은 담당자가 합니다.",
        "en": "A point to check, not a rejection: staff decide.",
    },
    "prescreen.flag.declared": {
        "ko": "신청자가 밝힌 관련: {link}",
        "en": "Named by the group: {link}",
    },
    "prescreen.flag.official_contact": {
        "ko": "주민 {n}({name})의 연락처가 공무원 계정의 이메일과 같습니다: {official} · "
        "{role}{district}",
        "en": "Organiser {n} ({name}) is reached at the e-mail of an official's account: "
        "{official} · {role}{district}",
    },
    "prescreen.flag.official_name": {
        "ko": "주민 {n}({name})의 이름이 이 자치구 담당 공무원과 같습니다: {official} "
        "(동명이인일 수 있음)",
        "en": "Organiser {n} ({name}) has the name of an officer of this district: {official} "
        "(may be someone else of the same name)",
    },
    "prescreen.flag.public_domain": {
        "ko": "주민 {n}({name}){name|이} 공공기관 메일 주소({domain})를 적었습니다.",
        "en": "Organiser {n} ({name}) gave a public body's mail address ({domain}).",
    },
    "prescreen.flag_district": {"ko": ", {district}", "en": ", {district}"},
    "prescreen.district_title": {
        "ko": "{district} 사전 검토",
        "en": "Pre-screen by {district}",
    },
    "prescreen.district_title_none": {"ko": "자치구 사전 검토", "en": "District pre-screen"},
    "prescreen.not_yet": {
        "ko": "자치구가 아직 사전 검토하지 않았습니다.",
        "en": "The district has not pre-screened it yet.",
    },
    "prescreen.col_prescreen": {"ko": "사전 검토", "en": "Pre-screen"},
    "prescreen.col_flags": {"ko": "공공기관 관련", "en": "Public body"},
    "prescreen.col_flags_n": {"ko": "⚑ 확인 {n}건", "en": "⚑ {n} to check"},
}
