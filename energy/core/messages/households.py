"""Messages: households and their installed generation."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.household_code_format": {
        "ko": "가구 코드 '{code}'{code|은} 쓸 수 없습니다. 영문자로 시작하는 영문·숫자·하이픈 32자 이내(예: H-007)로 정하고, 이름이나 주소는 쓰지 마세요.",
        "en": "'{code}' cannot be a household code: use up to 32 letters, digits or hyphens starting with a letter (e.g. H-007), never a name or an address.",
    },
    "error.household_code_taken": {
        "ko": "가구 코드 '{code}'{code|은} 이 마을에 이미 있습니다.",
        "en": "This village already has a household '{code}'.",
    },
    "error.unknown_household": {
        "ko": "'{code}' 가구가 이 마을에 없습니다.",
        "en": "There is no household '{code}' in this village.",
    },
    "error.unknown_floor_area": {
        "ko": "면적 구간을 목록에서 고르세요.",
        "en": "Choose a floor-area band from the list.",
    },
    "error.occupants_range": {
        "ko": "가구원 수는 1~20명입니다.",
        "en": "Occupants must be between 1 and 20.",
    },
    "error.left_before_joined": {
        "ko": "탈퇴일이 참여일보다 앞설 수 없습니다.",
        "en": "A household cannot leave before it joined.",
    },
    "error.unknown_generation_kind": {
        "ko": "발전 설비는 베란다 태양광 또는 지붕 태양광입니다.",
        "en": "Generation is balcony solar or rooftop solar.",
    },
    "generation.balcony_solar": {"ko": "베란다 태양광", "en": "Balcony solar"},
    "generation.rooftop_solar": {"ko": "지붕 태양광", "en": "Rooftop solar"},
    "carrier.electricity": {"ko": "전기", "en": "Electricity"},
    "carrier.gas": {"ko": "도시가스", "en": "City gas"},
    "carrier.water": {"ko": "수도", "en": "Water"},
    "carrier.heat": {"ko": "지역난방", "en": "District heating"},
    "carrier.solar": {"ko": "태양광 발전", "en": "Solar generation"},
    "field.household": {"ko": "가구 코드", "en": "Household"},
    "field.floor_area_band": {"ko": "면적(㎡)", "en": "Floor area (m²)"},
    "field.occupants": {"ko": "가구원 수", "en": "Occupants"},
    "field.joined_on": {"ko": "참여일", "en": "Joined"},
    "field.left_on": {"ko": "탈퇴일", "en": "Left"},
    "field.kind": {"ko": "설비 종류", "en": "Kind"},
    "field.watts_per_unit": {"ko": "설비 용량(W)", "en": "Capacity (W)"},
    "field.installed_on": {"ko": "설치일", "en": "Installed"},
}
