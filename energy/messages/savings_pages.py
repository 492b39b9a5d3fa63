"""Messages: the savings screen, renewables and the staff results."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.savings": {"ko": "절감 성과", "en": "Savings"},
    "savings.caption": {
        "ko": "우리 마을이 얼마나 아꼈는지, 무엇과 비교했는지, 자료가 얼마나 채워졌는지 함께 보여 드립니다.",
        "en": "What the village saved, against which baseline, and how complete the data behind it is.",
    },
    "savings.from": {"ko": "시작 월", "en": "From"},
    "savings.to": {"ko": "끝 월", "en": "To"},
    "savings.method": {"ko": "계산 방식", "en": "Method"},
    "savings.result": {"ko": "{name}: {start} ~ {end}", "en": "{name}: {start} to {end}"},
    "savings.saved_amount": {"ko": "{amount} {unit} 절감", "en": "{amount} {unit} saved"},
    "savings.used_more": {"ko": "{amount} {unit} 더 사용", "en": "{amount} {unit} more used"},
    "savings.toe": {"ko": "석유환산 절감량", "en": "Saved (oil equivalent)"},
    "savings.tco2": {"ko": "온실가스 감축량", "en": "CO2 avoided"},
    "savings.krw": {"ko": "아낀 요금", "en": "Money saved"},
    "savings.krw_help": {
        "ko": "절감량에 '환산계수·요금'의 단가를 곱한 값입니다.",
        "en": "The saving priced at the tariffs under 'Factors and tariffs'.",
    },
    "savings.factors_used": {"ko": "사용한 계수: {factors}", "en": "Factors used: {factors}"},
    "savings.tab_chart": {"ko": "월별 비교", "en": "Month by month"},
    "savings.tab_renewables": {"ko": "태양광", "en": "Solar"},
    "savings.tab_rounds": {"ko": "에코마일리지 회차", "en": "Eco-mileage rounds"},
    "savings.baseline": {"ko": "기준 사용량", "en": "Baseline"},
    "savings.actual": {"ko": "실제 사용량", "en": "Actual"},
    "savings.chart_note": {
        "ko": "비교 가능한 칸(실제값과 기준값이 모두 있는 가구·월)만 더했습니다.",
        "en": "Only cells with both an actual and a baseline value (household-months) are added up.",
    },
    "savings.round_year": {"ko": "연도", "en": "Year"},
    "savings.round_label": {"ko": "회차", "en": "Round"},
    "savings.combined": {"ko": "합계(TOE)", "en": "Combined (TOE)"},
    "savings.months_counted": {"ko": "비교한 달", "en": "Months compared"},
    "savings.rounds_note": {
        "ko": "6개월마다 직전 2년 같은 기간 대비 5~10% 절감은 1만, 10~15%는 3만, 15% 이상은 5만 포인트(연 10만 포인트 한도)입니다.",
        "en": "Every six months: a 5-10% cut against the same months of the two years before earns 10,000 points, 10-15% 30,000, 15% or more 50,000 (at most 100,000 a year).",
    },
    "renewables.none": {
        "ko": "등록된 발전 설비나 발전량 기록이 없습니다. '참여 가구'에서 베란다·지붕 태양광을 등록하세요.",
        "en": "No generation recorded. Register balcony or rooftop solar under 'Households'.",
    },
    "renewables.capacity": {"ko": "설치 용량", "en": "Installed"},
    "renewables.capacity_help": {
        "ko": "발전 설비가 있는 가구 {n}곳",
        "en": "{n} households with generation",
    },
    "renewables.metered": {"ko": "계량 발전량", "en": "Metered generation"},
    "renewables.estimated": {"ko": "추정 발전량", "en": "Estimated generation"},
    "renewables.estimated_help": {
        "ko": "발전량 기록이 없는 달은 설치 용량으로 추정했습니다(1W당 월 0.096kWh).",
        "en": "Months without a meter reading are estimated from capacity (0.096 kWh per W per month).",
    },
    "renewables.self_reliance": {"ko": "자립률", "en": "Self-reliance rate"},
    "renewables.self_reliance_help": {
        "ko": "재생에너지 발전량(kWh) ÷ 전기 사용량(kWh)",
        "en": "Renewable kWh ÷ electricity consumption kWh",
    },
}
