import type { EngineStatus } from '../engine';
import type { DeviceAuditState } from '../useSyncStatus';

declare const __APP_VERSION__: string;

/**
 * «Скопировать для поддержки»: what a support ticket needs (runbook §3.1) — app version, device,
 * browser, network state, and per audit its batch id and the server's reasons.
 */
export function supportText(
  audits: DeviceAuditState[],
  status: EngineStatus,
  deviceId = localDeviceHint(),
): string {
  const lines = [
    `Союзлифт Аудит ${typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '?'}`,
    `Устройство: ${deviceId}`,
    `Браузер: ${navigator.userAgent}`,
    `Сеть: ${navigator.onLine ? 'есть' : 'нет'}; последняя попытка: ${status.lastRunAt ?? '—'}; проблема: ${status.lastProblem ?? '—'}`,
    `Время: ${new Date().toISOString()}`,
  ];
  for (const a of audits.filter((x) => x.hasUnsent || x.syncState === 'error')) {
    lines.push(
      `Аудит ${a.uuid} (${a.label}): ${a.syncState}, пакет ${a.lastBatchId ?? '—'}, фото не отправлено: ${a.unsentPhotos}`,
    );
    for (const e of a.errors) lines.push(`  ${e.code} ${e.path}: ${e.message}`);
  }
  return lines.join('\n');
}

let deviceHint = '—';
export function rememberDeviceId(id: string): void {
  deviceHint = id;
}
function localDeviceHint(): string {
  return deviceHint;
}
