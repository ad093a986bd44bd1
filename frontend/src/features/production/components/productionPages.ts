// The productions' pages as one lazy chunk (app/router.tsx loads it on the first visit).
export { ProductionPage } from './ProductionPage';
export { ProductionsPage } from './ProductionsPage';
