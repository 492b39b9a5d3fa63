"""Messages: organisations' registers (members, capital, board, assets, yearly work)."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.organisation_member_kind": {
        "ko": "알 수 없는 회원 구분입니다: {value}",
        "en": "Unknown kind of member: {value}",
    },
    "error.organisation_board_role": {
        "ko": "알 수 없는 임원 직위입니다.",
        "en": "Unknown board seat.",
    },
    "error.organisation_paid_over_pledged": {
        "ko": "납입 좌수가 약정 좌수보다 많을 수 없습니다.",
        "en": "Shares paid cannot exceed shares pledged.",
    },
    "error.organisation_unknown_household": {
        "ko": "이 마을에 가구 코드 {code}가 없습니다.",
        "en": "This village has no household {code}.",
    },
    "error.organisation_unknown_member": {
        "ko": "해당 회원을 찾을 수 없습니다 (번호 {id}).",
        "en": "No such member (id {id}).",
    },
    "error.organisation_left_before_joined": {
        "ko": "탈퇴일은 가입일보다 앞설 수 없습니다.",
        "en": "A member cannot leave before joining.",
    },
    "error.organisation_capacity": {
        "ko": "설비 용량(kW)은 0보다 커야 합니다.",
        "en": "The capacity (kW) must be above zero.",
    },
    "error.organisation_unknown_figure": {
        "ko": "알 수 없는 실적 항목입니다.",
        "en": "Unknown figure.",
    },
    "error.organisation_public_benefit_pct": {
        "ko": "공익사업 비중은 0에서 100(%) 사이여야 합니다.",
        "en": "The public-benefit share must be between 0 and 100 (%).",
    },
    "error.organisation_unknown_organiser": {
        "ko": "해당 활동가를 신청서에서 찾을 수 없습니다.",
        "en": "No such organiser on a sent-in application.",
    },
    "error.organisation_organiser_other_village": {
        "ko": "{name} 님은 다른 마을 신청서의 활동가입니다. 이 조직 마을의 활동가만 연결할 수 있습니다.",
        "en": "{name} is an organiser of another village's application: only this village's "
        "organisers can be linked.",
    },
    "error.organisation_organiser_member": {
        "ko": "{name} 님은 이미 회원({member})으로 연결되어 있습니다.",
        "en": "{name} is already linked to a member ({member}).",
    },
    "error.organisation_organiser_twice": {
        "ko": "같은 활동가를 두 회원에게 연결할 수 없습니다.",
        "en": "One organiser cannot be linked to two members.",
    },
    "error.organisation_year": {
        "ko": "연도는 2012년부터 {last}년 사이여야 합니다.",
        "en": "The year must be between 2012 and {last}.",
    },
}
