#!/usr/bin/env bash
# Release deployment for Souzlift Audit (runbook §1.3), run on the server from the checkout:
#   sudo /opt/souzlift/scripts/deploy.sh
# Steps: stop the service → backup → git fetch/checkout/pull --ff-only → npm ci → build → migrate →
# souzlift check → start → smoke checks → status. Stops at the first failing step and says what to do.
# While the service is stopped nginx shows the maintenance page (503, Retry-After).
# Settings (environment): APP_DIR, SERVICE [souzlift], APP_USER [souzlift], BRANCH [main],
#   SOUZLIFT_ENV_FILE [/etc/souzlift/souzlift.env], SMOKE_URL [PUBLIC_URL from the env file],
#   SMOKE_USER / SMOKE_PASSWORD (a smoke account: login and one API call per portal).
set -Eeuo pipefail

APP_DIR="${APP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
SERVICE="${SERVICE:-souzlift}"
APP_USER="${APP_USER:-souzlift}"
BRANCH="${BRANCH:-main}"
ENV_FILE="${SOUZLIFT_ENV_FILE:-/etc/souzlift/souzlift.env}"
SOUZLIFT="${SOUZLIFT:-$APP_DIR/scripts/souzlift.sh}"
BACKUP_SCRIPT="${BACKUP_SCRIPT:-$APP_DIR/scripts/backup.sh}"
SYSTEMCTL="${SYSTEMCTL:-systemctl}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-60}"

env_value() { # the value of KEY in the env file, without quotes
  [[ -r "$ENV_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1 | sed 's/^"\(.*\)"$/\1/'
}
PORT="$(env_value PORT)"
LOCAL_URL="http://127.0.0.1:${PORT:-8000}"
SMOKE_URL="${SMOKE_URL:-$(env_value PUBLIC_URL)}"
SMOKE_URL="${SMOKE_URL:-$LOCAL_URL}"

SUDO=()
[[ $EUID -eq 0 ]] || SUDO=(sudo)
# CLI commands run as the service user so the files they create belong to it.
as_app() {
  if [[ "$(id -un)" == "$APP_USER" ]] || ! id "$APP_USER" >/dev/null 2>&1; then "$@"
  elif [[ $EUID -eq 0 ]]; then runuser -u "$APP_USER" -- "$@"
  else sudo -u "$APP_USER" -- "$@"; fi
}
# git and npm run as the owner of the checkout.
CODE_OWNER="$(stat -c %U "$APP_DIR")"
as_owner() {
  if [[ "$(id -un)" == "$CODE_OWNER" ]]; then "$@"
  elif [[ $EUID -eq 0 ]]; then runuser -u "$CODE_OWNER" -- "$@"
  else sudo -u "$CODE_OWNER" -- "$@"; fi
}

STEP=""
STAGE=start            # start → stopped → backed_up → code_updated → migrating → started
PREV_COMMIT=""
BACKUP_DIR_MADE=""
N=0
TOTAL=11

advice() {
  local restore_code="cd $APP_DIR && git checkout $PREV_COMMIT && npm ci && npm run build"
  case "$STAGE" in
    start)
      echo "Служба не останавливалась, ничего не изменено. Исправьте причину и запустите deploy.sh снова." ;;
    stopped)
      echo "Служба остановлена, код и база не менялись. Запустите прежнюю версию: sudo systemctl start $SERVICE"
      echo "Затем выясните, почему не удалась резервная копия (место на диске: souzlift storage-report)." ;;
    backed_up)
      echo "Код мог обновиться частично, база не менялась (копия: $BACKUP_DIR_MADE)."
      echo "Вернитесь к прежней версии: $restore_code && sudo systemctl start $SERVICE" ;;
    code_updated)
      echo "Новый код получен, база не менялась. Исправьте причину и повторите deploy.sh,"
      echo "или вернитесь к прежней версии: $restore_code && sudo systemctl start $SERVICE" ;;
    migrating | migrated | started)
      echo "База могла быть изменена миграциями. Если новую версию не исправить быстро, верните всё как было:"
      echo "  1. sudo systemctl stop $SERVICE"
      echo "  2. sudo -u $APP_USER $APP_DIR/scripts/souzlift.sh restore $BACKUP_DIR_MADE"
      echo "  3. $restore_code"
      echo "  4. sudo systemctl start $SERVICE && sudo systemctl status $SERVICE"
      echo "Подробно: docs/operations.md, раздел «Восстановление из резервной копии»." ;;
  esac
}

on_error() {
  local code=$?
  ((BASH_SUBSHELL == 0)) || exit "$code" # inside $(…): let the main shell report it once
  trap - ERR
  echo
  echo "ОШИБКА на шаге «$STEP» (код $code). Развёртывание остановлено."
  advice
  exit "$code"
}
trap on_error ERR

step() {
  N=$((N + 1))
  STEP="$1"
  echo
  echo "==> [$N/$TOTAL] $STEP ($(date '+%T'))"
}

wait_healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  until curl -fsS --max-time 3 "$LOCAL_URL/healthz" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "Приложение не ответило на $LOCAL_URL/healthz за $HEALTH_TIMEOUT с. Журнал: journalctl -u $SERVICE -n 50"
      return 1
    fi
    sleep 1
  done
}

step "Проверка окружения"
cd "$APP_DIR"
git rev-parse --git-dir >/dev/null
PREV_COMMIT="$(git rev-parse HEAD)"
echo "Каталог $APP_DIR, текущая версия $(git describe --tags --always 2>/dev/null || echo "$PREV_COMMIT"), ветка $BRANCH"

step "Остановка службы $SERVICE"
"${SUDO[@]}" "$SYSTEMCTL" stop "$SERVICE"
STAGE=stopped

step "Резервная копия базы и медиа"
backup_out="$(as_app "$BACKUP_SCRIPT" --label pre-deploy)"
printf '%s\n' "$backup_out"
BACKUP_DIR_MADE="$(printf '%s\n' "$backup_out" | sed -n 's/^Резервная копия готова: //p' | tail -n 1)"
[[ -n "$BACKUP_DIR_MADE" ]]
STAGE=backed_up

step "Обновление кода (git fetch, checkout $BRANCH, pull --ff-only)"
as_owner git fetch --all --prune
as_owner git checkout "$BRANCH"
as_owner git pull --ff-only
STAGE=code_updated
echo "Новая версия: $(git rev-parse --short HEAD)"

step "Установка зависимостей (npm ci)"
as_owner npm ci --no-audit --no-fund

step "Сборка (npm run build)"
as_owner npm run build

step "Миграции базы данных"
STAGE=migrating
as_app "$SOUZLIFT" migrate
STAGE=migrated

step "Проверка конфигурации (souzlift check --deploy)"
as_app "$SOUZLIFT" check --deploy

step "Запуск службы $SERVICE"
"${SUDO[@]}" "$SYSTEMCTL" start "$SERVICE"
STAGE=started
wait_healthy

step "Smoke-проверки ($SMOKE_URL)"
as_owner npm run --silent test:smoke -- --url "$SMOKE_URL"

step "Состояние службы"
"${SUDO[@]}" "$SYSTEMCTL" --no-pager status "$SERVICE" | head -n 15

echo
echo "Готово: версия $(git rev-parse --short HEAD) развёрнута. Резервная копия до релиза: $BACKUP_DIR_MADE"
echo "Следующие 24 часа следите за журналом (docs/operations.md, «Пост-релизный мониторинг»)."
