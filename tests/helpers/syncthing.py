"""Real Syncthing instances for the fleet's integration test, talking over 127.0.0.1 only.

Each instance has its own home (`syncthing generate` makes its keys and config.xml, read back
here as the Debian package writes it), listens on `tcp://127.0.0.1:PORT` only, names the other
instance's address explicitly, and has global and local discovery, relays, NAT traversal
(UPnP and STUN), usage and crash reporting and automatic upgrades off; its GUI/REST listener is
on 127.0.0.1 too. Folders rescan every few seconds and watch for changes after one second.
The test stops each instance by its process id, even when it fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

SYNCTHING = shutil.which("syncthing")
OFF_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "urSeen": "3",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "stunKeepaliveStartS": "0",
    "stunKeepaliveMinS": "0",
    "announceLANAddresses": "false",
    "reconnectionIntervalS": "1",
}
ENVIRONMENT = {"STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1", "STNORESTART": "1"}


def why_no_syncthing() -> str | None:
    if SYNCTHING is None:
        return ("Syncthing is not installed (Debian's syncthing package; .ci/run installs it), so "
                "the sync test cannot run")
    return None


def free_port() -> int:
    """A port nothing listens on now (bind only: no connection is made)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Syncthing:
    name: str
    home: Path
    port: int = field(default_factory=free_port)
    gui_port: int = field(default_factory=free_port)
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.home / "syncthing.log"

    def generate(self) -> None:
        assert SYNCTHING is not None
        subprocess.run([SYNCTHING, "generate", f"--home={self.home}"], check=True, capture_output=True,
                       env=self.environment(), timeout=120)
        config = ElementTree.parse(self.home / "config.xml").getroot()
        device = config.find("device")
        assert device is not None
        self.device_id = device.attrib["id"]

    def configure(self, peer: Syncthing, folders: dict[str, tuple[Path, str]]) -> None:
        """Listen on loopback only, know `peer` by its address, share `folders` (id -> path, type)."""
        path = self.home / "config.xml"
        tree = ElementTree.parse(path)
        config = tree.getroot()
        options = config.find("options")
        gui = config.find("gui")
        defaults = config.find("defaults")
        assert options is not None and gui is not None and defaults is not None
        for listen in options.findall("listenAddress"):
            options.remove(listen)
        ElementTree.SubElement(options, "listenAddress").text = self.address
        for key, value in OFF_OPTIONS.items():
            element = options.find(key)
            if element is None:
                element = ElementTree.SubElement(options, key)
            element.text = value
        for server in options.findall("globalAnnounceServer") + options.findall("stunServer"):
            options.remove(server)
        address = gui.find("address")
        assert address is not None
        address.text = f"127.0.0.1:{self.gui_port}"
        own = config.find("device")
        assert own is not None
        own.attrib["name"] = self.name
        template = defaults.find("device")
        assert template is not None
        other = ElementTree.fromstring(ElementTree.tostring(template))
        other.attrib.update(id=peer.device_id, name=peer.name)
        peer_address = other.find("address")
        assert peer_address is not None
        peer_address.text = peer.address
        config.insert(list(config).index(own) + 1, other)
        folder_template = defaults.find("folder")
        assert folder_template is not None
        for folder_id, (folder_path, kind) in folders.items():
            folder = ElementTree.fromstring(ElementTree.tostring(folder_template))
            folder.attrib.update(
                id=folder_id, label=folder_id, path=str(folder_path), type=kind,
                rescanIntervalS="2", fsWatcherEnabled="true", fsWatcherDelayS="1",
            )
            for device in folder.findall("device"):
                folder.remove(device)
            for device_id in (self.device_id, peer.device_id):
                member = ElementTree.SubElement(folder, "device", id=device_id, introducedBy="")
                ElementTree.SubElement(member, "encryptionPassword")
            folder_path.mkdir(parents=True, exist_ok=True)
            (folder_path / ".stfolder").mkdir(exist_ok=True)
            config.insert(list(config).index(own), folder)
        tree.write(path, encoding="unicode")

    def environment(self) -> dict[str, str]:
        return {**os.environ, **ENVIRONMENT, "HOME": str(self.home)}

    def start(self) -> None:
        assert SYNCTHING is not None
        log = self.log.open("wb")
        self.process = subprocess.Popen(
            [SYNCTHING, "serve", f"--home={self.home}", "--no-browser", "--no-restart",
             f"--gui-address=127.0.0.1:{self.gui_port}"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.environment(),
        )
        log.close()

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)
        self.process = None

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
