#!/usr/bin/env bash
# Runs the `souzlift` CLI with the production settings, exactly as the service sees them
# (EnvironmentFile of souzlift.service). Used by cron, backup.sh and deploy.sh.
#   SOUZLIFT_ENV_FILE  settings file [/etc/souzlift/souzlift.env]; skipped when missing
#   SOUZLIFT_APP_DIR   checkout [the directory above this script]
set -euo pipefail
APP_DIR="${SOUZLIFT_APP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
ENV_FILE="${SOUZLIFT_ENV_FILE:-/etc/souzlift/souzlift.env}"
NODE_BIN="${NODE_BIN:-node}"
cd "$APP_DIR"
# Like the service (UMask=0027): new photos and copies readable by the group (nginx), not by others.
umask 027
node_args=()
# Node reads the file itself (same KEY=value format as systemd); variables already set win.
if [[ -r "$ENV_FILE" ]]; then node_args+=("--env-file=$ENV_FILE"); fi
exec "$NODE_BIN" "${node_args[@]}" "$APP_DIR/bin/souzlift.js" "$@"
