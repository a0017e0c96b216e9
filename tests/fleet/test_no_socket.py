"""Many kiosks, one office, and still no network: the fleet's and the counts' code never imports
socket (the kiosk's name comes from platform.node()), and a whole inbox pass and outbox write
run under the network guard like every test."""

from __future__ import annotations

from tests.test_privacy import imported_modules, kiosk_sources


def test_the_fleet_and_usage_code_imports_no_socket_at_all() -> None:
    found = {
        name: sorted(m for m in imported_modules(tree) if m == "socket" or m.startswith("socket."))
        for name, _text, tree in kiosk_sources()
        if name.startswith(("fleet/", "usage/", "ui/fleet_link", "system/inbox_watch", "system/outbox_writer",
                            "system/status_report", "cli/inbox", "cli/usage"))
    }
    assert len(found) >= 12
    assert found == {name: [] for name in found}
