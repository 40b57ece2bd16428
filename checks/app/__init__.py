"""Checks of Android app screens (``adb shell uiautomator dump`` hierarchies), modelled on Google's Accessibility
Test Framework for Android and the MIIT app 适老化 spec. Pure: the parsed screen and the pixels measured on its
screenshot arrive as plain data (``scanner.app_dump`` gathers them)."""
