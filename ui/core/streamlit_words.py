"""Streamlit's own English in the reader's language: a table and the script that applies it.

Streamlit 1.67 has no language setting: a table's toolbar and column menu, the file chooser's
messages, the date picker, a picker's "No results", the frame's "Running..." and the message
after a crash are English on a Korean page. ``ENGLISH`` pairs each of these strings, exactly
as Streamlit writes it, with a catalogue key (``energy/core/messages/streamlit.py``); a
``{field}`` stands for what Streamlit fills in. ``HIDDEN`` are the entries our readers have
no use for (a chart's "Copy Vega-Lite spec", a column's number formats in dollars and euros,
its statistics), taken away rather than translated.

The page gets one small script (:func:`words_script`) with the rest of the chrome
(``ui.core.chrome.typography``); the browser runs it once, and again only when the language
changes (its text does). It keeps a
``MutationObserver`` on the page that looks up every text, ``title``, ``aria-label``,
``aria-valuetext``, ``aria-roledescription`` and ``placeholder`` Streamlit adds or changes, and replaces only an exact
known string, and only inside Streamlit's own parts (``ROOTS``): a miss costs one lookup, the
app's own words are never touched. The table maps both other forms (Streamlit's English and
the other language's words) to the reader's, so a switch of language turns words already
replaced back.
"""

from __future__ import annotations

import functools
import json
import re

from energy.core.catalogue import MESSAGES
from energy.core.i18n import LANGUAGES
from energy.core.messages.streamlit import MONTHS

# Streamlit's English (1.67, its own code and the react-aria and Vega parts it ships) and the
# catalogue key that says it in the reader's language. tests/test_streamlit_words.py checks
# every key is in both catalogues and every string is still in Streamlit's bundle.
ENGLISH: dict[str, str] = {
    # a table's toolbar and search box
    "Show/hide columns": "streamlit.columns",
    "Download as CSV": "streamlit.download_csv",
    "Search": "streamlit.search",
    "Fullscreen": "streamlit.fullscreen",
    "Close fullscreen": "streamlit.close_fullscreen",
    "Clear selection": "streamlit.clear_selection",
    "Delete row(s)": "streamlit.delete_rows",
    "Add row": "streamlit.add_row",
    "Type to search": "streamlit.type_to_search",
    "Close Search": "streamlit.close_search",
    "Next Result": "streamlit.next_result",
    "Previous Result": "streamlit.previous_result",
    # a column's menu
    "Dataframe column menu": "streamlit.column_menu",
    "Copy column name": "streamlit.copy_column_name",
    "Sort ascending": "streamlit.sort_ascending",
    "Sort descending": "streamlit.sort_descending",
    "Autosize": "streamlit.autosize",
    "Pin column": "streamlit.pin_column",
    "Unpin column": "streamlit.unpin_column",
    "Hide column": "streamlit.hide_column",
    # a chart's toolbar
    "Show data": "streamlit.show_data",
    "Show chart": "streamlit.show_chart",
    "Download as PNG": "streamlit.download_png",
    "Vega visualization": "streamlit.chart",
    # a chart's parts as a screen reader names them (Vega's aria-roledescription; the
    # marks' kinds our charts draw, as Vega-Lite names a bar and a point and Vega the rest)
    "visualization": "streamlit.visualization",
    "bar": "streamlit.bar_mark",
    "point": "streamlit.point_mark",
    "axis": "streamlit.axis",
    "legend": "streamlit.legend",
    **{f"{kind} mark": f"streamlit.{kind}_mark" for kind in ("rect", "line", "symbol", "text")},
    **{
        f"{kind} mark container": f"streamlit.{kind}_marks"
        for kind in ("rect", "line", "symbol", "text", "group")
    },
    # pickers
    "No results": "streamlit.no_results",
    "Choose an option": "streamlit.choose_option",
    "Choose options": "streamlit.choose_options",
    "Open": "streamlit.open",
    "Clear value": "streamlit.clear_value",
    "Clear all": "streamlit.clear_all",
    "Dismiss": "streamlit.dismiss",
    "Remove {name}": "streamlit.remove",
    "{n} options available.": "streamlit.options_available",
    "1 option available.": "streamlit.option_available",
    "{option}, selected": "streamlit.selected",
    # the file chooser
    "Add files": "streamlit.add_files",
    "add icon": "streamlit.add_icon",  # the words a screen reader gets for the "+" icon
    "Loading": "streamlit.loading",
    "file upload": "streamlit.file_upload",
    "Cancel upload of {name}": "streamlit.cancel_upload",
    "Click to retry upload": "streamlit.retry_upload",
    "Upload failed": "streamlit.upload_failed",
    "Error:": "streamlit.error_colon",
    "{type} files are not allowed.": "streamlit.wrong_type",
    "File must be {size} or smaller.": "streamlit.too_large",
    "File size is too small.": "streamlit.too_small",
    "Only one file is allowed.": "streamlit.one_file",
    "Unexpected error. Please try again.": "streamlit.unexpected",
    # the date picker
    "Choose date": "streamlit.choose_date",
    "Choose date range": "streamlit.choose_date_range",
    "Choose date, {month}": "streamlit.choose_date_in",
    "Clear date": "streamlit.clear_date",
    "Clear dates": "streamlit.clear_dates",
    "Date range": "streamlit.date_range",
    "Quick select a date range": "streamlit.quick_range",
    "Select...": "streamlit.select",
    "Previous month": "streamlit.previous_month",
    "Next month": "streamlit.next_month",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "streamlit.calendar_keys"
    ),
    "year, {label}": "streamlit.year_of",
    "month, {label}": "streamlit.month_of",
    "day, {label}": "streamlit.day_of",
    "{label} start date": "streamlit.start_date",
    "{label} end date": "streamlit.end_date",
    "Empty": "streamlit.empty",
    # a month's value as a screen reader hears it ("04 – April")
    **{f"{n:02d} – {name}": f"streamlit.month_{n}" for n, name in enumerate(MONTHS, start=1)},
    # fields and help
    "Help for {label}": "streamlit.help_for",
    "Decrement": "streamlit.decrement",
    "Increment": "streamlit.increment",
    "Show password": "streamlit.show_password",
    "Hide password": "streamlit.hide_password",
    "Copy to clipboard": "streamlit.copy",
    "Link to heading": "streamlit.link_to_heading",
    "Close": "streamlit.close",
    # the frame
    "Skip to main content": "streamlit.skip_to_content",
    "Sidebar": "streamlit.sidebar",
    "Collapse sidebar": "streamlit.collapse_sidebar",
    "Expand sidebar": "streamlit.expand_sidebar",
    "App pages": "streamlit.app_pages",
    "View less": "streamlit.view_less",
    "View {n} more": "streamlit.view_more",
    "Notifications": "streamlit.notifications",
    "Running...": "streamlit.running",
    "Stop": "streamlit.stop",
    "Stopping...": "streamlit.stopping",
    "Connecting": "streamlit.connecting",
    "Connecting to Streamlit server": "streamlit.connecting_server",
    "Unable to connect to Streamlit server": "streamlit.cannot_connect",
    "Connection error": "streamlit.connection_error",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in "
    "your terminal:": "streamlit.still_running",
    "Connection lost. Please wait for the app to reconnect, then try again.": (
        "streamlit.connection_lost"
    ),
    # client.showErrorDetails = "none": the message after a crash (streamlit.elements.exception)
    "This app has encountered an error. The original error message is redacted to prevent "
    "data leaks. Full error details have been recorded in the logs (if you're on Streamlit "
    "Cloud, click on 'Manage app' in the lower right of your app).": "streamlit.crashed",
}

