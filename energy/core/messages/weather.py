"""Messages: daily temperatures, their files and their import."""

MESSAGES: dict[str, dict[str, str]] = {
    "weather.header": {
        "ko": "첫 줄이 기상청 ASOS 일자료(지점,지점명,일시,평균기온(°C),...) 또는 date,temp_c 이어야 합니다.",
        "en": "The first line must be KMA's ASOS daily header (지점,지점명,일시,평균기온(°C),...) or date,temp_c.",
    },
    "weather.day_format": {
        "ko": "'{value}'{value|은} 날짜가 아닙니다(YYYY-MM-DD).",
        "en": "'{value}' is not a date (YYYY-MM-DD).",
    },
    "weather.day_future": {
        "ko": "{value}{value|은} 아직 오지 않은 날입니다.",
        "en": "{value} is a day still to come.",
    },
    "weather.day_twice": {
        "ko": "같은 날({day})이 {first}번째 줄에 이미 있습니다.",
        "en": "The same day ({day}) is already on line {first}.",
    },
    "weather.temp_missing": {
        "ko": "평균기온이 비어 있습니다.",
        "en": "The mean temperature is empty.",
    },
    "weather.temp_not_number": {
        "ko": "'{value}'{value|은} 섭씨 기온이 아닙니다(예: -3.2).",
        "en": "'{value}' is not a temperature in °C (e.g. -3.2).",
    },
    "weather.temp_out_of_range": {
        "ko": "{value}°C는 일평균기온의 범위({low}~{high}°C)를 벗어납니다.",
        "en": "{value} °C is outside the range of a daily mean ({low} to {high} °C).",
    },
    "weather.station_format": {
        "ko": "'{value}'{value|은} 지점 번호가 아닙니다.",
        "en": "'{value}' is not a station number.",
    },
    "weather.station_mixed": {
        "ko": "지점 {value}{value|은} 이 파일의 지점 {station}과 다릅니다. 파일 하나에 한 지점만 넣어 주세요.",
        "en": "Station {value} is not the file's station {station}: one station a file.",
    },
    "weather.station_unknown": {
        "ko": "지점 {station}{station|은} 등록되지 않은 지점입니다(등록된 지점: {known}).",
        "en": "Station {station} is not a known station (known: {known}).",
    },
    "weather.conflicts": {
        "ko": "저장된 기온과 다른 날이 {count}일 있어 아무것도 저장하지 않았습니다. 파일의 값으로 바꾸려면 --replace 로 다시 가져오세요.",
        "en": "Nothing was saved: {count} days differ from the stored temperatures. Import again with --replace to store the file's values.",
    },
    "weather.conflict": {
        "ko": "{day}: 저장된 값 {stored}°C, 파일의 값 {new}°C",
        "en": "{day}: {stored} °C stored, {new} °C in the file",
    },
    "weather.imported": {
        "ko": "지점 {station}: {added}일 추가, {changed}일 변경, {unchanged}일 그대로 ({first} ~ {last})",
        "en": "station {station}: {added} days added, {changed} changed, {unchanged} unchanged ({first} to {last})",
    },
    "weather.nothing_new": {
        "ko": "지점 {station}: 새로 저장할 날이 없습니다({unchanged}일 그대로).",
        "en": "station {station}: nothing new to store ({unchanged} days unchanged).",
    },
    "weather.coverage": {
        "ko": "지점 {station} {name} {year}년: {days}/{days_in_year}일",
        "en": "station {station} {name} {year}: {days}/{days_in_year} days",
    },
    "weather.no_temperatures": {
        "ko": "저장된 기온이 없습니다.",
        "en": "No temperatures are stored.",
    },
    "weather.line": {
        "ko": "{line}번째 줄",
        "en": "line {line}",
    },
    "weather.file": {
        "ko": "파일",
        "en": "file",
    },
}
