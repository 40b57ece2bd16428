"""wuzhangai (无障碍): accessibility audit and compliance for district governments."""

__version__ = "0.1.0"