# Menu and toolbar entries taken away: copying a chart's Vega-Lite spec, a column's number
# formats (dollars, euros, yen, scientific) and its English statistics.
HIDDEN = ("Copy Vega-Lite spec", "Format", "Statistics")

# Streamlit's own parts, where its words live (a table, a chooser, a picker and the floating
# lists, menus and tooltips they open, the frame). The app's content is outside these or, as a
# widget's label, never one of Streamlit's exact strings.
ROOTS = (
    ", ".join(
        f'[data-testid="{test_id}"]'
        for test_id in (
            "stDataFrame",
            "stElementToolbar",
            "stDataFrameColumnMenu",
            "stTooltipContent",
            "stTooltipHoverTarget",
            "stFileUploader",
            "stDateInput",
            "stDateInputCalendar",
            "stDateInputQuickSelectPopover",
            "stSelectbox",
            "stSelectboxVirtualDropdown",
            "stMultiSelect",
            "stMultiSelectDropdown",
            "stNumberInput",
            "stTextInput",
            "stVegaLiteChart",
            "stHeaderActionElements",
            "stCode",
            "stSkipToContent",
            "stSidebar",
            "stSidebarCollapsedControl",
            "stExpandSidebarButton",
            "stStatusWidget",
            "stToolbar",
            "stHeader",
            "stToastContainer",
            "stException",
            "stDialog",
        )
    )
    + ', [data-baseweb="popover"], [data-baseweb="tooltip"], [role="dialog"], [data-live-announcer]'
)

_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(template: str) -> str:
    """A JavaScript regular expression matching ``template`` whole, each field a named group."""
    parts = _FIELD.split(template)  # literal, name, literal, name, ...
    escaped = [
        re.sub(r"[.*+?^${}()|[\]\\/]", r"\\\g<0>", part) if i % 2 == 0 else f"(?<{part}>.+?)"
        for i, part in enumerate(parts)
    ]
    return "^" + "".join(escaped) + "$"


