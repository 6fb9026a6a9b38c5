import { lazy, type ReactNode, Suspense, useState } from 'react';
import { clearDevice, unsyncedSummary } from '../../db';
import { stopSyncEngine } from '../engine';

// Fetched only when there is something to warn about (precached by the service worker: works offline).
const LogoutWarningDialog = lazy(() =>
  import('./LogoutWarningDialog').then((m) => ({ default: m.LogoutWarningDialog })),
);

/**
 * Logout that never silently drops unsent work: when the device holds anything the server does not
 * have, a dialog names it (audits, photos) and asks; either way the device copy is cleared after
 * the logout (DESIGN §5).
 */
export function useSafeLogout(
  userId: number | null,
  logout: () => void,
): { request: () => void; dialog: ReactNode } {
  const [summary, setSummary] = useState<{ audits: number; photos: number } | null>(null);
  // Mounted from the first warning on, so the dialog keeps its closing transition.
  const [isDialogLoaded, setIsDialogLoaded] = useState(false);

  const finish = async () => {
    setSummary(null);
    stopSyncEngine();
    await clearDevice();
    logout();
  };

  const request = () => {
    void (async () => {
      const s = userId === null ? { audits: 0, photos: 0 } : await unsyncedSummary(userId);
      if (s.audits > 0 || s.photos > 0) {
        setIsDialogLoaded(true);
        setSummary(s);
      } else await finish();
    })();
  };

  const dialog = isDialogLoaded && (
    <Suspense fallback={null}>
      <LogoutWarningDialog
        summary={summary}
        onStay={() => setSummary(null)}
        onConfirm={() => void finish()}
      />
    </Suspense>
  );
  return { request, dialog };
}
