"""Packaging beyond pyproject.toml: ship the seed pages inside the package.

People edit the seed pages where the repository keeps them (seed/pages/, beside their
sources); a built wheel carries them as the package data `wiki/seed_pages/`, so an
installed wiki seeds from any working folder. pyproject.toml's `packages.find` cannot
add a package that lives outside wiki/, hence this file.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["wiki*"]), "wiki.seed_pages"],
    package_dir={"wiki.seed_pages": "seed/pages"},
)
