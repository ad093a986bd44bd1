// Every finance page, as one lazily loaded chunk: the router's routes share one import and one
// list of dependencies, which matters in the router — it is part of the login page's JavaScript.
export { PaymentsPage } from './PaymentsPage';
export { StatementImportPage } from './StatementImportPage';
export { ReceivablesPage } from './ReceivablesPage';
export { RemindersPage } from './RemindersPage';
export { ShipmentsPage } from './ShipmentsPage';
