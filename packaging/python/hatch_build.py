"""Build hooks for the accord-mcp wheel (run by hatchling under scripts/package).

The wheel is not pure Python: it carries a Linux x86-64 executable. These hooks
- take the version from ACCORD_VERSION (Accord's own, AccordVersion.current),
- tag the wheel py3-none-<ACCORD_WHEEL_PLATFORM> (e.g. manylinux_2_28_x86_64),
- install the staged binary `bin/accord` as the `accord` script, so pip puts the
  executable itself on PATH (no Python start-up in front of every call).
"""

import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface


def _required(name):
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"{name} is not set: build the wheel with scripts/package, which sets it")
    return value


class CustomMetadataHook(MetadataHookInterface):
    def update(self, metadata):
        metadata["version"] = _required("ACCORD_VERSION")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        binary = os.path.join(self.root, "bin", "accord")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"{binary} is missing or not executable: scripts/package stages it")
        build_data["pure_python"] = False
        build_data["tag"] = "py3-none-" + _required("ACCORD_WHEEL_PLATFORM")
        build_data["shared_scripts"] = {binary: "accord"}
