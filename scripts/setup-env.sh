#!/bin/sh
# Prepares a fresh Debian or Ubuntu machine for the kiosk: the system libraries Qt needs,
# then a virtual environment in .venv with the kiosk and its development tools.
set -eu
cd "$(dirname "$0")/.."

# Qt's runtime needs, including its X plugin's (libxcb-*) and Wayland's (for cage).
QT_PACKAGES="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
 libwayland-client0 libwayland-cursor0 libwayland-egl1"
VENV_PACKAGE="python3-venv"
# Printing goes through CUPS; cups-pdf gives the tests a real queue that writes PDFs.
PRINT_PACKAGES="cups printer-driver-cups-pdf"

missing_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: trust the machine
    for package in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in *"install ok installed"*) ;; *) printf '%s ' "$package" ;; esac
    done
}

install_or_explain() {
    [ -n "$1" ] || return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing system packages: $1"
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $1 >/dev/null
    else
        echo "The kiosk needs these system packages. Please run:" >&2
        echo "    sudo apt-get install -y $1" >&2
        echo "then run this command again." >&2
        exit 1
    fi
}

# Installs what it can; a missing print system only turns printing (and its tests) off.
install_optional() {
    [ -n "$1" ] || return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing optional system packages: $1"
        # shellcheck disable=SC2086
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq --no-install-recommends $1 >/dev/null; }; then
            echo "warning: could not install $1; the kiosk cannot print and the printer" \
                "tests will skip." >&2
        fi
    else
        echo "note: to print handouts the kiosk needs CUPS: sudo apt-get install -y $1" >&2
    fi
}

needed=$(missing_packages $QT_PACKAGES)
if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    needed="$needed$VENV_PACKAGE"
fi
install_or_explain "$needed"
install_optional "$(missing_packages $PRINT_PACKAGES)"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
