#!/usr/bin/env bash
# Installs the maintenance schedule deploy/cron/souzlift as /etc/cron.d/souzlift, adjusted to this
# checkout, the service user and the log directory. Run as root:  sudo scripts/install-cron.sh
#   --app-dir DIR   checkout path written into the jobs [directory above this script]
#   --user USER     user the jobs run as [souzlift]
#   --log-dir DIR   where job output goes [/var/log/souzlift]
#   --mailto ADDR   where cron mails reports and failures [root]
#   --target FILE   where to install [/etc/cron.d/souzlift]
#   --print         print the result instead of installing
#   --remove        remove the installed file
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP_DIR="$(cd "$HERE/.." && pwd)"
APP_USER=souzlift
LOG_DIR=/var/log/souzlift
MAILTO=root
TARGET=/etc/cron.d/souzlift
ACTION=install

while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-dir) APP_DIR="$2"; shift 2 ;;
    --user) APP_USER="$2"; shift 2 ;;
    --log-dir) LOG_DIR="$2"; shift 2 ;;
    --mailto) MAILTO="$2"; shift 2 ;;
    --target) TARGET="$2"; shift 2 ;;
    --print) ACTION=print; shift ;;
    --remove) ACTION=remove; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install-cron.sh: неизвестный параметр $1 (см. --help)" >&2; exit 2 ;;
  esac
done

if [[ "$ACTION" == remove ]]; then
  rm -f "$TARGET"
  echo "Расписание удалено: $TARGET"
  exit 0
fi

render() {
  # Job lines: five schedule fields, the user, the command. Only the user column and paths change.
  awk -v user="$APP_USER" -v app="$APP_DIR" -v logs="$LOG_DIR" -v mailto="$MAILTO" '
    /^MAILTO=/ { print "MAILTO=" mailto; next }
    /^[[:space:]]*(#|$)/ || /^[A-Z_]+=/ { print; next }
    {
      line = $0
      gsub("/opt/souzlift", app, line)
      gsub("/var/log/souzlift", logs, line)
      n = split(line, f, /[[:space:]]+/)
      if (n < 7) { print "install-cron.sh: bad job line: " $0 > "/dev/stderr"; exit 1 }
      prefix = f[1] " " f[2] " " f[3] " " f[4] " " f[5]
      rest = line
      for (i = 1; i <= 6; i++) sub(/^[[:space:]]*[^[:space:]]+/, "", rest)
      sub(/^[[:space:]]+/, "", rest)
      print prefix "  " user "  " rest
    }
  ' "$HERE/../deploy/cron/souzlift"
}

content="$(render)"
if [[ "$ACTION" == print ]]; then
  printf '%s\n' "$content"
  exit 0
fi
if ! id "$APP_USER" >/dev/null 2>&1; then
  echo "install-cron.sh: пользователь $APP_USER не существует (см. docs/deployment.md)" >&2
  exit 1
fi
mkdir -p "$(dirname "$TARGET")"
tmp="$(mktemp "$(dirname "$TARGET")/.souzlift-cron.XXXXXX")"
printf '%s\n' "$content" > "$tmp"
chmod 0644 "$tmp"
mv "$tmp" "$TARGET"
echo "Расписание установлено: $TARGET (пользователь $APP_USER, код $APP_DIR, логи $LOG_DIR)"
