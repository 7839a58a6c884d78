#!/usr/bin/env bash
# Fetches the Debian packages whose translated text `glossa corpus build --sources debian-*` reads,
# and unpacks only their text (locale catalogues, help, man pages, docs, language packs) into
# .corpus-cache/root. Nothing is installed system-wide: the corpus depends on this package list and
# the archive's versions only, not on what else happens to be installed, so the same packages give
# the same corpus fingerprint.
#
# Usage: bash scripts/install-corpus-deps.sh [CACHE_DIR]   (default .corpus-cache; needs apt + network
# to the Debian archive; re-running skips packages already unpacked.)
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${1:-.corpus-cache}"
DEBS="$CACHE/debs"
ROOT="$CACHE/root"
mkdir -p "$DEBS" "$ROOT" "$CACHE/done"

LANGS_LO="ca cs da de es et eu fi fr hi hu id it ja ko nl pl pt pt-br ru sk sl sv tr vi"
LANGS_MAN="cs da de es fi fr hu id it ja nb nl pl pt-br ro ru sr sv tr uk vi"
LANGS_MOZ="ar bg ca cs da de es-ES et eu fa fi fr he hi-IN hr hu id it ja kk ko lt ms nb-NO nl pl pt-BR pt-PT ro ru sk sl sr sv-SE tr uk vi"

PACKAGES=(
  # gettext catalogues (short UI strings, nearly every language incl. Malay and Indonesian)
  coreutils findutils diffutils tar gawk grep sed wget make gettext gettext-base bash
  binutils-common gcc-12-locales util-linux-locales e2fsprogs-l10n dpkg apt aptitude-common
  debconf-i18n tasksel-data xkb-data iso-codes libc-l10n libpam-runtime shared-mime-info
  libglib2.0-data libgtk-3-common libgtk2.0-common libgtk-4-common gsettings-desktop-schemas
  gnome-shell-common gnome-control-center-data nautilus-data evolution-data-server-common
  gnome-software-common gnome-session-common gnome-settings-daemon-common gedit-common
  evince-common gnome-desktop3-data mutter-common gnome-disk-utility gnome-system-monitor
  gnome-terminal-data libgweather-4-common totem-common file-roller gnome-calculator
  xfce4-panel thunar-data xfce4-session xfce4-settings mousepad xfce4-terminal
  gimp-data inkscape
  # more catalogues, chosen for Malay and Indonesian coverage (GNOME 2 heritage: MATE, Cinnamon, Xfce)
  cinnamon-l10n vlc-l10n pidgin-data rhythmbox-data brasero-common transmission-common
  mate-desktop-common caja-common pluma-common mate-panel-common mate-control-center-common
  atril-common engrampa-common eom-common mate-terminal-common mate-power-manager-common
  mate-settings-daemon-common marco-common mate-utils-common gnumeric-common evolution-common
  aisleriot gnome-mines gnome-sudoku eog cheese-common gnome-maps gnome-weather gnome-clocks
  gnome-contacts gnome-calendar gnome-characters baobab seahorse simple-scan orca gnome-boxes
  epiphany-browser-data gvfs-common network-manager-gnome gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good gnome-keyring xfdesktop4-data xfwm4 xfce4-power-manager-data
  xfce4-notifyd xfce4-screenshooter xfce4-taskmanager parole ristretto xfce4-appfinder
  libxfce4ui-common libexo-common claws-mail-i18n xscreensaver-data gparted synaptic gnome-tweaks
  libgnomekbd-common zenity-common yelp
  # KDE (Plasma, frameworks, apps): also translated into Malay
  plasma-workspace-data plasma-desktop-data kdeplasma-addons-data kate5-data dolphin ktexteditor-data
  kio-extras-data khotkeys-data kde-cli-tools-data kwin-data
  libkf5archive-data libkf5auth-data libkf5bookmarks-data libkf5kcmutils-data libkf5codecs-data
  libkf5completion-data libkf5config-data libkf5configwidgets-data libkf5contacts-data
  libkf5coreaddons-data libkf5dbusaddons-data libkf5declarative-data libkf5kdelibs4support-data
  libkf5su-data libkf5dnssd-data libkf5emoticons-data libkf5filemetadata-data libkf5globalaccel-data
  libkf5guiaddons-data libkf5holidays-data libkf5khtml-data libkf5i18n-data libkf5iconthemes-data
  libkf5itemviews-data libkf5jobwidgets-data libkf5newstuff-data libkf5notifications-data
  libkf5notifyconfig-data libkf5package-data libkf5parts-data libkf5people-data libkf5pty-data
  libkf5service-data libkf5syntaxhighlighting-data libkf5textwidgets-data libkf5unitconversion-data
  libkf5wallet-data libkf5widgetsaddons-data libkf5windowsystem-data libkf5xmlgui-data
  libkf5solid5-data libkf5sonnet5-data
  # spelling dictionaries (word lists for the debian-words source)
  hunspell-ar hunspell-bg hunspell-ca hunspell-cs hunspell-da hunspell-de-de hunspell-en-us hunspell-es
  myspell-et hunspell-eu myspell-fa hunspell-fr-classical hunspell-he hunspell-hi hunspell-hr hunspell-hu
  hunspell-id hunspell-it hunspell-kk hunspell-ko hunspell-lt hunspell-nl hunspell-no hunspell-pl
  hunspell-pt-br hunspell-pt-pt hunspell-ro hunspell-ru hunspell-sk hunspell-sl hunspell-sr
  hunspell-sv hunspell-tr hunspell-uk hunspell-vi
  # documentation
  gnome-user-docs debian-handbook installation-guide-amd64
  debian-reference-de debian-reference-es debian-reference-fr debian-reference-id
  debian-reference-it debian-reference-ja debian-reference-pt
  fortunes-de fortunes-es fortunes-it fortunes-pl fortunes-ru fortunes-cs fortunes-bg
  # games with translated prose (debian-wesnoth: campaign story, unit descriptions, help;
  # debian-freeciv: nation legends and civilopedia) and game catalogues with Malay (minetest, tuxpaint)
  wesnoth-1.16-data freeciv-data minetest-data tuxpaint-data
  # Widelands (debian-widelands): campaign scenarios, tutorials, encyclopaedia; its story text is
  # the one Malay prose in a package (381 MB download, ~27 MB of catalogues kept)
  widelands-data
  # Tux Paint's stamp descriptions (debian-tuxpaint): a sentence per picture in ~80 languages
  tuxpaint-stamps-default
  # MediaWiki's interface messages (debian-mediawiki): Waray-Waray and Malay, among ~400 languages
  mediawiki
  # Unicode CLDR locale data (debian-cldr): everyday words of every language (months, days,
  # countries, units, emoji keywords), separate for Malay and Indonesian, Croatian and Serbian
  unicode-cldr-core
)
# Tesseract OCR's trained data, for its word lists (debian-tesseract; read without Tesseract itself)
for t in ara bul cat ces dan deu eng spa est eus fas fin fra heb hin hrv hun ind ita jpn kaz kor lit msa nld nor pol por ron rus slk slv srp srp-latn swe tur ukr vie; do
  PACKAGES+=("tesseract-ocr-$t")
