"""Messages: logging readings and importing files (the row-by-row report)."""

MESSAGES: dict[str, dict[str, str]] = {
    "import.rejected": {
        "ko": "파일에 고칠 곳이 {errors}건 있어 아무것도 저장하지 않았습니다.",
        "en": "Nothing was saved: the file has {errors} problems to fix.",
    },
    "import.empty_file": {"ko": "빈 파일입니다.", "en": "The file is empty."},
    "import.no_rows": {
        "ko": "제목 줄 아래에 자료가 없습니다.",
        "en": "There are no rows under the header.",
    },
    "import.not_text": {
        "ko": "CSV 또는 엑셀(.xlsx) 파일이 아닙니다.",
        "en": "This is not a CSV or Excel (.xlsx) file.",
    },
    "import.encoding": {
        "ko": "글자 인코딩을 읽을 수 없습니다. 엑셀에서 'CSV UTF-8'로 저장하거나 .xlsx로 올려 주세요.",
        "en": "The text encoding cannot be read. Save as 'CSV UTF-8' in Excel, or upload the .xlsx file.",
    },
    "import.bad_csv": {
        "ko": "{line}번째 줄의 CSV 형식이 깨져 있습니다.",
        "en": "Line {line} is not valid CSV.",
    },
    "import.bad_excel": {
        "ko": "엑셀 파일을 열 수 없습니다. 파일이 손상되었거나 .xlsx 형식이 아닙니다.",
        "en": "The Excel file cannot be opened: it is damaged or not an .xlsx file.",
    },
    "import.file_too_large": {
        "ko": "파일이 너무 큽니다(최대 {limit} MB). 여러 파일로 나누어 올려 주세요.",
        "en": "The file is too large (at most {limit} MB): split it into several files.",
    },
    "import.too_many_lines": {
        "ko": "줄이 너무 많습니다(최대 {limit}줄). 여러 파일로 나누어 올려 주세요.",
        "en": "The file has too many lines (at most {limit}): split it into several files.",
    },
    "import.too_many_columns": {
        "ko": "열이 너무 많습니다(최대 {limit}열). 첫 줄은 household,month,carrier,value,unit 이어야 합니다.",
        "en": "The file has too many columns (at most {limit}). The first line must be household,month,carrier,value,unit.",
    },
    "import.line_too_long": {
        "ko": "{line}번째 줄이 너무 깁니다(최대 {limit}자).",
        "en": "Line {line} is too long (at most {limit} characters).",
    },
    "import.too_many_sheets": {
        "ko": "엑셀 파일의 시트가 너무 많습니다(최대 {limit}개). 첫 시트만 읽습니다: 사용량만 담아 올려 주세요.",
        "en": "The Excel file has too many sheets (at most {limit}). Only the first is read: upload the readings alone.",
    },
    "import.too_many_cells": {
        "ko": "엑셀 시트에 채워진 칸이 너무 많습니다(최대 {limit}칸).",
        "en": "The Excel sheet has too many filled cells (at most {limit}).",
    },
    "import.excel_unpacks_too_large": {
        "ko": "엑셀 파일의 압축을 풀면 너무 커집니다(최대 {limit} MB). 사용량만 담은 새 파일로 저장해 올려 주세요.",
        "en": "The Excel file unpacks to too much data (at most {limit} MB): save the readings alone in a new file.",
    },
    "import.households_changed": {
        "ko": "확인하는 동안 이 마을의 가구 목록이 바뀌었습니다. 파일을 다시 확인해 주세요.",
        "en": "The village's households changed while the file was being checked: please check it again.",
    },
    "import.missing_columns": {
        "ko": "필요한 열이 없습니다: {columns}. 첫 줄은 household,month,carrier,value,unit 이어야 합니다(양식을 내려받아 쓰세요).",
        "en": "Missing columns: {columns}. The first line must be household,month,carrier,value,unit (download the template).",
    },
    "import.field_count": {
        "ko": "칸이 {got}개입니다({expected}개여야 함). 쉼표가 빠졌거나 남았는지 보세요.",
        "en": "The row has {got} fields, expected {expected}: a comma missing or extra?",
    },
    "import.field_too_long": {"ko": "칸의 내용이 너무 깁니다.", "en": "A field is far too long."},
    "import.household_missing": {
        "ko": "가구 코드가 비어 있습니다.",
        "en": "The household code is empty.",
    },
    "import.household_format": {
        "ko": "'{value}'{value|은} 가구 코드 형식이 아닙니다(예: H-007).",
        "en": "'{value}' is not a household code (e.g. H-007).",
    },
    "import.household_unknown": {
        "ko": "'{value}' 가구가 이 마을에 없습니다. 먼저 가구를 등록하거나 '새 가구 등록'을 선택하세요.",
        "en": "There is no household '{value}' in this village: register it first, or tick 'register new households'.",
    },
    "import.month_format": {
        "ko": "'{value}'{value|은} 월 형식이 아닙니다. 2025-01처럼 쓰세요.",
        "en": "'{value}' is not a month: write it like 2025-01.",
    },
    "import.month_future": {
        "ko": "{value}{value|은} 아직 오지 않은 달입니다.",
        "en": "{value} is in the future.",
    },
    "import.month_too_old": {
        "ko": "{value}{value|은} 너무 오래된 달입니다.",
        "en": "{value} is too long ago.",
    },
    "import.carrier_unknown": {
        "ko": "'{value}'{value|은} 알 수 없는 에너지원입니다. electricity, gas, water, heat, solar 중 하나를 쓰세요.",
        "en": "'{value}' is not a carrier: use electricity, gas, water, heat or solar.",
    },
    "import.value_not_number": {
        "ko": "'{value}'{value|은} 숫자가 아닙니다.",
        "en": "'{value}' is not a number.",
    },
    "import.value_digits": {
        "ko": "'{value}': 숫자는 0-9로만 쓰세요(밑줄이나 다른 문자의 숫자는 쓸 수 없습니다).",
        "en": "'{value}': write numbers with the digits 0-9 only (no underscores, no other scripts' digits).",
    },
    "import.value_negative": {
        "ko": "사용량은 음수일 수 없습니다: {value}",
        "en": "A reading cannot be negative: {value}",
    },
    "import.value_too_large": {
        "ko": "'{value}'{value|은} 한 가구의 한 달 사용량으로 너무 큽니다.",
        "en": "'{value}' is far too large for one household's month.",
    },
    "import.unit_unknown": {
        "ko": "'{value}'{value|은} {carrier}의 단위가 아닙니다. 쓸 수 있는 단위: {units}",
        "en": "'{value}' is not a unit for {carrier}. Units: {units}",
    },
    "import.duplicate": {
        "ko": "같은 가구·월·에너지원이 {first}번째 줄에 이미 있습니다.",
        "en": "Same household, month and carrier as line {first}.",
    },
    "import.zero_value": {
        "ko": "{household}의 값이 0입니다. 이 가구는 보통 {typical} {unit}쯤 썼습니다. 검침을 못 했거나 다른 칸에 적은 것은 아닌지 확인하세요.",
        "en": "{household} reads 0, where it usually uses about {typical} {unit}: was the meter not read, or the value typed in another cell?",
    },
    "import.outlier": {
        "ko": "{household}의 {value} {unit}{unit|은} 이 가구의 평소 기록(최대 약 {limit})보다 훨씬 큽니다. 입력이 맞는지 확인하세요.",
        "en": "{value} {unit} for {household} is far above its own history (about {limit} at most): please check it.",
    },
}
