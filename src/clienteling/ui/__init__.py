"""The shop assistant's Qt application (the only package that imports Qt)."""