done
for c in did dm dw ei httt l low nr sof sota sotbe thot trow tsg ttb utbs; do PACKAGES+=("wesnoth-1.16-$c"); done
for l in $LANGS_LO; do PACKAGES+=("libreoffice-help-$l"); done
for l in $LANGS_MAN; do PACKAGES+=("manpages-$l"); done
for l in $LANGS_MOZ; do PACKAGES+=("firefox-esr-l10n-${l,,}" "thunderbird-l10n-${l,,}"); done

# Only text is unpacked (and the word lists inside Tesseract's data); binaries and images are skipped.
KEEP=('./usr/share/locale/*' './usr/share/help/*' './usr/share/man/*' './usr/share/doc/*'
      './usr/share/games/fortunes/*' './usr/share/libreoffice/help/*' './usr/lib/firefox-esr/*' './usr/lib/thunderbird/*'
      './usr/share/gimp/*/help/*' './usr/share/debian-handbook/*' './usr/share/iso-codes/*'
      './usr/share/xml/iso-codes/*' './usr/share/debian-reference/*' './usr/share/hunspell/*'
      './usr/share/myspell/*' './usr/share/games/wesnoth/*/locale/*' './usr/share/mediawiki/*i18n/*.json'
      './usr/share/unicode/cldr/common/main/*' './usr/share/unicode/cldr/common/annotations/*'
      './usr/share/tesseract-ocr/*/tessdata/*.traineddata' './usr/share/tuxpaint/stamps/*.txt'
      './usr/share/games/widelands/data/locale/*')

missing=()
for p in "${PACKAGES[@]}"; do
  [[ -e "$CACHE/done/$p" ]] && continue
  if ! ls "$DEBS/${p}"_*.deb >/dev/null 2>&1; then
    if ! (cd "$DEBS" && apt-get download -qq "$p" >/dev/null 2>&1); then missing+=("$p"); continue; fi
  fi
  deb=$(ls "$DEBS/${p}"_*.deb | head -n1)
  if [[ "$p" == fortunes-* ]]; then
    # Fortune packages do not all put their files under a language folder (fortunes-it does not),
    # so each is unpacked into fortunes/<lang>/ to keep its language.
    mkdir -p "$ROOT/fortunes/${p#fortunes-}"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$ROOT/fortunes/${p#fortunes-}" --wildcards \
      './usr/share/games/fortunes/*' 2>/dev/null || true
  else
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$ROOT" --wildcards "${KEEP[@]}" 2>/dev/null || true
  fi
  touch "$CACHE/done/$p"
  echo "unpacked $p" >&2
done
# Firefox and Thunderbird language packs are zip files; their Fluent/properties files are the text.
find "$ROOT/usr/lib/firefox-esr" "$ROOT/usr/lib/thunderbird" -name 'langpack-*.xpi' 2>/dev/null | while read -r xpi; do
  dir="${xpi%.xpi}"
  [[ -d "$dir" ]] || unzip -qq -o "$xpi" '*.ftl' '*.properties' -d "$dir" 2>/dev/null || true
done
if ((${#missing[@]})); then echo "not available (skipped): ${missing[*]}" >&2; fi
du -sh "$DEBS" "$ROOT" >&2
