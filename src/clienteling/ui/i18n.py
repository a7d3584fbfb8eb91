"""Qt translations: Spanish or English, from the system locale or the user's choice.

Source strings are English; ``resources/i18n/clienteling_<lang>.qm`` hold the translations.
Changing the language at runtime swaps the translator, and Qt sends every widget a
``LanguageChange`` event so it can retranslate itself.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from clienteling.ui.paths import resources_dir

log = logging.getLogger(__name__)
LANGUAGES = ("es", "en")
SETTING_KEY = "ui/language"

_translators: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    name = QLocale.system().name().split("_")[0].lower()
    return name if name in LANGUAGES else "es"


def preferred_language() -> str:
    """The saved choice, else the system's language, else Spanish (the retailer's default)."""
    saved = QSettings().value(SETTING_KEY)
    return str(saved) if saved in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install(language: str, *, remember: bool = False) -> str:
    """Load ``language`` (replacing the previous translator) and return what was loaded."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    lang = language if language in LANGUAGES else "es"
    ours = QTranslator(app)
    path = resources_dir() / "i18n" / f"clienteling_{lang}.qm"
    if not ours.load(str(path)):
        log.warning("translation file %s could not be loaded", path)
    # Qt's own strings (Save, Cancel, context menus) come from the binding's qtbase catalogue.
    qt_own = QTranslator(app)
    qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators[:] = [qt_own, ours]
    for translator in _translators:
        QCoreApplication.installTranslator(translator)
    _current = lang
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Spanish if lang == "es" else QLocale.Language.English,
            QLocale.Country.Spain if lang == "es" else QLocale.Country.UnitedKingdom,
        )
    )
    if remember:
        QSettings().setValue(SETTING_KEY, lang)
    return lang


def uninstall() -> None:
    """Back to the English source strings and the system's formats (tests reset with this)."""
    global _current
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators.clear()
    _current = "en"
    QLocale.setDefault(QLocale.system())
