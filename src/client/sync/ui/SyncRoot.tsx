import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { useSession } from '../../auth/useSession';
import { getDeviceId, setPersistResult } from '../../db';
import { startSyncEngine, stopSyncEngine } from '../engine';
import { SyncBar } from './SyncBar';
import { rememberDeviceId } from './support';

/**
 * Wraps the auditor portal: starts the sync engine for the signed-in auditor (at app start, so
 * anything left from the last session is sent as soon as there is network), asks the browser to
 * keep IndexedDB (navigator.storage.persist) and shows the sync bar above every auditor page.
 */
export function SyncRoot() {
  const { user } = useSession();
  const userId = user?.id ?? null;
  useEffect(() => {
    if (userId === null) return;
    startSyncEngine(userId);
    void (async () => {
      const persisted = navigator.storage?.persist
        ? await navigator.storage.persist().catch(() => false)
        : false;
      await setPersistResult(persisted);
      rememberDeviceId(await getDeviceId());
    })();
    return () => stopSyncEngine();
  }, [userId]);
  return (
    <>
      {userId !== null && <SyncBar userId={userId} />}
      <Outlet />
    </>
  );
}
