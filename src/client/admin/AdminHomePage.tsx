import { DashboardPage } from './dashboard/DashboardPage';

/** The admin home is the dashboard (reports). */
export function AdminHomePage() {
  return <DashboardPage />;
}
