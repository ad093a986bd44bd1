// The settlements' pages as one lazy chunk (app/router.tsx loads it on the first visit).
export { SettlementPage } from './SettlementPage';
export { SettlementsPage } from './SettlementsPage';
