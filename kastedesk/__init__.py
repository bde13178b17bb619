"""KasteDesk: steering groups, meetings and workshop feedback for Kaste projects."""

__version__ = "0.1.0"
APP_NAME = "KasteDesk"
