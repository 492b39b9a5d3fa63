"""Files written and read back: where an output file may go, and why a backup is refused."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- output paths (energy.core.output) ------------------------------------------------
    "error.output_store_file": {
        "ko": "{path}{path|은} 데이터베이스 자신의 파일입니다. 다른 파일 이름을 주세요.",
        "en": "{path} is one of the store's own files; give another file name.",
    },
    "error.output_not_regular": {
        "ko": "{path}{path|은} 일반 파일이 아닙니다(폴더나 장치 등). 파일 이름을 주세요.",
        "en": "{path} is not a regular file (a folder, a device or the like); give a file name.",
    },
    "error.output_symlink": {
        "ko": "{path}{path|은} 심볼릭 링크입니다. 링크가 아닌 실제 파일 경로를 주세요.",
        "en": "{path} is a symbolic link; give the path of a real file instead.",
    },
    "error.output_suffix": {
        "ko": "{path}: 파일 이름은 {suffixes}{suffixes|으로} 끝나야 합니다.",
        "en": "{path}: the file name must end in {suffixes}.",
    },
    "error.output_folder_missing": {
        "ko": "{path}: 이 파일을 넣을 폴더가 없습니다.",
        "en": "{path}: the folder for this file does not exist.",
    },
    # --- backups (energy.store.backup) ----------------------------------------------------
    "error.backup_incomplete": {
        "ko": "백업 파일 {path}에 검사 합계(마지막 줄)가 없습니다. 파일이 잘렸거나 이전 버전이 쓴 파일이라 검증할 수 없습니다.",
        "en": "The backup {path} has no checksum line at its end: it is incomplete, or an "
        "older version wrote it, and it cannot be verified.",
    },
    "error.backup_checksum": {
        "ko": "백업 파일 {path}의 SHA-256 검사 합계가 맞지 않습니다. 파일이 바뀌었거나 손상되었습니다.",
        "en": "The backup {path} does not match its SHA-256 checksum: it was changed or damaged.",
    },
    "error.backup_counts": {
        "ko": "백업 파일 {path}의 {table} 표 행 수가 마지막 줄의 기록({expected})과 다릅니다({found}).",
        "en": "The backup {path} holds {found} rows of table {table} but its last line "
        "records {expected}.",
    },
    "error.backup_malformed": {
        "ko": "백업 파일 {path}의 {line}번째 줄({table})이 형식에 맞지 않습니다.",
        "en": "The backup {path} is malformed at line {line} (table {table}).",
    },
}
