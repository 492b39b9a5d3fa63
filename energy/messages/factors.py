"""Messages: conversion factors and tariffs."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.unknown_factor": {
        "ko": "알 수 없는 환산계수입니다: {key}",
        "en": "Unknown conversion factor: {key}",
    },
    "error.factor_exists": {
        "ko": "{key}에는 같은 적용일의 값이 이미 있습니다.",
        "en": "{key} already has a value from that date.",
    },
    "error.positive": {"ko": "0보다 큰 값을 입력하세요.", "en": "Enter a value above zero."},
    "error.unknown_carrier": {
        "ko": "알 수 없는 에너지원입니다: {carrier}",
        "en": "Unknown energy carrier: {carrier}",
    },
}
