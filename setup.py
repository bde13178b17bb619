"""Build hook: ship resources/ and compiled translations inside the package.

``resources/`` and ``translations/`` live at the top of the repository (as the
project layout asks), but a plain ``pip install .`` must carry them inside
``kastedesk/`` so the installed program finds them. The catalogs are compiled
from the ``.po`` sources here, so no ``.mo`` file is ever committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # editable installs read the repository folders directly
            return
        target = Path(self.build_lib) / "kastedesk"
        shutil.copytree(ROOT / "resources", target / "resources", dirs_exist_ok=True)
        self._compile_catalogs(target / "locale")

    @staticmethod
    def _compile_catalogs(locale_dir: Path) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=po_path.parent.parent.name)
            mo_path = locale_dir / po_path.relative_to(ROOT / "translations").with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as fh:
                write_mo(fh, catalog)


setup(cmdclass={"build_py": BuildWithData})
