export { dashboardData, historicalForSnapshot, type DashboardData, type DashboardOptions } from './dashboard';
