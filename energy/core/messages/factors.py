"""Messages: conversion factors and tariffs."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.unknown_factor": {
        "ko": "알 수 없는 환산계수입니다: {key}",
        "en": "Unknown conversion factor: {key}",
    },
    "error.factor_exists": {
        "ko": "이 항목에는 같은 적용일의 값이 이미 있습니다. 다른 적용일을 고르세요.",
        "en": "There is already a value from that date: choose another date.",
    },
    "error.positive": {"ko": "0보다 큰 값을 입력하세요.", "en": "Enter a value above zero."},
    "error.unknown_carrier": {
        "ko": "알 수 없는 에너지원입니다: {carrier}",
        "en": "Unknown energy carrier: {carrier}",
    },
    "error.tariff_tiers_last": {
        "ko": "요금 단계는 위에서부터 상한이 커져야 하고, 마지막 단계만 상한이 없어야 합니다.",
        "en": "Tiers go from the lowest limit up, and only the last tier has no limit.",
    },
    "error.tariff_tiers_order": {
        "ko": "각 단계의 상한은 앞 단계보다 커야 합니다.",
        "en": "Each tier's limit must be above the one before it.",
    },
    "error.tariff_rate": {
        "ko": "부가세와 부담금은 0에서 100% 미만 사이의 비율로 입력하세요.",
        "en": "Enter VAT and the levy as rates from 0 up to (not including) 100%.",
    },
    "error.tariff_summer_months": {
        "ko": "여름 요금을 쓰는 달을 1~12월 중에서 고르세요.",
        "en": "Choose the months (1-12) in which the summer tiers apply.",
    },
    "page.factors": {"ko": "환산계수·요금", "en": "Factors and tariffs"},
    "factors.caption": {
        "ko": "절감량을 석유환산톤(TOE)·온실가스(tCO2)·원으로 바꾸는 값입니다. 새 값은 적용일부터 쓰이고, 예전 값은 그대로 남습니다.",
        "en": "The values that turn savings into TOE, tCO2 and won. A new value applies from its date; earlier values stay as they were.",
    },
    "factors.factors": {"ko": "환산계수", "en": "Conversion factors"},
    "factors.tariffs": {"ko": "요금", "en": "Tariffs"},
    "factors.key": {"ko": "계수", "en": "Factor"},
    "factors.value": {"ko": "값", "en": "Value"},
    "factors.basis": {"ko": "기준", "en": "Basis"},
    "factors.valid_from": {"ko": "적용일", "en": "Valid from"},
    "factors.source": {"ko": "출처", "en": "Source"},
    "factors.source_help": {
        "ko": "고시·보고서 이름과 발표일을 적어 주세요.",
        "en": "Name the notice or report and when it was published.",
    },
    "factors.one_factor_note": {
        "ko": "한 비교(기준량과 실제량)에는 기간 끝날 기준의 계수 하나만 씁니다. 새 계수가 절감으로 보이는 일은 없습니다.",
        "en": "A comparison (baseline against actual) uses one factor, the one valid at the period's end, so a new factor never shows up as a saving.",
    },
    "factors.add_factor": {"ko": "새 환산계수 값 추가", "en": "Add a new factor value"},
    "factors.add_tariff": {"ko": "새 요금 추가", "en": "Add a new tariff"},
    "factors.add_submit": {"ko": "추가", "en": "Add"},
    "factors.added": {"ko": "{key}의 새 값을 추가했습니다.", "en": "Added a new value for {key}."},
    "factors.tariff_added": {
        "ko": "{carrier} 요금을 추가했습니다.",
        "en": "Added a {carrier} tariff.",
    },
    "factors.price": {"ko": "단가(원)", "en": "Price (KRW)"},
    "factor.electricity.toe": {
        "ko": "전기 → TOE (소비 기준)",
        "en": "Electricity to TOE (consumption)",
    },
    "factor.solar.toe": {"ko": "태양광 → TOE (발전 기준)", "en": "Solar to TOE (generation)"},
    "factor.gas.toe": {"ko": "도시가스 → TOE", "en": "City gas to TOE"},
    "factor.gas.mj_per_m3": {"ko": "도시가스 열량(MJ/Nm³)", "en": "City gas calorific value"},
    "factor.heat.toe": {"ko": "지역난방 → TOE", "en": "District heat to TOE"},
    "factor.electricity.co2": {"ko": "전력 배출계수", "en": "Grid emission factor"},
    "factor.gas.co2": {"ko": "도시가스 배출계수", "en": "City gas emission factor"},
}
