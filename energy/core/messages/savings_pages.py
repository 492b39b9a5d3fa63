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
    "savings.toe_more": {"ko": "석유환산 사용 증가량", "en": "Used more (oil equivalent)"},
    "savings.tco2_more": {"ko": "온실가스 증가량", "en": "More CO2 emitted"},
    "savings.krw_more": {"ko": "늘어난 요금", "en": "More spent"},
    "savings.pct_more": {"ko": "{pct} 증가", "en": "{pct} more"},
    "savings.krw_help": {
        "ko": "기준 사용량의 요금과 실제 사용량의 요금의 차이입니다. 전기는 한전 주택용 누진 요금(7·8월은 여름 구간)으로 가구마다, 달마다 요금을 따로 계산해 더했습니다. 요금표는 '환산계수·요금' 화면에 있습니다.",
        "en": "The difference between the bill of the baseline use and the bill of the actual use. Electricity is billed with KEPCO's progressive residential tiers (summer tiers in July and August) for each household's month on its own, and the differences are added. The tariffs are under 'Factors and tariffs'.",
    },
    "savings.krw_indicative": {
        "ko": "{carriers}의 아낀 요금은 인용한 요금표가 아닌 어림 단가로 계산한 참고치입니다.",
        "en": "Money saved on {carriers} is indicative: priced at an approximate rate, not a cited tariff table.",
    },
    "savings.factors_used": {"ko": "사용한 계수: {factors}", "en": "Factors used: {factors}"},
    "savings.tab_chart": {"ko": "월별 비교", "en": "Month by month"},
    "savings.tab_households": {"ko": "가구별", "en": "By household"},
    "savings.months_of": {"ko": "{carrier} 비교 달", "en": "{carrier} months"},
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
    "savings.pct_help": {
        "ko": "기준 사용량보다 줄어든 비율입니다(기준은 고른 계산 방식대로). 음수(-)는 사용량이 늘었다는 뜻입니다.",
        "en": "How much less was used than the baseline (as the chosen method sets it). A negative figure means more was used.",
    },
    "savings.months_help": {
        "ko": "기준 기간과 이번 기간에 모두 기록이 있어 비교한 달 수입니다. 적을수록 비율을 덜 믿을 수 있습니다.",
        "en": "The months with a reading both in the baseline and in this period, so they could be compared. The fewer, the less the percentage can be relied on.",
    },
    "savings.round_help": {
        "ko": "에코마일리지는 반년마다 평가합니다: 1회차는 1~6월, 2회차는 7~12월입니다.",
        "en": "Eco-mileage is judged every six months: round 1 is January to June, round 2 July to December.",
    },
    "savings.combined_help": {
        "ko": "전기·도시가스·지역난방 절감을 석유환산톤(TOE)으로 바꿔 합친 절감률입니다. 포인트는 이 값으로 정합니다(수도는 들어가지 않습니다).",
        "en": "Electricity, gas and district heating together, converted to tonnes of oil equivalent (TOE). The points are judged on this figure (water does not enter it).",
    },
    "savings.round_months_help": {
        "ko": "비교할 수 있었던 달 / 이 회차에 가구가 참여한 달입니다.",
        "en": "Months that could be compared / months the household took part in this round.",
    },
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
    "page.results": {"ko": "사업 성과", "en": "Results"},
    "results.caption": {
        "ko": "전체 사업과 마을별 절감 성과입니다. 모든 수치 옆에 자료 충족률을 함께 봅니다.",
        "en": "Savings of the whole programme and of each village; read every figure with its coverage.",
    },
    "results.programme": {
        "ko": "전체 사업: {start} ~ {end}",
        "en": "Whole programme: {start} to {end}",
    },
    "results.league": {"ko": "마을 순위", "en": "League table"},
    "results.map": {"ko": "자치구 지도", "en": "District map"},
    "results.cohorts": {"ko": "선정 연도별 추이", "en": "Cohort curves"},
    "results.rank": {"ko": "순위", "en": "Rank"},
    "results.combined": {"ko": "합계 절감률(TOE)", "en": "Combined saving (TOE)"},
    "results.combined_help": {
        "ko": "전기·가스·지역난방을 석유환산톤(TOE)으로 더해 기준 대비 줄어든 비율입니다. 수도는 들어가지 않습니다.",
        "en": "Electricity, gas and district heat added in TOE: how far below the baseline together. Water is not in it.",
    },
    "results.cells_help": {
        "ko": "기준값과 실제값이 모두 있어 비교한 가구·월 수입니다. 적으면 절감률이 크게 흔들릴 수 있습니다.",
        "en": "How many household-months had both a baseline and an actual value. Few of them make the percentage swing.",
    },
    "results.stage_help": {
        "ko": "올해 몇 년째 지원받는 마을인지입니다(선정 연도가 1년차, 3년 지원 뒤 졸업).",
        "en": "Which year of support the village is in (its selection year is year 1; it graduates after three).",
    },
    "results.cells": {
        "ko": "비교한 가구·월(전기)",
        "en": "Household-months compared (electricity)",
    },
    "results.no_villages": {
        "ko": "아직 등록된 마을이 없습니다. 마을 목록에서 마을을 등록하면 여기에서 순위를 볼 수 있습니다.",
        "en": "No village is registered yet. Register villages in the directory to see them ranked here.",
    },
    "results.league_note": {
        "ko": "합계 절감률은 전기·가스·지역난방을 석유환산톤으로 더해 계산합니다. 비교한 가구·월이 적은 마을은 수치가 흔들릴 수 있습니다.",
        "en": "The combined saving adds electricity, gas and district heat in TOE. Villages with few household-months compared can swing.",
    },
    "results.median": {"ko": "마을 절감률 중앙값", "en": "Median village saving"},
    "results.map_note": {
        "ko": "25개 자치구를 대략의 위치에 배치했습니다. 빈칸은 비교할 자료가 없는 구입니다.",
        "en": "The 25 districts placed roughly where they lie; blank tiles have no data to compare.",
    },
    "results.year_in_programme": {"ko": "사업 연차", "en": "Year in the programme"},
    "results.saving_pct": {"ko": "절감률(TOE 기준, %)", "en": "Saving (TOE, %)"},
    "results.cohort_note": {
        "ko": "선 하나가 한 해에 선정된 마을들입니다. 최근 5년 자료로 그렸습니다.",
        "en": "Each line is one year's cohort of villages, drawn from the last five years of data.",
    },
    "field.households_short": {"ko": "가구", "en": "Households"},
    "savings.weather.computing": {
        "ko": "가구마다 날씨 모형을 맞추는 중입니다…",
        "en": "Fitting each household's weather model…",
    },
    "savings.weather.band": {
        "ko": "불확실성 ±{band} {unit} (신뢰수준 {confidence})",
        "en": "Uncertainty ±{band} {unit} ({confidence} confidence)",
    },
    "savings.weather.baseline_line": {
        "ko": "기준 기간 {start}~{end}의 사용량과 기상청 관측소 {station}의 일평균기온으로 가구마다 모형을 맞추고, 올해 날씨였다면 썼을 양과 실제 사용량을 비교했습니다.",
        "en": "Each household's model is fitted on its use from {start} to {end} and the daily mean temperatures of KMA station {station}, then what it would have used in this period's weather is compared with what it used.",
    },
    "savings.weather.no_temperatures": {
        "ko": "관측소 {station}의 기온 자료가 이 기간에 없어 계산할 수 없습니다. 담당 직원이 기상청 ASOS 일자료를 가져오면 됩니다(python -m energy weather import 파일).",
        "en": "Station {station} has no temperatures for these months, so nothing can be computed. Staff can import KMA's ASOS daily file (python -m energy weather import FILE).",
    },
    "savings.weather.demo_temperatures": {
        "ko": "이 기간의 기온 일부는 시연용으로 만든 값입니다(1991~2020년 서울 평년값에 날마다의 변동을 더함). 실제 관측값이 아닙니다.",
        "en": "Some of these temperatures are demo data, made from Seoul's 1991-2020 normals with day-to-day noise: they are not observations.",
    },
    "savings.weather.counterfactual": {
        "ko": "올해 날씨였다면 (모형 예측)",
        "en": "Expected for this weather (model)",
    },
    "savings.weather.chart_note": {
        "ko": "실선(실제)이 점선(이 날씨의 예상)보다 아래인 달은, 날씨 덕이 아니라 아껴서 덜 쓴 달입니다.",
        "en": "In a month where the solid line (actual) is below the dashed one (expected for that weather), less was used, and not because of the weather.",
    },
    "savings.weather.model": {"ko": "모형", "en": "Model"},
    "savings.weather.model.intercept_only": {"ko": "날씨 영향 없음", "en": "No weather effect"},
    "savings.weather.model.hdd_only": {"ko": "난방(추위)", "en": "Heating (cold)"},
    "savings.weather.model.cdd_only": {"ko": "냉방(더위)", "en": "Cooling (heat)"},
    "savings.weather.model.hdd_cdd": {"ko": "난방+냉방", "en": "Heating and cooling"},
    "savings.weather.avoided": {"ko": "아낀 양", "en": "Avoided"},
    "savings.weather.cvrmse": {"ko": "모형 오차(CV)", "en": "Model error (CV)"},
    "savings.weather.avoided_help": {
        "ko": "이번 기간의 날씨에서 모형이 예상한 사용량에서 실제 사용량을 뺀 양입니다. 음수(-)는 예상보다 더 썼다는 뜻입니다.",
        "en": "What the model expected for this period's weather minus what was used. A negative figure means more was used than expected.",
    },
    "savings.weather.cvrmse_help": {
        "ko": "기준 기간에 모형의 예측이 실제 사용량과 평균적으로 얼마나 어긋났는지입니다(CV(RMSE)). 작을수록 믿을 만합니다.",
        "en": "How far, on average, the model's predictions missed the actual use over the baseline (CV(RMSE)). The smaller, the more reliable.",
    },
    "savings.weather.note": {"ko": "비고", "en": "Note"},
    "savings.weather.reason.baseline_too_short": {
        "ko": "기준 기간 자료가 12개월이 안 되어 제외",
        "en": "Left out: less than 12 months of baseline",
    },
    "savings.weather.reason.too_many_missing_days": {
        "ko": "기준 기간에 빠진 달이 많아 제외",
        "en": "Left out: too many baseline months missing",
    },
    "savings.weather.reason.temperature_coverage": {
        "ko": "기온 자료가 부족해 제외",
        "en": "Left out: temperatures missing",
    },
    "savings.weather.reason.too_few_periods": {
        "ko": "기준 기간 자료가 너무 적어 제외",
        "en": "Left out: too few baseline months",
    },
    "savings.weather.reason.no_qualified_model": {
        "ko": "맞는 모형이 없어 제외",
        "en": "Left out: no model fits",
    },
    "savings.weather.households_note": {
        "ko": "CalTRACK 2.0 월별 요금 방식입니다. 모형 오차가 클수록 그 가구의 수치는 덜 확실합니다. 제외된 가구는 마을 합계에 들어가지 않습니다.",
        "en": "CalTRACK 2.0 billing method. The larger the model error, the less certain that household's figure. Households left out do not enter the village's totals.",
    },
}
