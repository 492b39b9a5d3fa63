"""Messages: savings figures (methods, coverage, benchmarks) and their errors."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.savings_month_format": {
        "ko": "'{value}'{value|은} 올바른 월이 아닙니다. YYYY-MM 형식(예: 2025-03)으로 입력하세요.",
        "en": "'{value}' is not a month: use YYYY-MM (e.g. 2025-03).",
    },
    "error.savings_range": {
        "ko": "시작 월({start})이 끝 월({end})보다 늦습니다.",
        "en": "The first month ({start}) is after the last month ({end}).",
    },
    "error.savings_unknown_method": {
        "ko": "알 수 없는 절감 산정 방식입니다: {method} (eco-mileage 또는 baseline-year)",
        "en": "Unknown savings method: {method} (use eco-mileage or baseline-year).",
    },
    "error.savings_one_scope": {
        "ko": "마을, 자치구, 선정 연도 중 하나만 고르세요.",
        "en": "Choose one of village, district or cohort, not several.",
    },
    "error.savings_year_range": {
        "ko": "연도는 {first}~{last} 사이여야 합니다.",
        "en": "The year must be between {first} and {last}.",
    },
    "savings.method.eco_mileage": {
        "ko": "에코마일리지 방식 (직전 2년 같은 달 평균 대비)",
        "en": "Eco-mileage (against the mean of the same month one and two years earlier)",
    },
    "savings.method.baseline_year": {
        "ko": "기준연도 방식 (참여 전 12개월의 같은 달 대비)",
        "en": "Baseline year (against the same month of the 12 months before joining)",
    },
    "savings.method.weather": {
        "ko": "날씨 보정 방식 (참여 전 12개월의 날씨 모형으로 같은 날씨의 예상 사용량 대비, CalTRACK)",
        "en": "Weather-normalised (against what the baseline year's weather model predicts for the weather that came, CalTRACK)",
    },
    "error.weather_village_only": {
        "ko": "날씨 보정 방식은 마을 하나씩만 계산합니다. 마을을 고르세요.",
        "en": "The weather-normalised method is computed for one village at a time: choose a village.",
    },
    "error.weather_baseline_overlaps": {
        "ko": "기준 기간({end}까지)은 보고 기간({start}부터)보다 앞서 끝나야 합니다.",
        "en": "The baseline (to {end}) must end before the reporting period starts ({start}).",
    },
    "error.weather_baseline_method": {
        "ko": "기준 기간(--baseline)은 날씨 보정 방식(--method weather)에서만 씁니다.",
        "en": "A baseline (--baseline) is only for the weather-normalised method (--method weather).",
    },
    "savings.coverage": {
        "ko": "자료 충족률 {coverage} ({cells}/{expected}칸)",
        "en": "Coverage {coverage} ({cells} of {expected} cells)",
    },
    "savings.no_cells": {
        "ko": "비교할 수 있는 자료가 없습니다.",
        "en": "No data to compare.",
    },
    "savings.not_in_tco2": {
        "ko": "온실가스(tCO2) 합계에서 제외: {carriers} (배출계수 없음)",
        "en": "Left out of tCO2: {carriers} (no emission factor)",
    },
    "savings.not_in_toe": {
        "ko": "석유환산톤(TOE) 합계에서 제외: {carriers} (환산계수 없음)",
        "en": "Left out of TOE: {carriers} (no TOE factor)",
    },
    "published.context": {
        "ko": "참고로 서울시가 발표한 절감률입니다. 대상과 연도가 달라 이 수치와 바로 견줄 수는 없습니다: {figures}.",
        "en": "For context, the savings Seoul published; they cover other villages and years, so they are not a like-for-like yardstick for these figures: {figures}.",
    },
    "published.all_villages_2015": {
        "ko": "2015년 전체 마을 평균 전기 절감 {pct}",
        "en": "all villages' average electricity saving in 2015, {pct}",
    },
    "published.all_villages_2016": {
        "ko": "2016년 전체 마을 평균 전기 절감 {pct}",
        "en": "all villages' average electricity saving in 2016, {pct}",
    },
    "published.third_year": {
        "ko": "3년차 마을의 전기 절감 약 {pct}(연도는 발표되지 않음)",
        "en": "villages in their third year, about {pct} of electricity (the year was not published)",
    },
    "savings.round": {"ko": "{n}회차", "en": "Round {n}"},
    "savings.points": {"ko": "포인트", "en": "Points"},
}
