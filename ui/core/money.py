"""A field for an amount of won: thousands separators appear as the person types ("7,500,000"),
the amount is echoed in Korean units with it ("750만 원"; "KRW 7.5 million" in English), and
"10억" or "1억 5천만" may be typed as such; the words stand under the field. Streamlit's number box shows neither, and a zero too
many in a budget of 1000000000 is easy to miss.

A Streamlit component (``st.components.v2``): the browser formats each key press itself, so
typing reruns nothing, and inside a form the amount is sent with the form. Tests set its value
as ``session_state[key] = {"value": amount}``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.core.i18n import lang, t

_HTML = """
<div class="money">
  <label class="label"></label>
  <div class="row">
    <input type="text" inputmode="numeric" autocomplete="off" spellcheck="false" />
    <span class="echo" aria-live="polite"></span>
  </div>
  <div class="help"></div>
</div>
"""

_CSS = """
.money { font-family: "Source Sans", "Source Sans Pro", sans-serif; color: #1F2A24; }
.label { display: block; font-size: 0.875rem; line-height: 1.6; margin-bottom: 0.25rem; }
.row { display: flex; flex-wrap: wrap; gap: 0.25rem; }
input {
  flex: 1 1 100%; min-width: 0; max-width: 100%; box-sizing: border-box; height: 2.5rem;
  padding: 0 0.75rem; font: inherit; font-size: 1rem; font-variant-numeric: tabular-nums;
  text-align: right; color: inherit; background: #F2F6F4; border: 1px solid #F2F6F4;
  border-radius: 0.5rem; outline: none;
}
input:focus { border-color: #0F7B5F; }
input:disabled { color: #8a928e; }
input.bad { border-color: #c62828; }
.echo { flex: 1 1 100%; font-size: 0.9rem; color: #0F7B5F; font-weight: 600;
        word-break: keep-all; }
.echo.bad { color: #c62828; }
.help { font-size: 0.8rem; color: #5f6b65; margin-top: 0.25rem; }
.help:empty { display: none; }
"""

# The browser's half: the same Korean units as energy.core.i18n.format_krw_words (a browser
# test checks both give the same words).
_JS = """
const UNITS = { "천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12 };

function parseAmount(text) {
  const clean = text.replace(/[,\\s원₩]/g, "").replace(/KRW/gi, "");
  if (clean === "") return null;
  if (/^[0-9]+$/.test(clean)) return parseInt(clean, 10);
  if (!/^[0-9천만억조.]+$/.test(clean)) return NaN;
  // "1억5천만" = 1 x 억 + (5 x 천) x 만: a big unit (만, 억, 조) closes the group before it.
  let total = 0, group = 0, number = "";
  for (const ch of clean) {
    if (/[0-9.]/.test(ch)) { number += ch; continue; }
    const unit = UNITS[ch];
    const typed = number !== "";
    const value = typed ? parseFloat(number) : 1;
    number = "";
    if (unit < 1e4) { group += value * unit; continue; }
    group += typed ? value : (group ? 0 : 1);
    total += group * unit;
    group = 0;
  }
  return Math.round(total + group + (number === "" ? 0 : parseFloat(number)));
}

function koreanWords(n) {
  if (n === 0) return "0원";
  const parts = [];
  const jo = Math.floor(n / 1e12), eok = Math.floor((n % 1e12) / 1e8);
  const man = Math.floor((n % 1e8) / 1e4), rest = n % 1e4;
  if (jo) parts.push(jo.toLocaleString("en-US") + "조");
  if (eok) parts.push(eok.toLocaleString("en-US") + "억");
  if (man) parts.push(man.toLocaleString("en-US") + "만");
  if (rest) parts.push(rest.toLocaleString("en-US"));
  return parts.join(" ") + " 원";
}

function englishWords(n) {
  const scaled = (value, word) => {
    const fixed = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
    const shown = fixed.includes(".") ? fixed.replace(/\\.?0+$/, "") : fixed;
    return "KRW " + shown + " " + word;
  };
  if (n >= 1e12) return scaled(n / 1e12, "trillion");
  if (n >= 1e9) return scaled(n / 1e9, "billion");
  if (n >= 1e6) return scaled(n / 1e6, "million");
  return "KRW " + n.toLocaleString("en-US");
}

function grouped(n) { return n.toLocaleString("en-US"); }

export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const root = parentElement.querySelector(".money");
  const input = root.querySelector("input");
  const echo = root.querySelector(".echo");
  root.querySelector(".label").textContent = data.label;
  root.querySelector(".help").textContent = data.help || "";
  input.setAttribute("aria-label", data.label);
  input.placeholder = data.placeholder || "";
  input.disabled = !!data.disabled;
  const words = (n) => (data.lang === "en" ? englishWords(n) : koreanWords(n));

  const show = (n, problem) => {
    input.classList.toggle("bad", !!problem);
    echo.classList.toggle("bad", !!problem);
    echo.textContent = problem || (n === null ? "" : words(n));
  };
  const judge = (n) => {
    if (n === null) return data.required ? data.messages.required : "";
    if (Number.isNaN(n)) return data.messages.not_number;
    if (n > data.max) return data.messages.too_large;
    return "";
  };
  // A new amount from the page (another record chosen) replaces what is shown; the same one
  // sent again on a rerun leaves what is being typed alone. A new language redraws the words.
  const given = data.value === null ? "" : String(data.value);
  if (input.dataset.given !== given) {
    input.dataset.given = given;
    input.value = data.value === null ? "" : grouped(data.value);
  }
  const current = () => parseAmount(input.value);
  const judged = () => {
    const n = current();
    const problem = judge(n);
    show(Number.isNaN(n) ? null : n, problem);
    return problem ? (n === null ? null : -1) : n;
  };
  judged();
  input.oninput = () => {
    const before = input.value;
    const caret = input.selectionStart ?? before.length;
    const n = parseAmount(before);
    if (/^[0-9,\\s]*$/.test(before) && n !== null) {
      // Separators as the person types, the caret kept after the same digit.
      const digitsLeft = before.slice(0, caret).replace(/[^0-9]/g, "").length;
      const after = grouped(n);
      input.value = after;
      let seen = 0, at = 0;
      while (at < after.length && seen < digitsLeft) { if (/[0-9]/.test(after[at])) seen++; at++; }
      input.setSelectionRange(at, at);
    }
    judged();
  };
  // Sent when the field is left or Enter is pressed, as Streamlit's own fields do (a key
  // press would rerun the page, and save a draft, at every digit).
  const commit = () => {
    const n = current();
    if (n !== null && !Number.isNaN(n)) input.value = grouped(n);  // "10억" written in figures
    setStateValue("value", judged());
  };
  input.onchange = commit;
  input.onkeydown = (event) => { if (event.key === "Enter") commit(); };
}
"""

_money = st.components.v2.component("energy_money", html=_HTML, css=_CSS, js=_JS)

INVALID = -1  # the state value of a field whose text is not an amount (the page refuses it)


def money_input(
    label: str,
    *,
    value: int | None,
    key: str,
    where: DeltaGenerator | None = None,
    max_value: int = 10**13,
    help: str | None = None,
    disabled: bool = False,
) -> int | None:
    """An amount of won typed by a person: ``None`` when the field is empty, :data:`INVALID`
    when its text is not an amount or is over ``max_value`` (the field says so in red)."""
    data: dict[str, Any] = {
        "label": label,
        "value": value,
        "lang": lang(),
        "help": help or "",
        "max": max_value,
        "disabled": disabled,
        "placeholder": t("money.placeholder"),
        "required": False,
        "messages": {
            "not_number": t("money.not_number"),
            "too_large": t("money.too_large", max=f"{max_value:,}"),
            "required": "",
        },
    }
    target = where if where is not None else st
    with target.container():
        result = _money(key=key, data=data, default={"value": value}, on_value_change=lambda: None)
    state = getattr(result, "value", value)
    if state is None:
        return None
    amount = int(state)
    return amount if 0 <= amount <= max_value else INVALID


def amounts_ok(amounts: dict[str, int | None]) -> bool:
    """Whether every field (label -> amount) holds an amount; each one that does not is named
    in an error (checked when a form is sent, nothing saved until it is right)."""
    bad = [label for label, amount in amounts.items() if amount == INVALID]
    for label in bad:
        st.error(t("money.invalid", field=label), icon=":material/error:")
    return not bad
