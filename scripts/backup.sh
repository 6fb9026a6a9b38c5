#!/usr/bin/env bash
# Nightly backup (cron, 02:00) and the pre-deploy backup (deploy.sh): `souzlift backup`, then a check
# of the copy just written (`backup verify --quick`: sha256 of every database part and the
# db.sqlite3.sha256sums file against the manifest, quick_check of the database, which `backup` itself
# no longer runs; media sizes). Extra arguments go to
# `souzlift backup` (--dest DIR, --label NAME). Exit code non-zero when either step fails.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOUZLIFT="${SOUZLIFT:-$HERE/souzlift.sh}"

echo "=== $(date '+%F %T') резервное копирование: начало"
out="$("$SOUZLIFT" backup "$@")"
printf '%s\n' "$out"
dir="$(printf '%s\n' "$out" | sed -n 's/^Резервная копия готова: //p' | tail -n 1)"
if [[ -z "$dir" ]]; then
  echo "ОШИБКА: не удалось определить каталог новой копии" >&2
  exit 1
fi
"$SOUZLIFT" backup verify --quick "$dir"
echo "=== $(date '+%F %T') резервное копирование: готово ($dir)"