def table(lang: str) -> dict[str, object]:
    """What the script needs for ``lang``: exact strings to their words, patterns (a string
    with fields) to theirs, and the strings whose entry is hidden. Both Streamlit's English and
    the other languages' words lead to ``lang``'s."""
    words: dict[str, str] = {}
    patterns: list[tuple[str, str]] = []
    for english, key in ENGLISH.items():
        entry = MESSAGES[key]
        target = entry[lang]
        for source in dict.fromkeys((english, *(entry[other] for other in LANGUAGES))):
            if source == target:
                continue
            if _FIELD.search(source):
                patterns.append((_pattern(source), target))
            else:
                words[source] = target
    return {"words": words, "patterns": patterns, "hidden": list(HIDDEN)}


# The script. Its state lives on ``window`` so that a second delivery (a new language, a new
# session in the same tab) only replaces the table and goes over the page once more.
SCRIPT = """<script id="energy-streamlit-words">
(() => {
  const config = __CONFIG__;
  const S = window.energyStreamlitWords || (window.energyStreamlitWords = {});
  S.words = new Map(Object.entries(config.words));
  S.hidden = new Set(config.hidden);
  S.patterns = config.patterns.map(([source, target]) => [new RegExp(source), target]);
  S.anyPattern = new RegExp(config.patterns.map(([source]) => "(?:" + source + ")").join("|")
    .replace(/\\(\\?\\x3c\\w+>/g, "(") || "$^");
  const ROOTS = __ROOTS__;
  const ATTRIBUTES = [
    "aria-label", "title", "placeholder", "aria-valuetext", "aria-roledescription",
  ];
  const HIDE_AT = '[role="menuitem"], [data-testid="stElementToolbarButton"]';

  // The reader's words for ``said``, or undefined; ``depth`` bounds a field's own lookup.
  const say = (said, depth) => {
    const word = S.words.get(said);
    if (word !== undefined) return word;
    const colon = said.indexOf(": ");  // a toolbar button's "Search: (the table's name)"
    if (colon > 0) {
      const head = S.words.get(said.slice(0, colon));
      if (head !== undefined) return head + said.slice(colon);
    }
    if (depth > 1 || !S.anyPattern.test(said)) return undefined;
    for (const [pattern, target] of S.patterns) {
      const found = pattern.exec(said);
      if (found) {
        return target.replace(/\\{(\\w+)\\}/g, (_, name) => {
          const field = found.groups[name];
          return say(field, depth + 1) ?? field;
        });
      }
    }
    return undefined;
  };
  const hide = (element) => {
    const entry = element && element.closest(HIDE_AT);
    if (entry && entry.closest(ROOTS)) entry.style.display = "none";
  };
  const text = (node) => {
    const said = node.data.trim();
    if (!said || said.length > 400) return;
    if (S.hidden.has(said)) return hide(node.parentElement);
    const word = say(said, 0);
    if (word === undefined || !node.parentElement || !node.parentElement.closest(ROOTS)) return;
    node.data = node.data.replace(said, word);
  };
  const attribute = (element, name) => {
    const said = element.getAttribute(name);
    if (!said) return;
    if (S.hidden.has(said.split(": ")[0])) return hide(element);
    const word = say(said, 0);
    if (word !== undefined && element.closest(ROOTS)) element.setAttribute(name, word);
  };
  const visit = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return text(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let at = node; at; at = walker.nextNode()) {
      if (at.nodeType === Node.TEXT_NODE) { text(at); continue; }
      if (at.tagName === "SCRIPT" || at.tagName === "STYLE") continue;
      for (const name of ATTRIBUTES) if (at.hasAttribute(name)) attribute(at, name);
    }
  };
  if (!S.observer) {
    S.observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "childList") change.addedNodes.forEach(visit);
        else if (change.type === "characterData") text(change.target);
        else attribute(change.target, change.attributeName);
      }
    });
    S.observer.observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ATTRIBUTES,
    });
  }
  document.querySelectorAll(ROOTS).forEach(visit);
})();
</script>"""


@functools.cache
def words_script(lang: str) -> str:
    """The script for ``lang``, with its table (about 10 kB), built once per language."""
    config = json.dumps(table(lang), ensure_ascii=False, separators=(",", ":"))
    # Streamlit's sanitiser drops a script whose text holds "<" before a letter, "/" or "!"
    # (and "</" would end it): in the script's strings "<" is written "\\u003c".
    return SCRIPT.replace("__CONFIG__", config.replace("<", "\\u003c")).replace(
        "__ROOTS__", json.dumps(ROOTS)
    )
